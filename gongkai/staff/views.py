"""Staff shell views: the health check and the staff dashboard that gathers every app's panels."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongkai.agencies.access import readable_agencies
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
        "panels": collect(request, agencies),
    })
