"""Staff pages of the website annual report (list and create per agency, the report with its edit form and
workflow buttons) and the public page of a published report. Every staff view resolves the agency through
``agencies.access``: another agency's report answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404
from gongkai.core import clock
from gongkai.core.params import MAX_ID, parse_int
from gongkai.formats import website as form
from gongkai.websites import selectors, services
from gongkai.websites.models import WebsiteReport
from gongkai.websites.workflow import EDIT_ROLES, EDITABLE, TABLE, Status, TransitionError


def _report_or_404(request: HttpRequest, report_id: int) -> WebsiteReport:
    report = get_object_or_404(WebsiteReport.objects.select_related("agency"), pk=report_id)
    readable_agency_or_404(request.user, report.agency_id)
    return report


def _sections(report: WebsiteReport, figures: dict[str, int]) -> list[dict[str, object]]:
    """Rows per section for the templates: label, unit, value, and whether the platform computed it."""
    out = []
    for section in ({"key": "", "label": "网站访问"}, *({"key": s.key, "label": s.label} for s in form.SECTIONS)):
        rows = [{"key": r.key, "label": r.label, "unit": r.unit, "computed": r.source == "computed",
                 "value": figures.get(r.key) if r.source == "computed" else report.entered.get(r.key)}
                for r in form.rows_of(str(section["key"]))]
        out.append({**section, "rows": rows, "note": report.notes.get(str(section["key"]), "")})
    return out


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    agencies = list(readable_agencies(request.user).order_by("path")[:500])
    agency_id = parse_int(request.GET.get("agency"), lo=1, hi=MAX_ID)
    agency = next((a for a in agencies if a.pk == agency_id), agencies[0] if agencies else None)
    if agency is None:
        raise Http404("no agency")
    reports = WebsiteReport.objects.filter(agency=agency).order_by("-year")
    return render(request, "websites/list.html", {
        "agencies": agencies, "agency": agency, "reports": reports, "can_edit": has_role(request.user, agency,
                                                                                       *EDIT_ROLES),
        "default_year": clock.today().year - 1, "form": form})


@login_required
@require_POST
def report_create(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    year = parse_int(request.POST.get("year"), lo=1, hi=9999)
    try:
        if year is None:
            raise ValidationError("请填写年度（四位数字）")
        report = services.website_report_create(agency=agency, year=year, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(f"/staff/websites/?agency={agency.pk}")
    return redirect("websites:detail", website_report_id=report.pk)


def _detail(request: HttpRequest, report: WebsiteReport, posted: dict[str, str] | None = None) -> HttpResponse:
    """The report page; ``posted`` (a refused edit) is shown back as typed so nothing is lost."""
    figures = selectors.figures_of(report)
    editable = report.status in EDITABLE and has_role(request.user, report.agency, *EDIT_ROLES)
    actions = [t for t in TABLE.available(report.status) if has_role(request.user, report.agency, *t.roles)]
    sections = _sections(report, figures)
    identity: list[tuple[object, object]] = [(f, report.identity.get(f.key, "")) for f in form.IDENTITY]
    if posted is not None:
        identity = [(f, posted.get(f.key, "")) for f in form.IDENTITY]
        for section in sections:
            section["note"] = posted.get(f"note_{section['key']}", "")
            for row in section["rows"]:  # type: ignore[attr-defined]
                if not row["computed"]:
                    row["value"] = posted.get(row["key"], "")
    return render(request, "websites/detail.html", {
        "report": report, "agency": report.agency, "sections": sections, "form": form, "identity": identity,
        "editable": editable, "actions": actions,
        "problems": services.submit_problems(report) if report.status in EDITABLE else [],
        "columns": selectors.columns(report.agency_id, report.year), "deadline": form.deadline(report.year),
        "sources": form.SOURCES})


@login_required
def report_detail(request: HttpRequest, website_report_id: int) -> HttpResponse:
    return _detail(request, _report_or_404(request, website_report_id))


@login_required
@require_POST
def report_edit(request: HttpRequest, website_report_id: int) -> HttpResponse:
    report = _report_or_404(request, website_report_id)
    try:
        entered = services.clean_entered(request.POST)
        services.website_report_edit(
            report=report, identity={f.key: request.POST.get(f.key, "") for f in form.IDENTITY}, entered=entered,
            notes={s.key: request.POST.get(f"note_{s.key}", "") for s in form.SECTIONS}, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return _detail(request, report, {k: str(v)[:2000] for k, v in request.POST.items()})
    messages.success(request, "已保存")
    return redirect("websites:detail", website_report_id=report.pk)


@login_required
@require_POST
def report_act(request: HttpRequest, website_report_id: int) -> HttpResponse:
    report = _report_or_404(request, website_report_id)
    action = request.POST.get("action", "")
    try:
        report = services.website_report_act(report=report, action=action, actor=request.user,
                                             comment=request.POST.get("comment", ""))
    except (ValidationError, TransitionError) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"已{TABLE.label(action)}")
    return redirect("websites:detail", website_report_id=report.pk)


def public_report(request: HttpRequest, website_report_id: int) -> HttpResponse:
    report = get_object_or_404(WebsiteReport.objects.select_related("agency"), pk=website_report_id,
                               status=Status.PUBLISHED)
    figures = selectors.figures_of(report)
    deadline = form.deadline(report.year)
    return render(request, "websites/public.html", {
        "report": report, "agency": report.agency, "sections": _sections(report, figures), "form": form,
        "identity": [(f, report.identity.get(f.key, "")) for f in form.IDENTITY], "deadline": deadline,
        "late": report.published_on is not None and report.published_on > deadline})
