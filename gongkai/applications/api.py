"""JSON API of applications (mounted at /api/): fee quotes and public submission/tracking (no account),
and staff reads and answers scoped by agency (session auth; another agency's case answers 404).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError as PydanticValidationError

from gongkai.agencies.access import readable_agencies, require_read, require_role
from gongkai.agencies.models import Agency
from gongkai.applications import actions, fees, public_views, selectors, services
from gongkai.applications.models import (
    ApplicantType,
    Application,
    IdDocType,
    Outcome,
    ProvisionForm,
    ProvisionWay,
)
from gongkai.applications.workflow import OPEN_STATUSES
from gongkai.core.workflow import TransitionError

router = Router(tags=["applications"])


class QuoteIn(Schema):
    method: Literal["pieces", "pages"] = Field(description="pieces=按件计收, pages=按量计收")
    count: int = Field(ge=0, le=fees.MAX_COUNT, description="件数（本次）或页数")
    prior: int = Field(0, ge=0, le=fees.MAX_COUNT, description="本自然月此前已计件数（仅按件）")


class QuoteOut(Schema):
    method: str
    count: int
    prior: int
    amount: int = Field(description="金额（元）")
    currency: str = "CNY"
    basis: str


class ErrorOut(Schema):
    detail: str


@router.get("/fees/quote", response={200: QuoteOut, 400: ErrorOut}, auth=None, summary="信息处理费报价")
def fee_quote(request: HttpRequest, q: Query[QuoteIn]) -> Status[Any]:
    try:
        amount = fees.quote(q.method, q.count, q.prior)
    except fees.FeeInputError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, {"method": q.method, "count": q.count, "prior": q.prior, "amount": amount, "basis": fees.SOURCE})


class SubmitIn(Schema):
    agency_id: int
    applicant_type: ApplicantType
    applicant_name: str = Field(max_length=120)
    id_doc_type: IdDocType = IdDocType.ID_CARD
    id_number: str = Field(max_length=40)
    phone: str = Field(max_length=40)
    email: str = ""
    address: str = ""
    info_name: str = Field(max_length=300)
    info_doc_number: str = ""
    info_description: str = ""
    provision_form: ProvisionForm = ProvisionForm.ELECTRONIC
    provision_way: ProvisionWay = ProvisionWay.EMAIL
    postcode: str = ""
    legal_rep: str = Field("", description="法定代表人或负责人（法人或其他组织申请时必填）")
    contact_name: str = Field("", description="联系人姓名（法人或其他组织申请时必填）")


class SubmitOut(Schema):
    tracking_code: str
    received_on: dt.date | None  # None until the agency confirms receipt (Art. 31(3), agency rule "staff")
    due_on: dt.date | None
    due_provisional: bool
    due_error: str


@router.post("/applications/submit", response={201: SubmitOut, 400: ErrorOut}, auth=None,
             summary="在线提交政府信息公开申请")
def submit(request: HttpRequest, payload: SubmitIn) -> Status[Any]:
    if not Agency.objects.filter(pk=payload.agency_id, is_active=True).exists():
        return Status(400, {"detail": "没有这个机关"})
    # The web form's rules, not a second copy of them: identity numbers by their document type, phone,
    # postcode, lengths, 法定代表人/联系人 for organisations; then the web form's road to the ledger.
    data = {**payload.dict(exclude={"agency_id"}), "agency": payload.agency_id}
    form = public_views.public_form({k: "" if v is None else str(v) for k, v in data.items()})
    if not form.is_valid():
        return Status(400, {"detail": _form_errors(form)})
    return Status(201, public_views.submit_online(form, actor=request.user))


def _form_errors(form: Form) -> str:
    """One Chinese line naming each field that failed and why (labels as the web form shows them)."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        text = "；".join(str(e) for e in errors)
        parts.append(f"{label}：{text}" if label else text)
    return "；".join(parts)


class StatusIn(Schema):
    code: str = Field(max_length=20)
    phone_tail: str = Field(min_length=4, max_length=4)


class StepOut(Schema):
    on: dt.date
    kind: str
    label: str


class StatusOut(Schema):
    tracking_code: str
    agency: str
    status: str
    status_label: str
    outcome: str
    received_on: dt.date | None
    due_on: dt.date | None
    due_provisional: bool  # 暂估: counted without next year's holidays (docs/applications.md)
    explanation: list[str]
    steps: list[StepOut]


@router.post("/applications/status", response={200: StatusOut, 404: ErrorOut, 429: ErrorOut}, auth=None,
             summary="凭查询码和电话后四位查询办理进度")
def status(request: HttpRequest, payload: StatusIn) -> Status[Any]:
    # The same per-code guessing budget as the status page (the API throttle limits per IP).
    from gongkai.applications.public_views import lookup_code_limited

    if lookup_code_limited(request, payload.code):
        return Status(429, {"detail": "该查询码查询次数过多，请稍后再试。"})
    app = Application.objects.select_related("agency").filter(tracking_code=payload.code.strip().upper()).first()
    if app is None or not "".join(c for c in app.phone if c.isdigit()).endswith(payload.phone_tail):
        return Status(404, {"detail": "查询码或电话号码不正确"})
    res = selectors.explain(app)
    return Status(200, {
        "tracking_code": app.tracking_code, "agency": app.agency.name, "status": app.status,
        "status_label": str(app.get_status_display()), "outcome": app.outcome, "received_on": app.received_on,
        "due_on": res.due, "due_provisional": res.provisional, "explanation": res.lines(),
        "steps": [{"on": e.on, "kind": e.kind, "label": str(e.get_kind_display())} for e in app.clock_events.all()],
    })


class CaseOut(Schema):
    id: int
    number: str
    agency_id: int
    applicant_type: str
    info_name: str
    status: str
    outcome: str
    received_on: dt.date | None
    due_on: dt.date | None
    due_provisional: bool  # 暂估: counted without next year's holidays (docs/applications.md)
    due_error: str
    closed_on: dt.date | None


@router.get("/applications/", response=list[CaseOut], auth=django_auth, summary="本机关申请列表（工作人员）")
def case_list(request: HttpRequest, open_only: bool = False, limit: int = 100) -> list[Application]:
    qs = Application.objects.filter(agency__in=readable_agencies(request.user)).order_by("-received_on", "-id")
    if open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    return list(qs[: max(1, min(limit, 1000))])


def _case(request: HttpRequest, application_id: int) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), pk=application_id)
    require_read(request.user, app.agency)
    return app


@router.get("/applications/{application_id}", response=CaseOut, auth=django_auth, summary="申请详情（工作人员）")
def case_detail(request: HttpRequest, application_id: int) -> Application:
    return _case(request, application_id)


class AnswerIn(Schema):
    outcome: Outcome
    on: dt.date
    legal_basis: str = ""
    answer_text: str = ""
    referral_organ: str = ""
    referral_contact: str = ""


@router.post("/applications/{application_id}/answer", response={200: CaseOut, 400: ErrorOut}, auth=django_auth,
             summary="作出答复（工作人员）",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": AnswerIn.model_json_schema()}},
                                            "required": True}})
def case_answer(request: HttpRequest, application_id: int) -> Status[Any]:
    # Access is checked before the body is read, so another agency's case answers 404, never 400.
    app = _case(request, application_id)
    require_role(request.user, app.agency, *actions.ACTIONS["answer"].roles)
    try:
        payload = AnswerIn.model_validate_json(request.body or b"{}")
    except PydanticValidationError as exc:
        return Status(400, {"detail": str(exc)})
    try:
        app = services.application_answer(application=app, actor=request.user, **payload.dict())
    except (ValidationError, TransitionError) as exc:
        return Status(400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))})
    return Status(200, app)


@router.post("/applications/{application_id}/actions/{action}", response={200: CaseOut, 400: ErrorOut},
             auth=django_auth, summary="办理操作（工作人员）：补正、征求意见、延期、收费、答复、撤回等",
             description="`action` is a key of the staff transition table (request_correction, receive_correction, "
                         "close_no_correction, open_consultation, close_consultation, approve_extension, "
                         "set_art35_deadline, send_fee_notice, pay_fee, waive_fee, close_fee_unpaid, answer, "
                         "withdraw). The JSON body has the same fields as the staff form (dates as YYYY-MM-DD).")
def case_action(request: HttpRequest, application_id: int, action: str) -> Status[Any]:
    app = _case(request, application_id)  # access first: another agency's case is 404
    spec = actions.ACTIONS.get(action)
    if spec is None:
        return Status(400, {"detail": f"未知的操作：{action}"})
    require_role(request.user, app.agency, *spec.roles)
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return Status(400, {"detail": "请求体不是有效的 JSON"})
    form = spec.form(body if isinstance(body, dict) else {})
    if not form.is_valid():
        return Status(400, {"detail": form.errors.as_text()})
    try:
        spec.call(app, dict(form.cleaned_data), request.user)
    except (ValidationError, TransitionError) as exc:
        return Status(400, {"detail": "；".join(getattr(exc, "messages", [str(exc)]))})
    app.refresh_from_db()
    return Status(200, app)
