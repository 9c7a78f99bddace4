"""Writes to annual reports: create a draft, edit its narrative and entered figures, and move it
through the workflow (submit, return, accept, publish, reopen). Each write is one transaction and
one event; publication also publishes the catalog record (政府信息公开年报) through the catalog service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency
from gongkai.catalog.rules import ANNUAL_REPORT
from gongkai.core import clock, events
from gongkai.formats import FORMATS
from gongkai.formats.declarations import NARRATIVE_FIELDS
from gongkai.reports import access, figures
from gongkai.reports.assemble import default_title, live_data, run_checks
from gongkai.reports.checks import Problem, errors
from gongkai.reports.models import AnnualReport
from gongkai.reports.workflow import AGENCY_EDIT_ROLES, OPEN, Status, TransitionError, needs_comment, transition

CATEGORY = ANNUAL_REPORT  # the standard portal column (国办公开办函〔2019〕61号)
SNAP_FIELDS = ["status", "version", "era", "title", "overview", "problems", "other_matters", "entered",
               "review_comment", "index_number", "record_id"]


class ChecksFailed(ValidationError):
    """Submission refused: the checks found errors (``problems`` lists them)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(["；".join(p.message for p in problems)])


def default_era(year: int) -> str:
    if year <= 2018:
        return "pre2019"
    if year <= 2020:
        return "2019"
    return "2021"


def _require_edit(actor: Any, agency: Agency) -> None:
    from django.core.exceptions import PermissionDenied

    if not has_role(actor, agency, *AGENCY_EDIT_ROLES):
        raise PermissionDenied("需要本机关经办人、审批人、公开工作机构负责人或管理员岗位")


def report_create(*, agency: Agency, year: int, actor: Any, era: str | None = None) -> AnnualReport:
    _require_edit(actor, agency)
    era = era or default_era(year)
    if era not in FORMATS:
        raise ValidationError({"era": f"未知的年报格式：{era}"})
    with transaction.atomic():
        if AnnualReport.objects.filter(agency=agency, year=year, status__in=sorted(OPEN)).exists():
            raise ValidationError(f"{agency.name}{year}年度报告已有未发布的版本")
        latest = AnnualReport.objects.filter(agency=agency, year=year).order_by("-version").first()
        report = AnnualReport.objects.create(
            agency=agency, year=year, era=era, version=(latest.version + 1) if latest else 1,
            title=default_title(agency, year), previous=latest,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        events.record(action="reports.report_created", obj=report, agency=agency, actor=actor,
                      after=events.snapshot(report, fields=SNAP_FIELDS))
    return report


def _clean_entered(report: AnnualReport, entered: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    bad: list[str] = []
    for table, rows in entered.items():
        for row, cols in (rows or {}).items():
            for col, value in (cols or {}).items():
                if value is None or value == "":
                    continue
                if not figures.enterable(report.era, table, row, col):
                    bad.append(f"{table}/{row}/{col} 由台账计算，不能录入")
                    continue
                try:
                    number = int(str(value).strip()) if "." not in str(value) else str(value).strip()
                except ValueError:
                    bad.append(f"{table}/{row}/{col}：“{value}”不是数字")
                    continue
                out.setdefault(table, {}).setdefault(row, {})[col] = number
    if bad:
        raise ValidationError(bad)
    return out


def report_update(*, report: AnnualReport, actor: Any, narrative: Mapping[str, str] | None = None,
                  entered: Mapping[str, Any] | None = None, title: str | None = None) -> AnnualReport:
    """Save the clerk's narrative text, entered figures and title (draft or returned reports only)."""
    _require_edit(actor, report.agency)
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        if not report.is_editable:
            raise TransitionError(f"“{Status(report.status).label}”的报告不能修改")
        before = events.snapshot(report, fields=SNAP_FIELDS)
        for key, text in (narrative or {}).items():
            if key in NARRATIVE_FIELDS:
                setattr(report, NARRATIVE_FIELDS[key], (text or "").strip())
        if entered is not None:
            report.entered = _clean_entered(report, entered)
        if title is not None and title.strip():
            report.title = title.strip()
        report.save()
        events.record(action="reports.report_updated", obj=report, agency=report.agency, actor=actor,
                      before=before, after=events.snapshot(report, fields=SNAP_FIELDS))
    return report


def _freeze(report: AnnualReport, now: dt.datetime) -> tuple[dict[str, Any], list[Problem]]:
    data = live_data(report)
    problems = run_checks(report, data)
    frozen = data.to_json()
    frozen["checks"] = [p.to_json() for p in problems]
    frozen["frozen_at"] = now.isoformat()
    frozen["agency_id"] = report.agency_id
    frozen["version"] = report.version
    return frozen, problems


def report_act(*, report: AnnualReport, action: str, actor: Any, comment: str = "",
               now: dt.datetime | None = None) -> AnnualReport:
    """Apply one workflow action; returns the report acted on (for ``reopen``: the new version)."""
    now = now or clock.now()
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        t = transition(report.status, action)
        access.require(actor, report.agency, t)
        if needs_comment(t) and not comment.strip():
            raise ValidationError({"comment": "退回须写明审核意见"})
        before = events.snapshot(report, fields=SNAP_FIELDS)
        if action == "reopen":
            return _reopen(report, actor, before, comment)
        if action == "submit":
            frozen, problems = _freeze(report, now)
            if errors(problems):
                raise ChecksFailed(errors(problems))
            report.data = frozen
            report.submitted_at = now
            report.review_comment = ""
        elif action == "return":
            report.review_comment = comment.strip()
            report.decided_at = now
            report.data = None  # the figures are live again while the agency fixes the report
        elif action == "accept":
            report.review_comment = comment.strip()
            report.decided_at = now
        elif action == "publish":
            _publish_record(report, actor, now)
            report.published_at = now
            AnnualReport.objects.filter(agency=report.agency, year=report.year, status=Status.PUBLISHED) \
                .exclude(pk=report.pk).update(status=Status.SUPERSEDED)
        # Every report row names its target; only application rows leave it to the service.
        assert t.target is not None
        report.status = t.target
        report.save()
        events.record(action=f"reports.report_{action}", obj=report, agency=report.agency, actor=actor,
                      before=before, after=events.snapshot(report, fields=SNAP_FIELDS), note=comment.strip(), at=now)
    return report


def _reopen(report: AnnualReport, actor: Any, before: dict[str, Any], comment: str) -> AnnualReport:
    new = AnnualReport.objects.create(
        agency=report.agency, year=report.year, era=report.era, version=report.version + 1, title=report.title,
        overview=report.overview, problems=report.problems, other_matters=report.other_matters,
        entered=report.entered, previous=report,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    events.record(action="reports.report_reopen", obj=new, agency=report.agency, actor=actor, before=before,
                  after=events.snapshot(new, fields=SNAP_FIELDS), note=comment.strip())
    return new


def _publish_record(report: AnnualReport, actor: Any, now: dt.datetime) -> None:
    from gongkai.catalog.services import record_publish_generated
    from gongkai.reports.data import ReportData
    from gongkai.reports.render.html import report_fragment

    assert report.data is not None
    data = ReportData.from_json(report.data)
    from django.urls import reverse

    link = reverse("nianbao:detail", args=[report.pk])
    body = f'<p><a href="{link}">查看年度报告页面（含图表，可下载DOCX、PDF、XLSX）</a></p>' + report_fragment(data)
    record = record_publish_generated(
        agency=report.agency, title=report.title, category_name=CATEGORY, body_html=body,
        formed_on=clock.local_date(now), actor=actor, now=now,
        summary=f"{report.agency.name}{report.year}年政府信息公开工作年度报告（第{report.version}版）",
    )
    report.record_id = record.pk
    report.index_number = record.index_number or ""
