"""Dashboard panel: for each of the user's agencies (first 100), the website annual report on last year —
its status, the 1月31日 deadline of 国办函〔2018〕12号 and the days left, or how many days it is overdue —
unpublished ones first."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.core import clock
from gongkai.websites import selectors


def panels(request: HttpRequest, agencies: list[Any]) -> list[dict[str, Any]]:
    if not agencies:
        return []
    rows = selectors.due_rows(agencies[:100], today=clock.today())
    return [{"template": "websites/panel.html", "rows": rows, "overdue": sum(1 for r in rows if r.overdue_days)}]
