"""Staff pages of annual reports: the list (with create), one report (figures, checks, narrative with
suggested drafts, workflow actions, history), downloads, and the superior office's roll-up.

Scoping: a report of an agency the user may neither read nor supervise answers 404; an action the
user's roles do not allow answers 403 (``reports.access``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agency_or_404
from gongkai.core import clock
from gongkai.core.models import Event
from gongkai.core.params import MAX_YEAR, MIN_YEAR, parse_int, query_ids
from gongkai.formats import get_format
from gongkai.reports import access, deadlines, figures, narrative, rollup, selectors, services
from gongkai.reports.assemble import previous_data, report_data, run_checks
from gongkai.reports.checks import errors
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import exports
from gongkai.reports.render.html import TABLE_CSS, report_fragment
from gongkai.reports.workflow import AGENCY_EDIT_ROLES, available


def _int(value: Any, default: int) -> int:
    """A year from a form or query string; anything that is not a plausible year is the default."""
    parsed = parse_int(value if isinstance(value, str) else None, lo=MIN_YEAR, hi=MAX_YEAR)
    return default if parsed is None else parsed


def _report_or_404(request: HttpRequest, report_id: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("agency"), pk=report_id)
    access.require_read_report(request.user, report.agency)
    return report


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    year = _int(request.GET.get("year"), today.year - 1)
    reports = selectors.reports_for(request.user).filter(year=year).order_by("agency__path", "-version")[:1000]
    creatable = [a for a in selectors.visible_agencies(request.user).order_by("path")[:500]
                 if has_role(request.user, a, *AGENCY_EDIT_ROLES)]
    supervised = selectors.superior_agencies(request.user).exists()
    return render(request, "reports/list.html", {
        "year": year, "reports": reports, "creatable": creatable, "supervised": supervised,
    })


@login_required
@require_POST
def report_create(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    year = _int(request.POST.get("year"), clock.today().year - 1)
    era = request.POST.get("era") or None
    try:
        report = services.report_create(agency=agency, year=year, era=era, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(f"{reverse('reports:list')}?year={year}")
    return redirect("reports:detail", report.pk)


def _entered_rows(report: AnnualReport) -> list[dict[str, Any]]:
    fmt = get_format(report.era)
    out: list[dict[str, Any]] = []
    for table_key, rows in figures.ENTERABLE.get(report.era, {}).items():
        table = fmt.table(table_key)
        for row_key, cols in rows.items():
            block = table.block_of(row_key)
            row = table.row(row_key)
            out.append({
                "table": table_key, "row": row_key, "label": row.label,
                "cells": [{"col": c, "label": block.column(c).label, "name": f"e:{table_key}:{row_key}:{c}",
                           "value": report.entered_value(table_key, row_key, c)} for c in cols],
            })
    return out


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    suggestions: dict[str, str] = {}
    data = report_data(report)
    previous = previous_data(report.agency, report.year)
    problems = run_checks(report, data, previous, with_previous=False)
    if report.is_editable:
        suggestions = narrative.suggest(data, previous, agency_name=report.agency.name, year=report.year)
    can_edit = report.is_editable and has_role(request.user, report.agency, *AGENCY_EDIT_ROLES)
    actions = [t for t in available(report.status) if access.may(request.user, report.agency, t)]
    fmt = get_format(report.era)
    sections = [{"key": key, "heading": fmt.section(key).heading, "text": report.narrative[key],
                 "suggestion": suggestions.get(key, "")} for key in ("overview", "problems", "other")]
    versions = AnnualReport.objects.filter(agency=report.agency, year=report.year).order_by("-version")
    return render(request, "reports/detail.html", {
        "report": report, "data": data, "problems": problems,
        "blocking": errors(problems), "tables_html": report_fragment(data, fmt=fmt) if data else "",
        "table_css": TABLE_CSS, "can_edit": can_edit, "actions": actions, "sections": sections,
        "entered_rows": _entered_rows(report) if can_edit else [],
        "due": deadlines.due_date(report.agency, report.year),
        "days_remaining": deadlines.days_remaining(report.agency, report.year, clock.today()),
        "versions": versions,
        "events": Event.objects.filter(object_type="reports.annualreport", object_id=str(report.pk))
        .select_related("actor").order_by("-at", "-id")[:50],
    })


@login_required
@require_POST
def report_edit(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _report_or_404(request, report_id)
    use = request.POST.get("use_suggestion")
    narrative_text: dict[str, str] = {}
    entered: dict[str, Any] | None = None
    if use:
        # The clerk chose to take the suggested draft for one section (computed now, shown on the page).
        data = report_data(report)
        suggestion = narrative.suggest(data, previous_data(report.agency, report.year),
                                       agency_name=report.agency.name, year=report.year)
        if use not in suggestion:
            raise Http404("no such section")
        narrative_text[use] = suggestion[use]
    else:
        narrative_text = {k: request.POST.get(k, "") for k in ("overview", "problems", "other") if k in request.POST}
        entered = {}
        for name, value in request.POST.items():
            if name.startswith("e:"):
                _e, table, row, col = name.split(":", 3)
                entered.setdefault(table, {}).setdefault(row, {})[col] = str(value).strip()
    try:
        services.report_update(report=report, actor=request.user, narrative=narrative_text, entered=entered,
                               title=request.POST.get("title"))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except services.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已采用建议草稿，可继续修改") if use else _("已保存"))
    return redirect("reports:detail", report.pk)


@login_required
@require_POST
def report_act(request: HttpRequest, report_id: int, report_action: str) -> HttpResponse:
    report = _report_or_404(request, report_id)
    try:
        result = services.report_act(report=report, action=report_action, actor=request.user,
                                     comment=request.POST.get("comment", ""))
    except services.ChecksFailed as exc:
        messages.error(request, _("检查未通过，不能报送：") + "；".join(p.message for p in exc.problems))
        return redirect("reports:detail", report.pk)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("reports:detail", report.pk)
    except services.TransitionError as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", report.pk)
    except PermissionDenied:
        raise
    messages.success(request, _("操作完成"))
    return redirect("reports:detail", result.pk)


@login_required
def report_download(request: HttpRequest, report_id: int, export_kind: str) -> HttpResponse:
    report = _report_or_404(request, report_id)
    return exports.response(report_data(report), export_kind, f"{report.agency.code}-{report.year}-v{report.version}")


@login_required
def rollup_view(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    year = _int(request.GET.get("year"), today.year - 1)
    supervised = list(selectors.superior_agencies(request.user).order_by("path")[:2000])
    if not supervised:
        raise PermissionDenied("只有上级政府信息公开工作主管部门可以查看汇总")
    error = ""
    era = request.GET.get("era") or services.default_era(year)
    if era not in figures.TABLES:
        error, era = "未知的年报格式，已按该年度的格式汇总", services.default_era(year)
    statuses = rollup.overview(supervised, year, era=era, today=today)
    chosen_ids = set(query_ids(request, "agency"))
    chosen = [a for a in supervised if a.pk in chosen_ids]
    summed_html = ""
    problems: list[Any] = []
    if chosen:
        try:
            data, problems = rollup.aggregate(chosen, year, era=era)
            summed_html = report_fragment(data)
        except ValueError as exc:
            error = str(exc)
    return render(request, "reports/rollup.html", {
        "year": year, "statuses": statuses, "chosen_ids": chosen_ids, "summed_html": summed_html,
        "problems": problems, "error": error, "table_css": TABLE_CSS, "chosen": chosen,
    })
