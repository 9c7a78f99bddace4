"""Reads of imported published reports, scoped by agency access.

``last_year_report(agency, year)`` is what the report generator uses for year-over-year comparison
and the R5 carry-over check: the imported report of ``year - 1`` (the year before the one being
written), as ``ReportData``, or None.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import can_read, readable_agencies
from gongkai.agencies.models import Agency
from gongkai.ingest.models import PublishedReport
from gongkai.reports.data import ReportData


def published_report_for(agency: Agency, year: int) -> PublishedReport | None:
    return PublishedReport.objects.filter(agency=agency, year=year).order_by("-imported_at", "-id").first()


def last_year_report(agency: Agency, year: int) -> ReportData | None:
    """The imported report of ``year - 1`` for ``agency`` (None when none was imported)."""
    found = published_report_for(agency, year - 1)
    return ReportData.from_json(found.data) if found is not None else None


def readable_reports(user: Any) -> QuerySet[PublishedReport]:
    """Reports of agencies the user may read; reports without an agency are for platform admins only."""
    qs = PublishedReport.objects.select_related("agency")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(agency__in=readable_agencies(user))


def published_report_or_404(user: Any, pk: int) -> PublishedReport:
    try:
        report = PublishedReport.objects.select_related("agency").get(pk=pk)
    except PublishedReport.DoesNotExist as exc:
        raise Http404("no such report") from exc
    if getattr(user, "is_superuser", False):
        return report
    if report.agency is None or not can_read(user, report.agency):
        raise Http404("no such report")
    return report


COMPARE_FIELDS = ("applications_received", "outcome_granted", "outcome_partial", "outcome_denied", "outcome_unable",
                  "outcome_not_processed", "outcome_other", "proactive_total", "review_total", "litigation_total")


def comparison_rows(user: Any, agency_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """One row per (agency, year) with the headline figures, straight from the indexed columns."""
    qs = readable_reports(user).exclude(year__isnull=True).exclude(agency__isnull=True)
    if agency_ids:
        qs = qs.filter(agency_id__in=agency_ids)
    return list(qs.order_by("agency__path", "year").values("id", "agency_id", "agency__name", "year", "era",
                                                           *COMPARE_FIELDS))
