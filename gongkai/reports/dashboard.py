"""Dashboard panel: for each of the user's agencies, the annual reports of past years still not published
after their statutory date (``deadlines``: from report year 2019 departments 1月31日, governments 3月31日;
before, all 3月31日) first, oldest first, then the report due next with its days remaining and status.

A past year counts when the agency has a report of that year on the platform (begun but unpublished) or
the year is not before the agency's first year on the platform (its first event), at most
``LOOKBACK_YEARS`` back; a year with a published report or an imported published report
(``PublishedReport``, report history) is done."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.core import clock
from gongkai.core.models import Event
from gongkai.reports import deadlines, rollup
from gongkai.reports.models import AnnualReport, PublishedReport

LOOKBACK_YEARS = 3


def past_years_overdue(agencies: list[Any], today: Any) -> list[rollup.AgencyStatus]:
    """Unpublished reports of years before the one being prepared, whose due date has passed."""
    first_year = {pk: clock.local_date(at).year for pk, at in
                  Event.objects.filter(agency__in=agencies, seq=1).values_list("agency_id", "at")}
    imported = set(PublishedReport.objects.filter(agency__in=agencies).values_list("agency_id", "year"))
    begun = set(AnnualReport.objects.filter(agency__in=agencies, year__gte=today.year - 1 - LOOKBACK_YEARS)
                .values_list("agency_id", "year"))
    by_year: dict[int, list[Any]] = {}
    for a in agencies:
        current = deadlines.current_year(a, today)
        first = first_year.get(a.pk, current)
        for year in range(current - LOOKBACK_YEARS, current):
            if (year >= first or (a.pk, year) in begun) and (a.pk, year) not in imported:
                by_year.setdefault(year, []).append(a)
    late: list[rollup.AgencyStatus] = []
    for year, group in sorted(by_year.items()):
        late.extend(s for s in rollup.statuses(group, year, today=today) if s.status == "late")
    return late


def panels(request: HttpRequest, agencies: list[Any]) -> list[dict[str, Any]]:
    if not agencies:
        return []
    today = clock.today()
    agencies = agencies[:100]
    by_year: dict[int, list[Any]] = {}
    for a in agencies:
        by_year.setdefault(deadlines.current_year(a, today), []).append(a)
    rows = []
    for year, group in sorted(by_year.items()):
        rows.extend(rollup.statuses(group, year, today=today))
    rows.sort(key=lambda s: (s.status == "published", s.days_remaining))
    overdue = sorted(past_years_overdue(agencies, today), key=lambda s: (s.year, s.days_remaining))
    return [{"template": "reports/panel.html", "rows": overdue + rows, "overdue_count": len(overdue),
             "today": today}]
