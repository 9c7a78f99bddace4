"""Staff pages of 督办: figures over a superior's subordinates (page and XLSX), the cases behind a figure,
one case's time axis with its notes, issuing and acknowledging a note.

Every page resolves its agency or case through ``agencies.access``: a superior viewer reads its whole
subtree; another agency's user gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import can_read, has_role, readable_agencies, readable_agency_or_404, require_read
from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import Application
from gongkai.applications.workflow import ACTING
from gongkai.core import clock
from gongkai.core.params import parse_int, query_year
from gongkai.supervision import selectors, services, xlsx
from gongkai.supervision.models import SupervisionNote


def _period(request: HttpRequest) -> tuple[int, int | None]:
    year = query_year(request) or clock.today().year
    raw = request.GET.get("month", "")
    month = parse_int(raw, lo=1, hi=12) if raw.strip() else None
    if raw.strip() and month is None:
        raise BadRequest("月份参数不正确")
    return year, month


def _scope(request: HttpRequest, agency: Agency) -> list[int]:
    readable = set(readable_agencies(request.user).values_list("id", flat=True))
    return [a.pk for a in selectors.subordinates(agency) if a.pk in readable]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The agencies where the user supervises (a superior role), or the first readable one."""
    ids = list(Membership.objects.filter(user__pk=request.user.pk or 0, role__in=services.SUPERVISING)
               .values_list("agency_id", flat=True))
    agency = Agency.objects.filter(pk__in=ids).order_by("path").first() or readable_agencies(
        request.user).order_by("path").first()
    if agency is None:
        raise Http404("no agency")
    return redirect("supervision:figures", agency.pk)


@login_required
def figures(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    year, month = _period(request)
    ids = _scope(request, agency)
    rows = selectors.figures(ids, year=year, month=month)
    figure = request.GET.get("figure", "")
    listed = None
    if figure in selectors.FIGURES:
        listed = selectors.cases(ids, figure, year=year, month=month)[:200]
    pending = (SupervisionNote.objects.filter(to_agency_id__in=ids, acknowledged_at__isnull=True)
               .select_related("application", "from_agency", "to_agency").order_by("issued_at", "id")[:100])
    return render(request, "supervision/figures.html", {"pending": pending,
        "agency": agency, "rows": rows, "totals": selectors.totals(rows), "year": year, "month": month,
        "months": range(1, 13), "figures": selectors.FIGURES, "labels": selectors.LABELS, "figure": figure,
        "figure_label": selectors.LABELS.get(figure, ""), "listed": listed, "today": clock.today()})


@login_required
def export(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    year, month = _period(request)
    rows = selectors.figures(_scope(request, agency), year=year, month=month)
    when = f"{year}年{month}月" if month else f"{year}年"
    data = xlsx.workbook(rows, title=f"{agency.name}督办统计（{when}，截至{clock.today():%Y-%m-%d}）")
    resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="supervision-{agency.pk}-{year}-{month or "all"}.xlsx"'
    return resp


def _case(request: HttpRequest, application_id: int) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), pk=application_id)
    require_read(request.user, app.agency)
    return app


@login_required
def case(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    return render(request, "supervision/case.html", {
        "app": app, "axis": selectors.time_axis(app),
        "notes": SupervisionNote.objects.filter(application=app).select_related("from_agency", "issued_by",
                                                                                "acknowledged_by"),
        "can_issue": services.supervising_agency(request.user, app.agency) is not None,
        "can_ack": has_role(request.user, app.agency, *ACTING)})


@login_required
@require_POST
def note_issue(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    try:
        services.note_issue(application=app, text=request.POST.get("text", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已发出督办意见")
    return redirect("supervision:case", app.pk)


@login_required
@require_POST
def note_acknowledge(request: HttpRequest, note_id: int) -> HttpResponse:
    note = get_object_or_404(SupervisionNote.objects.select_related("to_agency"), pk=note_id)
    if not can_read(request.user, note.to_agency):
        raise Http404("no such note")
    if not has_role(request.user, note.to_agency, *ACTING):
        raise PermissionDenied("missing role")
    try:
        services.note_acknowledge(note=note, response=request.POST.get("response", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已签收督办意见")
    return redirect("supervision:case", note.application_id)
