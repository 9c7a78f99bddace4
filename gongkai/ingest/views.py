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
from gongkai.formats import READ_FORMATS
from gongkai.ingest import services
from gongkai.ingest.forms import UploadForm
from gongkai.ingest.guard import NO_ROLE_MESSAGE, UPLOAD_POLICY, import_agencies
from gongkai.ingest.ocr import WEB_OCR_SECONDS
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
            filename=upload.name, year=form.cleaned_data.get("year"), ocr_seconds=WEB_OCR_SECONDS,
            ask=not form.cleaned_data.get("confirm"))
    except services.ImportNeedsConfirmation as exc:
        # Nothing is stored: the person reads what would happen, ticks 确认导入 and chooses the file again.
        form.add_error("confirm", exc)
        qs = selectors.readable_reports(request.user).order_by("agency__path", "-year", "-id")[:500]
        return render(request, "ingest/list.html", {"reports": qs, "form": form, "needs_confirm": True}, status=409)
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


# Figures stated in sentences, as staff read them (the keys of docs/ingest.md never reach the page).
PROSE_LABELS: dict[str, str] = {
    "proactive.total": "主动公开信息总数", "proactive.category": "主动公开信息（按类别）",
    "proactive.channel": "主动公开信息（按渠道）", "applications.received": "收到申请数",
    "applications.answered": "答复申请数", "fees.amount": "收费金额", "review.total": "行政复议数",
    "litigation.total": "行政诉讼数", "staff.total": "工作人员数", "staff.full_time": "专职人员数",
    "staff.part_time": "兼职人员数", "meetings.count": "工作会议次数", "training.sessions": "培训次数",
    "training.attendees": "培训人次", "hotline.received": "热线及在线咨询件数", "hotline.completed": "热线办结件数",
    "hotline.completion_rate": "办结率", "consultations.received": "接待咨询人次",
    "consultations.answered": "解答咨询人次", "interpretations.count": "政策解读数", "media.items": "媒体报道次数",
}
ERA_LABELS: dict[str, str] = {
    "2021": "2021年格式（国办公开办函〔2021〕30号）", "2019": "2019年格式（国办公开办函〔2019〕60号）",
    "pre2019": "2019年以前全国统一样式的政府信息公开情况统计表",
    "local2008": "2008—2016年各地自定样式的政府信息公开情况统计表",
    "narrative": "仅有文字、无统计表",
}


def _tables(data: ReportData) -> list[dict[str, Any]]:
    fmt = READ_FORMATS.get(data.era)
    if fmt is None:
        return []
    out = []
    for era_table in fmt.tables:
        if era_table.key not in data.tables:
            continue
        table = READ_FORMATS[data.layout(era_table.key)].table(era_table.key)
        cells = data.tables[table.key]
        blocks = []
        evidence: list[dict[str, Any]] = []
        for block in table.blocks:
            rows = []
            for row in block.rows:
                cols = block.row_columns(row)
                if table.key == "local" and not any((row.key, c.key) in cells for c in cols):
                    continue  # a local table prints only its own rows
                row_cells = []
                for c in cols:
                    cell = cells.get((row.key, c.key))
                    row_cells.append({"text": _cell_text(cell), "unsure": bool(cell and cell.unsure),
                                      "column": c.label, "evidence": (cell.snippet or "") if cell else ""})
                    if cell is not None and cell.snippet:
                        evidence.append({"row": row.label or table.title, "column": c.label,
                                         "text": _cell_text(cell), "unsure": cell.unsure, "source": cell.snippet,
                                         "key": f"{table.key}|{row.key}|{c.key}"})
                rows.append({"label": row.label or table.title, "unit": row.unit or "", "cells": row_cells})
            blocks.append({"caption": block.caption, "columns": [c.label for c in block.columns], "rows": rows})
        out.append({"title": table.title, "blocks": blocks, "evidence": evidence})
    return out


@login_required
def report_detail(request: HttpRequest, published_report_id: int) -> HttpResponse:
    report = selectors.published_report_or_404(request.user, published_report_id)
    data = ReportData.from_json(report.data)
    problems = [Problem.from_json(p) for p in report.checks]
    categories = [(f.label, f.value) for f in data.figures_of("proactive.category")]
    chart = charts.bar_chart(categories, title=_("主动公开信息分类"), unit="条") if categories else None
    tables = _tables(data)
    unsure = [e for t in tables for e in t["evidence"] if e["unsure"]]
    agency_id = report.agency_id
    can_confirm = agency_id is not None and import_agencies(request.user).filter(pk=agency_id).exists()
    figures = [{"label": PROSE_LABELS.get(f.key, "其他数据") + (f"：{f.label}" if f.label else ""), "value": f.value,
                "unit": f.unit, "approx": f.approx, "unsure": f.unsure, "snippet": f.snippet} for f in data.figures]
    return render(request, "ingest/detail.html", {
        "report": report, "data": data, "problems": problems, "tables": tables, "chart": chart,
        "free_rows": data.free_rows, "figures": figures, "unsure": unsure,
        "era_label": ERA_LABELS.get(report.era, report.get_era_display()), "can_confirm": can_confirm,
    })


@login_required
@require_POST
def report_confirm(request: HttpRequest, published_report_id: int) -> HttpResponse:
    """Settle one unsure figure after reading the original (office head or admin of the report's agency)."""
    report = selectors.published_report_or_404(request.user, published_report_id)
    agency_id = report.agency_id
    if agency_id is None or not import_agencies(request.user).filter(pk=agency_id).exists():
        raise PermissionDenied(NO_ROLE_MESSAGE)
    raw = (request.POST.get("value") or "").strip()
    key = request.POST.get("key") or ""
    try:
        if not raw.isdigit():
            raise ValidationError("请填写对照原文读到的非负整数")
        services.published_report_confirm_cell(report=report, key=key, value=int(raw), actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已确认该项数据，核对结果已重新计算"))
    return redirect("ingest:detail", published_report_id=report.pk)


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
