"""Dashboard panel: the annual report due next for each of the user's agencies, with its statutory date
(``deadlines``: from report year 2019 departments 1月31日, governments 3月31日; before, all 3月31日) and
days remaining, and its status."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.core import clock
from gongkai.reports import deadlines, rollup


def panels(request: HttpRequest, agencies: list[Any]) -> list[dict[str, Any]]:
    if not agencies:
        return []
    today = clock.today()
    by_year: dict[int, list[Any]] = {}
    for a in agencies[:100]:
        by_year.setdefault(deadlines.current_year(a, today), []).append(a)
    rows = []
    for year, group in sorted(by_year.items()):
        rows.extend(rollup.statuses(group, year, today=today))
    rows.sort(key=lambda s: (s.status == "published", s.days_remaining))
    return [{"template": "reports/panel.html", "rows": rows, "today": today}]
