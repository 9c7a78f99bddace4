"""Staff shell views: the health check and the staff dashboard, which opens with the to-do list across
apps (issue 13 item 12: past years' annual reports overdue, cases due within 3 workdays, records past
their Art. 26 date) and then gathers every app's panels."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.agencies.access import readable_agencies
from gongkai.agencies.models import Agency
from gongkai.applications.selectors import due_buckets
from gongkai.catalog.selectors import overdue_drafts
from gongkai.core import clock
from gongkai.reports.dashboard import past_years_overdue
from gongkai.staff.dashboard import collect
from gongkai.workdays.services import missing_next_year


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness plus a database round trip; 503 when the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # report any database failure as unhealthy
        return JsonResponse({"status": "error", "database": str(exc)}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    agencies = list(readable_agencies(request.user).order_by("path")[:200])
    return render(request, "staff/dashboard.html", {
        "agencies": agencies,
        "missing_year": missing_next_year(),
        "todo": _todo(agencies),
        "panels": collect(request, agencies),
    })


DUE_SOON_WORKDAYS = 3


def _todo(agencies: list[Agency]) -> dict[str, object]:
    """The three things that turn into breaches first, in the order they are shown."""
    if not agencies:
        return {}
    today = clock.today()
    ids = [a.pk for a in agencies]
    soon, overdue_cases = due_buckets(ids, today=today, within_workdays=DUE_SOON_WORKDAYS)
    return {
        "reports": sorted(past_years_overdue(agencies[:100], today), key=lambda s: (s.year, s.agency.path)),
        "cases_soon": soon[:20], "cases_soon_count": len(soon), "cases_overdue_count": len(overdue_cases),
        "records": list(overdue_drafts(ids, today=today)[:20]),
        "records_count": overdue_drafts(ids, today=today).count(),
        "workdays": DUE_SOON_WORKDAYS,
    }
