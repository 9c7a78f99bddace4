"""One report's complete data: the computed tables, the staff's narrative, and the checks.

``report_data(report)`` is the frozen ReportData of a submitted/accepted/published report, or a fresh
computation for a draft. ``previous_data(agency, year)`` finds last year's report for the carry-over
check (R5) and the year-over-year comparison: this platform's own published report first, else the
published report imported into report history (``gongkai.reports.history.last_year_report``).
"""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.formats import get_format
from gongkai.reports import figures, history, narrative
from gongkai.reports.checks import Problem, check_report
from gongkai.reports.data import ReportData
from gongkai.reports.models import AnnualReport
from gongkai.reports.workflow import Status


def default_title(agency: Agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def live_data(report: AnnualReport) -> ReportData:
    data = figures.compute(report.agency_id, report.year, era=report.era, entered=report.entered,
                           agency_name=report.agency.name, title=report.title)
    fmt = get_format(report.era)
    data.narrative = report.narrative
    data.headings = {s.key: s.heading for s in fmt.sections}
    table_sections = [s.key for s in fmt.sections if s.table]
    data.sections = [s.key for s in fmt.sections
                     if s.key in table_sections or (data.narrative.get(s.key) or "").strip()]
    data.figures = narrative.facts([report.agency_id], report.year, data)
    return data


def report_data(report: AnnualReport) -> ReportData:
    if report.data and report.status != Status.DRAFT and report.status != Status.RETURNED:
        return ReportData.from_json(report.data)
    return live_data(report)


def previous_data(agency: Agency, year: int) -> ReportData | None:
    """Last year's (``year - 1``) report of ``agency``: own published version first, else imported."""
    own = (AnnualReport.objects.filter(agency=agency, year=year - 1, status=Status.PUBLISHED)
           .order_by("-version").first())
    if own is not None and own.data:
        return ReportData.from_json(own.data)
    return history.last_year_report(agency, year)


def run_checks(report: AnnualReport, data: ReportData | None = None,
               previous: ReportData | None = None, *, with_previous: bool = True) -> list[Problem]:
    data = data or report_data(report)
    if previous is None and with_previous:
        previous = previous_data(report.agency, report.year)
    return check_report(data, previous=previous)
