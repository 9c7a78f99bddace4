"""Staff pages of applications: list (with due-soon/overdue), intake, case page with ledger and actions.

Every view scopes by agency: a case of an agency the user cannot read answers 404; an action
without the role answers 403 (the services check roles too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_read, require_role
from gongkai.agencies.models import Agency, Role
from gongkai.applications import forms as f
from gongkai.applications import letters, services
from gongkai.applications.deadlines import Kind
from gongkai.applications.models import Application, FeeNotice, Letter, LetterKind, LetterTemplate
from gongkai.applications.selectors import due_buckets
from gongkai.applications.workflow import OPEN_STATUSES, TRANSITIONS, Status, TransitionError
from gongkai.core import clock
from gongkai.core.models import Event

ACTING = (Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)


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


def _acting_agencies(user: Any) -> Any:
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


# action name → (label, form class, handler, required roles)
Handler = Callable[[Application, dict[str, Any], Any], Any]


def _fee(app: Application, pk: int) -> FeeNotice:
    return get_object_or_404(FeeNotice, pk=pk, application=app)


ACTIONS: dict[str, tuple[str, type[djforms.Form], Handler, str]] = {
    "request_correction": ("发出补正告知（一次性，收到申请后7个工作日内）", f.CorrectionForm,
                           lambda a, d, u: services.correction_request(application=a, actor=u, **d), "correction"),
    "receive_correction": ("收到补正材料", f.OnForm,
                           lambda a, d, u: services.correction_receive(application=a, actor=u, **d), "correction"),
    "close_no_correction": ("逾期不补正，终止办理", f.OnForm,
                            lambda a, d, u: services.application_close_no_correction(application=a, actor=u, **d),
                            "correction"),
    "open_consultation": ("征求第三方或其他机关意见", f.ConsultOpenForm,
                          lambda a, d, u: services.consultation_open(application=a, actor=u, **d), "consultation"),
    "close_consultation": ("征求意见结束", f.ConsultCloseForm,
                           lambda a, d, u: services.consultation_close(application=a, actor=u, **d), "consultation"),
    "approve_extension": ("批准延期答复（公开工作机构负责人）", f.ExtensionForm,
                          lambda a, d, u: services.extension_approve(application=a, actor=u, **d), "extension"),
    "set_art35_deadline": ("确定合理答复期限（第三十五条）", f.Art35Form,
                           lambda a, d, u: services.art35_deadline_set(application=a, actor=u, **d), "art35"),
    "send_fee_notice": ("发出收费通知", f.FeeNoticeForm,
                        lambda a, d, u: services.fee_notice_send(application=a, actor=u, **d), "fee"),
    "pay_fee": ("登记缴费", f.FeeSettleForm,
                lambda a, d, u: services.fee_pay(notice=_fee(a, d["notice"]), on=d["on"], actor=u), "fee"),
    "waive_fee": ("减免收费", f.FeeSettleForm,
                  lambda a, d, u: services.fee_waive(notice=_fee(a, d["notice"]), on=d["on"], reason=d["reason"],
                                                     actor=u), "fee"),
    "close_fee_unpaid": ("逾期未缴费，终止办理", f.OnForm,
                         lambda a, d, u: services.application_close_fee_unpaid(application=a, actor=u, **d), "fee"),
    "answer": ("作出答复", f.AnswerForm,
               lambda a, d, u: services.application_answer(application=a, actor=u, **d), "answer"),
    "withdraw": ("申请人撤回", f.WithdrawForm,
                 lambda a, d, u: services.application_withdraw(application=a, actor=u, **d), "answer"),
}


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    res = services.explain(app)
    can_act = has_role(request.user, app.agency, *ACTING)
    available = [(name, label, form_cls()) for name, (label, form_cls, _h, _g) in ACTIONS.items()
                 if app.status in TRANSITIONS[name][0]] if can_act else []
    open_refs = [e for e in app.clock_events.filter(kind=Kind.CONSULTATION_OPENED)
                 if not app.clock_events.filter(kind=Kind.CONSULTATION_CLOSED, ref=e.ref).exists()]
    return render(request, "applications/detail.html", {
        "app": app, "res": res, "ledger": app.clock_events.select_related("actor"),
        "letters": app.letters.all(), "fee_notices": app.fee_notices.all(), "actions": available,
        "open_refs": open_refs, "can_act": can_act, "deliver_form": f.DeliverForm(),
        "similar": services.similar_requests(app),
        "events": Event.objects.for_object(app).select_related("actor").order_by("-at")[:30],
        "attachments": app.attachments.all(),
    })


@login_required
@require_POST
def application_act(request: HttpRequest, application_id: int, action: str) -> HttpResponse:
    app = _case(request, application_id)
    if action not in ACTIONS:
        raise Http404("no such action")
    roles = (Role.OFFICE_HEAD,) if action == "approve_extension" else ACTING
    require_role(request.user, app.agency, *roles)
    label, form_cls, handler, _group = ACTIONS[action]
    form = form_cls(request.POST)
    if not form.is_valid():
        problems = "；".join(f"{k} {', '.join(str(m) for m in v)}" for k, v in form.errors.items())
        messages.error(request, f"{label}：{problems}")
        return redirect("applications:detail", app.pk)
    try:
        handler(app, dict(form.cleaned_data), request.user)
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
    field = letter.pdf if fmt == "pdf" else letter.docx
    if not field:
        raise Http404("no file")
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{letter.title}.{fmt}")


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
