"""JSON API of the catalog (mounted at /api/catalog/).

``GET records`` lists published records (public); with ``mine=true`` a signed-in staff user gets the
records of the agencies they may read in every state. ``GET records/{record_id}`` answers for a
published record, or for any record the user may read. ``GET agencies/{agency_id}/figures/{year}``
gives the annual-report figures (staff only, scoped).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from gongkai.agencies.access import can_read, readable_agencies, readable_agency_or_404
from gongkai.catalog import selectors
from gongkai.catalog.models import Record
from gongkai.catalog.workflow import Status
from gongkai.core.params import ApiId, ApiOffset, ApiYear

router = Router(tags=["catalog"])
MAX_LIMIT = 200


class RecordOut(Schema):
    id: int
    agency_id: int
    agency: str
    status: str
    index_number: str | None
    title: str
    doc_number: str
    topic: str
    category: str
    keywords: str
    written_on: dt.date | None
    formed_on: dt.date
    published_on: dt.date | None
    disclosure: str
    validity: str
    validity_changed_on: dt.date | None
    kind: str
    summary: str
    url: str


def _out(r: Record) -> dict[str, Any]:
    return {
        "id": r.pk, "agency_id": r.agency_id, "agency": r.agency.name, "status": r.status,
        "index_number": r.index_number, "title": r.title, "doc_number": r.doc_number, "topic": r.topic,
        "category": r.category.name, "keywords": r.keywords, "written_on": r.written_on, "formed_on": r.formed_on,
        "published_on": r.published_on, "disclosure": r.disclosure, "validity": r.validity,
        "validity_changed_on": r.validity_changed_on, "kind": r.kind, "summary": r.summary,
        "url": f"/record/{r.pk}/" if r.status == Status.PUBLISHED else f"/staff/catalog/{r.pk}/",
    }


@router.get("records", response=list[RecordOut])
def list_records(request: HttpRequest, agency: ApiId | None = None, year: ApiYear | None = None, mine: bool = False,
                 limit: int = 50, offset: ApiOffset = 0) -> list[dict[str, Any]]:
    if mine:
        qs = Record.objects.filter(agency__in=readable_agencies(request.user))
    else:
        qs = selectors.public_records()
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    if year is not None:
        qs = qs.filter(published_on__year=year)
    limit = max(1, min(limit, MAX_LIMIT))
    rows = qs.select_related("agency", "category").order_by("-published_at", "-id")[offset:offset + limit]
    return [_out(r) for r in rows]


@router.get("records/{record_id}", response=RecordOut)
def get_record(request: HttpRequest, record_id: int) -> dict[str, Any]:
    r = Record.objects.select_related("agency", "category").filter(pk=record_id).first()
    if r is None or (r.status != Status.PUBLISHED and not can_read(request.user, r.agency)):
        raise Http404("no such record")
    return _out(r)


@router.get("agencies/{agency_id}/figures/{year}")
def figures(request: HttpRequest, agency_id: int, year: ApiYear) -> dict[str, Any]:
    agency = readable_agency_or_404(request.user, agency_id)
    ids = [agency.pk]
    # Fees are a Decimal (万元): sent as a string so JSON keeps every digit.
    table2 = {key: str(value) if key == "fees" else value
              for key, value in selectors.table2_figures(ids, year).items()}
    return {"agency_id": agency.pk, "year": year, "table2": table2,
            "channels": selectors.channel_counts(ids, year), "categories": selectors.category_counts(ids, year),
            "timeliness": selectors.timeliness_counts(ids, year)}
