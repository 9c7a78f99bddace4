"""Staff pages: imported published reports (list + upload, detail with check results) and a comparison
across agencies and years with server-rendered SVG charts. Every page is scoped by agency access."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import readable_agencies
from gongkai.core import uploads
from gongkai.core.params import query_id, query_ids
from gongkai.formats import FORMATS
from gongkai.ingest import services
from gongkai.ingest.forms import UploadForm
from gongkai.ingest.guard import NO_ROLE_MESSAGE, UPLOAD_POLICY, import_agencies
from gongkai.reports import charts
from gongkai.reports import history as selectors
from gongkai.reports.checks import Problem
from gongkai.reports.data import Cell, ReportData


def _upload_agencies(user: Any) -> Any:
    # Importing is for the roles that own the annual report (gongkai.ingest.guard.IMPORT_ROLES).
    return import_agencies(user)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.readable_reports(request.user).order_by("agency__path", "-year", "-id")
    agency_id = query_id(request, "agency")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    agencies = _upload_agencies(request.user)
    form = UploadForm(agencies=agencies) if agencies.exists() else None
    return render(request, "ingest/list.html", {"reports": qs[:500], "form": form})


@login_required
@require_POST
@uploads.guard_uploads(UPLOAD_POLICY)
def report_upload(request: HttpRequest) -> HttpResponse:
    agencies = _upload_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(NO_ROLE_MESSAGE)
    refused = uploads.refusal(request)
    if refused:
        return uploads.refused_page(request, 413, refused)
    form = UploadForm(request.POST, request.FILES, agencies=agencies)
    if not form.is_valid():
        qs = selectors.readable_reports(request.user).order_by("agency__path", "-year", "-id")[:500]
        return render(request, "ingest/list.html", {"reports": qs, "form": form}, status=400)
    upload = form.cleaned_data["file"]
    try:
        report = services.published_report_import(
            agency=form.cleaned_data["agency"], path_or_bytes=upload.read(), actor=request.user,
            filename=upload.name, year=form.cleaned_data.get("year"))
    except ValidationError as exc:
        form.add_error("file", exc)
        qs = selectors.readable_reports(request.user).order_by("agency__path", "-year", "-id")[:500]
        return render(request, "ingest/list.html", {"reports": qs, "form": form}, status=400)
    messages.success(request, _("已导入：%(name)s") % {"name": report.source_filename})
    return redirect("ingest:detail", published_report_id=report.pk)


def _cell_text(c: Cell | None) -> str:
    if c is None:
        return ""
    if c.note:
        return c.note
    if c.value is None:
        return c.raw or ""
    return str(c.value)


def _tables(data: ReportData) -> list[dict[str, Any]]:
    fmt = FORMATS.get(data.era)
    if fmt is None:
        return []
    out = []
    for era_table in fmt.tables:
        if era_table.key not in data.tables:
            continue
        table = FORMATS[data.layout(era_table.key)].table(era_table.key)
        cells = data.tables[table.key]
        blocks = []
        for block in table.blocks:
            rows = []
            for row in block.rows:
                cols = block.row_columns(row)
                rows.append({
                    "label": row.label or table.title, "unit": row.unit or "",
                    "cells": [{"text": _cell_text(cells.get((row.key, c.key))),
                               "unsure": bool(cells.get((row.key, c.key)) and cells[(row.key, c.key)].unsure),
                               "column": c.label} for c in cols],
                })
            blocks.append({"caption": block.caption, "columns": [c.label for c in block.columns], "rows": rows})
        out.append({"title": table.title, "blocks": blocks})
    return out


@login_required
def report_detail(request: HttpRequest, published_report_id: int) -> HttpResponse:
    report = selectors.published_report_or_404(request.user, published_report_id)
    data = ReportData.from_json(report.data)
    problems = [Problem.from_json(p) for p in report.checks]
    categories = [(f.label, f.value) for f in data.figures_of("proactive.category")]
    chart = charts.bar_chart(categories, title=_("主动公开信息分类"), unit="条") if categories else None
    return render(request, "ingest/detail.html", {
        "report": report, "data": data, "problems": problems, "tables": _tables(data), "chart": chart,
        "free_rows": data.free_rows, "figures": data.figures,
    })


OUTCOME_LABELS = (("outcome_granted", "予以公开"), ("outcome_partial", "部分公开"), ("outcome_denied", "不予公开"),
                  ("outcome_unable", "无法提供"), ("outcome_not_processed", "不予处理"), ("outcome_other", "其他处理"))


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    agencies = readable_agencies(request.user).filter(published_reports__isnull=False).distinct().order_by("path")
    chosen = query_ids(request, "agency")
    rows = selectors.comparison_rows(request.user, chosen or None)
    years = sorted({r["year"] for r in rows})
    labels = [str(y) for y in years]
    names: dict[int, str] = {}
    apps: dict[str, list[Any]] = {}
    proactive: dict[str, list[Any]] = {}
    for r in rows:
        name = r["agency__name"]
        names[r["agency_id"]] = name
        apps.setdefault(name, [None] * len(years))[years.index(r["year"])] = r["applications_received"]
        proactive.setdefault(name, [None] * len(years))[years.index(r["year"])] = r["proactive_total"]
    # Outcome mix summed over the chosen agencies, per year: one GROUP BY.
    qs = selectors.readable_reports(request.user).exclude(year__isnull=True).exclude(agency__isnull=True)
    if chosen:
        qs = qs.filter(agency_id__in=chosen)
    sums: dict[str, Any] = {f: Sum(f) for f, _l in OUTCOME_LABELS}
    mix: list[dict[str, Any]] = [dict(m) for m in qs.values("year").annotate(**sums).order_by("year")]
    mix_years = [str(m["year"]) for m in mix]
    mix_series = {label: [m[f] for m in mix] for f, label in OUTCOME_LABELS}
    return render(request, "ingest/compare.html", {
        "agencies": agencies, "chosen": chosen, "rows": rows,
        "apps_chart": charts.line_chart(labels, apps, title=_("每年新收政府信息公开申请数"), unit="件")
        if rows else None,
        "proactive_chart": charts.grouped_bar_chart(labels, proactive, title=_("每年主动公开信息数"), unit="条")
        if rows else None,
        "mix_chart": charts.grouped_bar_chart(mix_years, mix_series, title=_("申请办理结果构成"), unit="件",
                                              stacked=True) if mix else None,
        "mix": mix, "outcome_labels": OUTCOME_LABELS,
    })
