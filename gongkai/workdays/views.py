"""Staff pages for the workday calendar: years on record, one year's days, and notice import.

Everyone on staff may read the calendar; only platform admins change it. Importing a notice is two
steps: paste → the preview shows each day (new, already stored, or in conflict with a stored day), the
stored days kept, every sentence not used and every warning → confirm merges them (a doubtful notice
or a conflict needs a ticked confirmation).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.agencies.access import is_platform_admin, is_staff_user
from gongkai.workdays import selectors, services
from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind
from gongkai.workdays.notice import NoticeParseError, parse_notice


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_user(request.user):
        raise PermissionDenied


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    years = CalendarYear.objects.annotate(
        holidays=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        makeups=Count("days", filter=Q(days__kind=DayKind.MAKEUP_WORKDAY)),
    ).order_by("-year")
    return render(request, "workdays/list.html", {"years": years, "missing_year": services.missing_next_year(),
                                                  "can_edit": is_platform_admin(request.user)})


@login_required
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    _require_staff(request)
    cy = CalendarYear.objects.filter(year=year).first()
    if cy is None:
        raise Http404
    if request.method == "POST":
        if not is_platform_admin(request.user):
            raise PermissionDenied
        try:
            day = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            messages.error(request, "日期格式应为 YYYY-MM-DD")
            return redirect("workdays:year", year)
        kind = request.POST.get("kind") or None
        if kind not in (None, *DayKind.values):
            messages.error(request, "类型不正确")
            return redirect("workdays:year", year)
        services.day_set(year=year, date=day, kind=kind, name=request.POST.get("name", "")[:40],
                         actor=request.user)
        messages.success(request, "已保存")
        return redirect("workdays:year", year)
    days = CalendarDay.objects.filter(calendar_year=cy).select_related("notice").order_by("date")
    return render(request, "workdays/year.html", {"cy": cy, "days": days, "kinds": DayKind.choices,
                                                  "can_edit": is_platform_admin(request.user)})


@login_required
def notice_import(request: HttpRequest) -> HttpResponse:
    """Paste → preview (days, conflicts, unused sentences, warnings) → confirm → merge (issue 11 items 8–9)."""
    if not is_platform_admin(request.user):
        raise PermissionDenied
    text = request.POST.get("text", "")
    year_raw = (request.POST.get("year") or request.GET.get("year") or "").strip()
    ctx: dict[str, object] = {"text": text, "year": year_raw}
    if request.method != "POST":
        return render(request, "workdays/import.html", ctx)
    if year_raw and not (year_raw.isdigit() and 2000 <= int(year_raw) <= 2100):
        ctx["error"] = "年份应为四位数字，例如 2027"
        return render(request, "workdays/import.html", ctx)
    try:
        parsed = parse_notice(text, int(year_raw) if year_raw else None)
    except NoticeParseError as exc:
        ctx["error"] = str(exc)
        return render(request, "workdays/import.html", ctx)
    plan = selectors.notice_merge_plan(parsed)
    reasons = services.confirmation_reasons(parsed, plan)
    source = request.POST.get("source", "")[:300] or parsed.source_label
    ctx.update(parsed=parsed, plan=plan, reasons=reasons, year=parsed.year, source=source,
               no_date=[s.text for s in parsed.sentences if s.status == "no_date"])
    if request.POST.get("confirm") == "1":
        if reasons and request.POST.get("checked") != "1":
            ctx["error"] = "请先逐项核对下列提示、未使用的句子和冲突，并勾选确认后再保存"
            return render(request, "workdays/import.html", ctx)
        try:
            services.year_import_notice(parsed=parsed, text=text, source=source, actor=request.user,
                                        confirmed=bool(reasons))
        except services.NoticeNeedsConfirmation as exc:
            ctx["error"] = f"未保存：{exc}。数据在预览后发生了变化，请重新核对"
            return render(request, "workdays/import.html", ctx)
        messages.success(request, f"已合并{parsed.year}年节假日安排：新增{len(plan.added)}天，"
                                  f"改变{len(plan.conflicts)}天，保留{len(plan.kept)}天")
        return redirect("workdays:year", parsed.year)
    return render(request, "workdays/import.html", ctx)
