"""Staff pages of applications: list (with due-soon/overdue), intake, case page with ledger and actions.

Every view scopes by agency: a case of an agency the user cannot read answers 404; an action
without the role answers 403 (the services check roles too).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form, ModelChoiceField
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_read, require_role
from gongkai.agencies.models import Agency, Role
from gongkai.applications import actions, letters, routing, selectors, services
from gongkai.applications import forms as f
from gongkai.applications.downloads import letter_response
from gongkai.applications.models import Application, Letter, LetterKind, LetterTemplate
from gongkai.applications.selectors import due_buckets
from gongkai.applications.workflow import ACTING, OPEN_STATUSES, Status
from gongkai.core import clock
from gongkai.core.actors import Actor
from gongkai.core.models import Event
from gongkai.core.workflow import TransitionError


def _case(request: HttpRequest, application_id: int) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency", "agency__parent"), pk=application_id)
    require_read(request.user, app.agency)
    return app


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    agency_ids = list(readable_agencies(request.user).values_list("id", flat=True))
    qs = Application.objects.filter(agency_id__in=agency_ids).select_related("agency")
    bucket = request.GET.get("bucket", "")
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    today = clock.today()
    if bucket == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, due_on__lt=today).order_by("due_on")
    elif bucket == "due_soon":
        soon, _overdue = due_buckets(agency_ids, today=today)
        qs = qs.filter(pk__in=[a.pk for a in soon]).order_by("due_on")
    elif bucket == "open":
        qs = qs.filter(status__in=OPEN_STATUSES).order_by("due_on")
    if status in Status.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(info_name__icontains=q) | Q(number__icontains=q) | Q(applicant_name__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    soon, overdue = due_buckets(agency_ids, today=today)
    return render(request, "applications/list.html", {
        "page": page, "bucket": bucket, "status": status, "q": q, "statuses": Status.choices,
        "soon_count": len(soon), "overdue_count": len(overdue), "today": today,
    })


def _acting_agencies(user: Actor) -> QuerySet[Agency]:
    ids = [a.pk for a in readable_agencies(user) if has_role(user, a, *ACTING)]
    return Agency.objects.filter(pk__in=ids).order_by("path")


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    agencies = _acting_agencies(request.user)
    if not agencies.exists():
        raise Http404("no agency to register for")
    form = f.IntakeForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        channel = data.pop("channel")
        received_on = data.pop("received_on")
        require_role(request.user, agency, *ACTING)
        app = services.application_submit(agency=agency, data=data, channel=channel, received_on=received_on,
                                          actor=request.user)
        messages.success(request, f"已登记，查询码 {app.tracking_code}")
        return redirect("applications:detail", app.pk)
    return render(request, "applications/new.html", {"form": form})


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    res = selectors.explain(app)
    can_act = has_role(request.user, app.agency, *ACTING)
    # Only what this user's role may do is offered; for the rest the page says who does it
    # (issue 13 item 10: a clerk is not shown the extension form, only "由公开工作机构负责人…").
    allowed = [a for a in actions.available(app) if has_role(request.user, app.agency, *a.roles)]
    available = [(a.name, a.label, _for_case(a.form(), app)) for a in allowed] if can_act else []
    waiting = [f"{a.label.split('（')[0]}：由{'或'.join(str(Role(r).label) for r in a.roles)}办理"
               for a in actions.available(app) if a not in allowed]
    open_refs = selectors.open_consultations(app)
    return render(request, "applications/detail.html", {
        "app": app, "res": res, "ledger": app.clock_events.select_related("actor"),
        "letters": app.letters.all(), "fee_notices": app.fee_notices.all(), "actions": available,
        "open_refs": open_refs, "can_act": can_act, "deliver_form": f.DeliverForm(), "waiting": waiting,
        "similar": selectors.similar_requests(app),
        "events": Event.objects.for_object(app).select_related("actor").order_by("-at")[:30],
        "attachments": app.attachments.all(), "staff_page": True, "today": clock.today(),
    })


def _for_case(form: Form, app: Application) -> Form:
    """Narrow a case action's choices to this case: a desk routes only within its own platform."""
    field = form.fields.get("to_agency")
    if isinstance(field, ModelChoiceField):
        field.queryset = routing.route_targets(app.agency)
    return form


@login_required
@require_POST
def application_act(request: HttpRequest, application_id: int, action: str) -> HttpResponse:
    app = _case(request, application_id)
    spec = actions.ACTIONS.get(action)
    if spec is None:
        raise Http404("no such action")
    require_role(request.user, app.agency, *spec.roles)
    label = spec.label
    form = _for_case(spec.form(request.POST), app)
    if not form.is_valid():
        problems = "；".join(f"{k} {', '.join(str(m) for m in v)}" for k, v in form.errors.items())
        messages.error(request, f"{label}：{problems}")
        return redirect("applications:detail", app.pk)
    try:
        spec.call(app, dict(form.cleaned_data), request.user)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, f"{label}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}")
    else:
        messages.success(request, f"{label}：已完成")
    return redirect("applications:detail", app.pk)


@login_required
@require_POST
def letter_deliver(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    require_role(request.user, app.agency, *ACTING)
    form = f.DeliverForm(request.POST)
    if form.is_valid():
        letter = get_object_or_404(Letter, pk=form.cleaned_data["letter"], application=app)
        services.letter_deliver(letter=letter, way=form.cleaned_data["way"], on=form.cleaned_data["on"],
                                proof=form.cleaned_data["proof"], actor=request.user)
        messages.success(request, "已记录送达")
    else:
        messages.error(request, "送达信息不完整")
    return redirect("applications:detail", app.pk)


@login_required
def letter_file(request: HttpRequest, application_id: int, letter_id: int, fmt: str) -> FileResponse:
    app = _case(request, application_id)
    letter = get_object_or_404(Letter, pk=letter_id, application=app)
    return letter_response(letter, fmt)


@login_required
@require_POST
def letter_files_retry(request: HttpRequest, application_id: int, letter_id: int) -> HttpResponse:
    app = _case(request, application_id)
    require_role(request.user, app.agency, *ACTING)
    letter = get_object_or_404(Letter, pk=letter_id, application=app)
    if services.letter_files_build(letter=letter):
        messages.success(request, "文书文件已生成")
    else:
        messages.error(request, "文书文件生成失败，请稍后重试")
    return redirect("applications:detail", app.pk)


@login_required
@require_POST
def letter_regenerate(request: HttpRequest, application_id: int, letter_id: int) -> HttpResponse:
    """Issue a corrected version of a letter (the old one is kept); the reason is required."""
    app = _case(request, application_id)
    require_role(request.user, app.agency, *ACTING)
    letter = get_object_or_404(Letter, pk=letter_id, application=app)
    try:
        services.letter_regenerate(letter=letter, on=clock.today(), reason=request.POST.get("reason", ""),
                                   actor=request.user)
    except ValidationError as exc:
        messages.error(request, f"重新生成文书：{'；'.join(exc.messages)}")
    else:
        messages.success(request, "已生成更正后的文书，原文书保留")
    return redirect("applications:detail", app.pk)


@login_required
@require_POST
def identity_reveal(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    require_role(request.user, app.agency, *ACTING)
    number = services.identity_reveal(application=app, actor=request.user)
    return render(request, "applications/identity.html", {"app": app, "number": number})


@login_required
def letter_templates(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    can_edit = has_role(request.user, agency, Role.ADMIN, Role.OFFICE_HEAD)
    kind = request.GET.get("kind") or request.POST.get("kind") or LetterKind.ANSWER
    if kind not in LetterKind.values:
        raise Http404("no such letter kind")
    tpl = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    d_title, d_body = letters.default_template(kind)
    form = f.LetterTemplateForm(request.POST or None, kind=kind,
                                initial={"title": tpl.title if tpl else d_title, "body": tpl.body if tpl else d_body})
    if request.method == "POST":
        require_role(request.user, agency, Role.ADMIN, Role.OFFICE_HEAD)
        if form.is_valid():
            try:
                services.letter_template_save(agency=agency, kind=kind, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:  # the service re-checks; its reasons belong on the form
                form.add_error("body", exc)
            else:
                messages.success(request, "模板已保存")
                return redirect(f"{request.path}?kind={kind}")
    # The placeholder dictionary is the reference a clerk copies from, with a sample value each.
    sample = letters.sample_values(kind)
    reference = [{"name": p.name, "description": p.description, "source": p.source,
                  "example": letters.as_text(sample[p.name]) if p.name in sample else "", "choices": p.choices}
                 for p in letters.reference(kind)]
    return render(request, "applications/templates.html", {
        "agency": agency, "form": form, "kind": kind, "kinds": LetterKind.choices, "can_edit": can_edit,
        "customized": tpl is not None, "reference": reference,
        "legacy_body": tpl.legacy_body if tpl else "", "legacy_note": tpl.legacy_note if tpl else ""})
