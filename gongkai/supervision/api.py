"""JSON API of 督办 (mounted under /api/supervision/): the same figures as the page and the XLSX."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.agencies.access import readable_agencies, readable_agency_or_404
from gongkai.core.params import ApiYear
from gongkai.supervision import selectors

router = Router(tags=["supervision"])


class RowOut(Schema):
    agency_id: int
    agency: str
    received: int
    closed_on_time: int
    closed_late: int
    due_soon: int
    overdue_open: int


class FiguresOut(Schema):
    year: int
    month: int | None
    rows: list[RowOut]
    totals: dict[str, int]


@router.get("/agencies/{agency_id}/{year}", response=FiguresOut)
def figures(request: HttpRequest, agency_id: int, year: ApiYear, month: int | None = None) -> FiguresOut:
    if not request.user.is_authenticated:
        raise HttpError(401, "请先登录")
    if month is not None and not 1 <= month <= 12:
        raise HttpError(422, "月份参数不正确")
    agency = readable_agency_or_404(request.user, agency_id)
    readable = set(readable_agencies(request.user).values_list("id", flat=True))
    ids = [a.pk for a in selectors.subordinates(agency) if a.pk in readable]
    rows = selectors.figures(ids, year=year, month=month)
    return FiguresOut(year=year, month=month, totals=selectors.totals(rows),
                      rows=[RowOut(agency_id=r.agency_id, agency=r.agency, **r.figures) for r in rows])
