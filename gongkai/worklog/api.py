"""JSON API routes of ``gongkai.worklog`` (mounted under /api/worklog/): an agency's entries and summed
figures for a year. Staff only, scoped by agency (404 for an agency the caller cannot read)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.agencies.access import readable_agency_or_404
from gongkai.core.params import ApiYear
from gongkai.worklog import selectors

router = Router(tags=["worklog"])


class EntryOut(Schema):
    id: int
    year: int
    kind: str
    kind_label: str
    occurred_on: dt.date | None
    title: str
    quantity: Decimal
    secondary: int | None
    principal_leader: bool


def _staff(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "请先登录")


@router.get("/agencies/{agency_id}/{year}/entries", response=list[EntryOut])
def list_entries(request: HttpRequest, agency_id: int, year: ApiYear) -> list[EntryOut]:
    _staff(request)
    agency = readable_agency_or_404(request.user, agency_id)
    return [EntryOut(id=e.pk, year=e.year, kind=e.kind, kind_label=str(e.get_kind_display()),
                     occurred_on=e.occurred_on, title=e.title, quantity=e.quantity, secondary=e.secondary,
                     principal_leader=e.principal_leader)
            for e in selectors.entries([agency.pk], year).order_by("kind", "id")]


@router.get("/agencies/{agency_id}/{year}/figures", response=dict[str, Decimal])
def figures(request: HttpRequest, agency_id: int, year: ApiYear) -> dict[str, Decimal]:
    _staff(request)
    agency = readable_agency_or_404(request.user, agency_id)
    return {k: Decimal(v) for k, v in selectors.work_figures([agency.pk], year).items()}
