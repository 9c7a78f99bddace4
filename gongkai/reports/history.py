"""Report history: published annual reports imported from files, stored and read only here.

``ingest`` reads and parses a file and hands the parsed ``ReportData`` to ``history_store``, which runs
the checks against last year's history (R5 carry-over), copies the headline figures into the indexed
columns (``headlines.summary``) and creates or replaces the agency's report for that year in one
transaction with one event. Reads: ``last_year_report`` for the report generator's carry-over check and
year-over-year comparison, and the access-scoped list, detail and comparison rows for ingest's pages.

The rows live in the ``PublishedReport`` table declared under the ``ingest`` app label: moving a model
between apps would need a table-moving migration, so the table stays where it is and this module is its
only reader and writer (docs/decisions/0004-one-report-pipeline.md).
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from gongkai.agencies.access import can_read, readable_agencies
from gongkai.agencies.models import Agency
from gongkai.core import clock
from gongkai.core.actors import Actor, person
from gongkai.core.events import record, snapshot
from gongkai.reports.checks import Problem, check_report
from gongkai.reports.data import ReportData
from gongkai.reports.headlines import summary
from gongkai.reports.models import PublishedReport


class ComparisonRow(TypedDict):
    """One (agency, year) of the comparison page: the headline figures from the indexed columns."""

    id: int
    agency_id: int
    agency__name: str
    year: int
    era: str
    applications_received: int | None
    outcome_granted: int | None
    outcome_partial: int | None
    outcome_denied: int | None
    outcome_unable: int | None
    outcome_not_processed: int | None
    outcome_other: int | None
    proactive_total: int | None
    review_total: int | None
    litigation_total: int | None


COMPARE_FIELDS = ("applications_received", "outcome_granted", "outcome_partial", "outcome_denied", "outcome_unable",
                  "outcome_not_processed", "outcome_other", "proactive_total", "review_total", "litigation_total")


def published_report_for(agency: Agency, year: int) -> PublishedReport | None:
    return PublishedReport.objects.filter(agency=agency, year=year).order_by("-imported_at", "-id").first()


def last_year_report(agency: Agency, year: int) -> ReportData | None:
    """The imported report of ``year - 1`` for ``agency`` (None when none was imported)."""
    found = published_report_for(agency, year - 1)
    return ReportData.from_json(found.data) if found is not None else None


def history_store(*, agency: Agency | None, data: ReportData, actor: Actor, source_filename: str,
                  source_kind: str, sha256: str) -> PublishedReport:
    """Store a parsed published report as ``agency``'s history for ``data.year`` (one row per agency and year).

    ``data.year`` must be set. The checks run here, against last year's history, so every stored report
    carries the problems found with the same rules the generated reports use.
    """
    if data.year is None:
        raise ValueError("history_store needs the report year")
    previous = last_year_report(agency, data.year) if agency is not None else None
    problems: list[Problem] = check_report(data, previous=previous)
    fields: dict[str, Any] = {
        "agency_name": data.agency_name or (agency.name if agency is not None else ""),
        "era": data.era, "title": data.title[:200], "data": data.to_json(),
        "checks": [p.to_json() for p in problems], "source_filename": source_filename[:255],
        "source_kind": source_kind, "sha256": sha256, "imported_at": clock.now(),
        "imported_by": person(actor),
        "error_count": sum(1 for p in problems if p.severity == "error"),
        "warning_count": sum(1 for p in problems if p.severity != "error"),
        **summary(data),
    }
    with transaction.atomic():
        existing = (PublishedReport.objects.select_for_update().filter(agency=agency, year=data.year).first()
                    if agency is not None else None)
        if existing is not None:
            before = snapshot(existing, exclude=("data", "checks"))
            for k, v in fields.items():
                setattr(existing, k, v)
            existing.save()
            report, action = existing, "ingest.published_report.replace"
        else:
            before = None
            report = PublishedReport.objects.create(agency=agency, year=data.year, **fields)
            action = "ingest.published_report.import"
        # The event names keep their ingest.* spelling: the audit log's history must stay searchable.
        record(action=action, obj=report, actor=actor, agency=agency, before=before,
               after=snapshot(report, exclude=("data", "checks")), note=source_filename[:200])
    return report


def readable_reports(user: Actor) -> QuerySet[PublishedReport]:
    """Reports of agencies the user may read; reports without an agency are for platform admins only."""
    qs = PublishedReport.objects.select_related("agency")
    if getattr(user, "is_superuser", False):
        return qs
    return qs.filter(agency__in=readable_agencies(user))


def published_report_or_404(user: Actor, pk: int) -> PublishedReport:
    try:
        report = PublishedReport.objects.select_related("agency").get(pk=pk)
    except PublishedReport.DoesNotExist as exc:
        raise Http404("no such report") from exc
    if getattr(user, "is_superuser", False):
        return report
    if report.agency is None or not can_read(user, report.agency):
        raise Http404("no such report")
    return report


def comparison_rows(user: Actor, agency_ids: list[int] | None = None) -> list[ComparisonRow]:
    """One row per (agency, year) with the headline figures, straight from the indexed columns."""
    qs = readable_reports(user).exclude(year__isnull=True).exclude(agency__isnull=True)
    if agency_ids:
        qs = qs.filter(agency_id__in=agency_ids)
    rows = qs.order_by("agency__path", "year").values("id", "agency_id", "agency__name", "year", "era",
                                                      *COMPARE_FIELDS)
    return [ComparisonRow(**row) for row in rows]  # type: ignore[typeddict-item]
