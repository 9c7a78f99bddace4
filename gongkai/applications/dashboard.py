"""Staff dashboard panel of applications: open cases by status, due soon and overdue, missing calendar."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest

from gongkai.agencies.models import Agency
from gongkai.applications.selectors import due_buckets, open_cases
from gongkai.applications.workflow import Status
from gongkai.core import clock


def panels(request: HttpRequest, agencies: list[Agency]) -> list[dict[str, Any]]:
    ids = [a.pk for a in agencies]
    if not ids:
        return []
    today = clock.today()
    by_status = dict(open_cases(ids).order_by().values_list("status").annotate(n=Count("id")))
    soon, overdue = due_buckets(ids, today=today)
    return [{
        "template": "applications/dashboard_panel.html",
        "by_status": [(str(Status(s).label), n) for s, n in sorted(by_status.items())],
        "soon": soon[:10], "overdue": overdue[:10], "soon_count": len(soon), "overdue_count": len(overdue),
        "uncomputable": open_cases(ids).exclude(due_error="").count(),
        "provisional": open_cases(ids).filter(due_provisional=True).count(),
        "unconfirmed": open_cases(ids).filter(received_on__isnull=True).count(),
    }]
