"""Staff dashboard panel of the catalog: review/approval queues, Art. 26 overdue drafts and late
publications of this year for the agencies the user may read."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest

from gongkai.agencies.models import Agency
from gongkai.catalog import selectors
from gongkai.catalog.models import Record
from gongkai.catalog.workflow import Status
from gongkai.core import clock


def panels(request: HttpRequest, agencies: list[Agency]) -> list[dict[str, Any]]:
    ids = [a.pk for a in agencies]
    if not ids:
        return []
    today = clock.today()
    queues = dict(Record.objects.filter(agency_id__in=ids, status__in=[
        Status.SUBMITTED, Status.REVIEWED, Status.FIRST_APPROVED, Status.APPROVED, Status.RETURNED,
    ]).order_by().values_list("status").annotate(n=Count("id")))
    return [{
        "template": "catalog/dashboard_panel.html",
        "queues": [(s.value, s.label, queues.get(s.value, 0)) for s in
                   (Status.SUBMITTED, Status.REVIEWED, Status.FIRST_APPROVED, Status.APPROVED, Status.RETURNED)],
        "overdue": list(selectors.overdue_drafts(ids, today=today)[:20]),
        "late": list(selectors.late_publications(ids, today.year)[:20]),
        "counts": selectors.timeliness_counts(ids, today.year, today=today),
        "year": today.year,
    }]
