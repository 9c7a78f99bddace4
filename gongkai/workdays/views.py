"""Staff pages for the workday calendar: years on record, one year's days, and notice import.

Everyone on staff may read the calendar; only platform admins change it. Importing a notice is two
steps: paste → the parsed holidays and make-up workdays are shown → confirm saves them.
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
from gongkai.workdays import services
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
    days = CalendarDay.objects.filter(calendar_year=cy).order_by("date")
    return render(request, "workdays/year.html", {"cy": cy, "days": days, "kinds": DayKind.choices,
                                                  "can_edit": is_platform_admin(request.user)})


@login_required
def notice_import(request: HttpRequest) -> HttpResponse:
    if not is_platform_admin(request.user):
        raise PermissionDenied
    text = request.POST.get("text", "")
    year_raw = request.POST.get("year") or request.GET.get("year") or ""
    ctx: dict[str, object] = {"text": text, "year": year_raw}
    if request.method == "POST":
        try:
            parsed = parse_notice(text, int(year_raw) if year_raw.strip().isdigit() else None)
        except NoticeParseError as exc:
            ctx["error"] = str(exc)
            return render(request, "workdays/import.html", ctx)
        if request.POST.get("confirm") == "1":
            services.year_import_notice(parsed=parsed, text=text, source=request.POST.get("source", ""),
                                        actor=request.user)
            messages.success(request, f"已保存{parsed.year}年节假日安排")
            return redirect("workdays:year", parsed.year)
        ctx.update(parsed=parsed, year=parsed.year,
                   existing=CalendarYear.objects.filter(year=parsed.year).exists())
    return render(request, "workdays/import.html", ctx)
