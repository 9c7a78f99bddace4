"""Public pages under /apply/: the online application form, tracking by code, the fee calculator.

No account is needed. The status page needs the tracking code plus the last four digits of the
phone number given in the application (a second factor); once verified the code is remembered in
the session. It shows only this application, with the identity number masked.

Guessing is rate limited (django-ratelimit, rates in settings ``GONGKAI_RATE_*``): lookups per client
IP and per tracking code from any IP (so a botnet cannot share the 10,000 phone tails of one code),
submissions per IP, fee quotes per IP. Over a limit the visitor gets the Chinese 429 page ``ratelimited``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

from gongkai.agencies.models import Agency
from gongkai.applications import fees, routing, selectors, services
from gongkai.applications.downloads import letter_response
from gongkai.applications.forms import FeeQuoteForm, PublicApplicationForm, StatusLookupForm
from gongkai.applications.models import Application, Channel, Letter, LetterKind
from gongkai.core import clock, uploads
from gongkai.core.actors import Actor
from gongkai.core.params import MAX_ID, parse_int

SESSION_KEY = "apply_verified"
PUBLIC_LETTER_KINDS = (LetterKind.ANSWER, LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.FEE)


def _rate(setting: str) -> Callable[[str, HttpRequest], str]:
    """A rate read from settings at request time (so an override in a test or the environment applies)."""
    def rate(group: str, request: HttpRequest) -> str:
        return str(getattr(settings, setting))
    return rate


def lookup_code_limited(request: HttpRequest, code: str) -> bool:
    """Count one lookup of ``code`` (any IP) and say whether that code is over its limit.

    Shared by the status page and ``POST /api/applications/status`` so both paths spend one budget.
    """
    return is_ratelimited(request, group="apply-lookup-code", key=lambda _g, _r: code.strip().upper(),
                          rate=_rate("GONGKAI_RATE_LOOKUP_CODE"), increment=True)


def ratelimited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """429 page for every django-ratelimit refusal (``RATELIMIT_VIEW``); JSON for API-style requests."""
    message = "操作过于频繁，请稍后再试。"
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"detail": message}, status=429,
                                              json_dumps_params={"ensure_ascii": False})
    else:
        response = render(request, "apply/ratelimited.html", {"message": message}, status=429)
    response["Retry-After"] = "600"
    return response


def _agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("path", "ordering")


@require_http_methods(["GET", "POST"])
@ratelimit(group="apply-submit", key="ip", rate=_rate("GONGKAI_RATE_APPLY_IP"), method="POST", block=True)
# Innermost: the throttle above answers before the body is read; the guard then streams it under the public caps.
@uploads.guard_uploads("public")
def apply_form(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(request.POST or None, request.FILES or None, agencies=_agencies(),
                                 initial=_preselected(request))
    refused = uploads.refusal(request) if request.method == "POST" else ""
    if refused:
        # The body was cut off at a cap: nothing is stored (the partial files are already deleted), the
        # form comes back with the fields that arrived and the reason.
        form = PublicApplicationForm(request.POST, agencies=_agencies())
        form.is_valid()
        form.add_error("upload", refused)
        return render(request, "apply/form.html", {"form": form}, status=413)
    if request.method == "POST" and form.is_valid():
        app = submit_online(form, actor=request.user)
        _remember(request, app)
        return redirect("apply:done", app.tracking_code)
    return render(request, "apply/form.html", {"form": form})


def public_form(data: dict[str, Any]) -> PublicApplicationForm:
    """The online 申请表 bound to ``data``: the web page and ``POST /api/applications/submit`` check an
    application by the same rules (identity numbers, lengths, 法定代表人/联系人 for organisations)."""
    return PublicApplicationForm(data, agencies=_agencies())


def submit_online(form: PublicApplicationForm, *, actor: Actor) -> Application:
    """Store a valid online application: the one road of the web form and the JSON API."""
    data = dict(form.cleaned_data)
    agency = data.pop("agency")
    accepted = data.pop("upload", None) or []
    now = clock.now()
    # Art. 31: online applications count from mutual confirmation; the system's acknowledgement
    # with the tracking code is that confirmation, so the receipt date is the submission date.
    if agency.routes_online:
        # Submitted to the platform's desk: it waits in 待分办 and the desk routes it (ADR 0007); the
        # platform's Art. 31 day stays the receiving organ's receipt day.
        return routing.intake_for_routing(desk=agency, data=data, channel=Channel.ONLINE,
                                          received_on=clock.local_date(now), uploads=accepted, actor=actor)
    return services.application_submit(agency=agency, data=data, channel=Channel.ONLINE, submitted_at=now,
                                       received_on=clock.local_date(now), uploads=accepted, actor=actor)


def _preselected(request: HttpRequest) -> dict[str, int]:
    """``?agency=<id>`` from an agency's 依申请公开 link preselects that agency (junk is ignored)."""
    agency_id = parse_int(request.GET.get("agency"), lo=1, hi=MAX_ID)
    if agency_id is not None and _agencies().filter(pk=agency_id).exists():
        return {"agency": agency_id}
    return {}


# The status page tells each step in plain words (the ledger's labels stay as the step's title).
PLAIN_STEPS: dict[str, str] = {
    "received": "受理机关收到您的申请，从这一天起计算答复期限。",
    "correction_requested": "受理机关请您补正申请内容；补正期间不计入答复期限。",
    "correction_received": "受理机关收到您的补正材料，答复期限从这一天重新起算。",
    "consultation_opened": "受理机关就您申请的信息征求有关单位或个人的意见；征求意见的时间不计入答复期限。",
    "consultation_closed": "征求意见结束，继续办理。",
    "extension_approved": "经政府信息公开工作机构负责人同意，答复期限延长。",
    "art35_deadline_set": "因申请数量、频次明显超过合理范围，受理机关确定了延迟答复的合理期限。",
    "fee_notice_received": "您收到信息处理费缴费通知；缴费期间不计入答复期限。",
    "fee_paid": "您已缴纳信息处理费，继续办理。",
    "fee_waived": "信息处理费已减免，继续办理。",
    "answered": "受理机关已作出答复，答复书见下方“文书”。",
    "closed": "本申请办理终止。",
    "withdrawn": "您已撤回本申请。",
}


def plain_outcome(label: str) -> str:
    """The outcome as the applicant reads it: Table 3's label without its row number and counting notes
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "部分公开"; "（三）不予公开：1.属于国家秘密" →
    "不予公开（属于国家秘密）")."""
    text = re.sub(r"^（[一二三四五六七八九十]+）", "", label.strip())
    text = re.sub(r"（[^）]*只计[^）]*）", "", text)
    head, sep, tail = text.partition("：")
    if sep:
        tail = re.sub(r"^\d+\.", "", tail)
        return f"{head}（{tail}）" if tail and tail != "其他" else head
    return text


def _remember(request: HttpRequest, app: Application) -> None:
    codes = set(request.session.get(SESSION_KEY, []))
    codes.add(app.tracking_code)
    request.session[SESSION_KEY] = sorted(codes)[-20:]


def _verified(request: HttpRequest, code: str) -> Application:
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404("not verified")
    return get_object_or_404(Application.objects.select_related("agency"), tracking_code=code)


# The applicant's own case for public pages of other apps (e.g. the notice settings of ``notices``): only a
# case this browser submitted or looked up with its code and phone tail.
verified_case = _verified


def apply_done(request: HttpRequest, code: str) -> HttpResponse:
    app = _verified(request, code)
    res = selectors.explain(app)
    return render(request, "apply/done.html", {"app": app, "res": res, "now": clock.now()})


@require_http_methods(["GET", "POST"])
@ratelimit(group="apply-lookup-ip", key="ip", rate=_rate("GONGKAI_RATE_LOOKUP_IP"), method="POST", block=True)
def status_lookup(request: HttpRequest) -> HttpResponse:
    form = StatusLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        if lookup_code_limited(request, code):
            # Checked before the lookup: over the limit even the right phone tail gets no answer.
            return ratelimited(request)
        app = Application.objects.filter(tracking_code=code).first()
        digits = "".join(c for c in (app.phone if app else "") if c.isdigit())
        if app is None or not digits.endswith(form.cleaned_data["phone_tail"]):
            messages.error(request, "查询码或电话号码不正确")
        else:
            _remember(request, app)
            return redirect("apply:status", app.tracking_code)
    return render(request, "apply/lookup.html", {"form": form})


def status_page(request: HttpRequest, code: str) -> HttpResponse:
    app = _verified(request, code)
    res = selectors.explain(app)
    return render(request, "apply/status.html", {
        "app": app, "res": res, "ledger": app.clock_events.all(), "plain_steps": PLAIN_STEPS,
        "outcome": plain_outcome(app.outcome_label),
        # the newest version of each letter (a regenerated letter replaces the one it corrects)
        "letters": app.letters.filter(kind__in=PUBLIC_LETTER_KINDS, superseded_by__isnull=True),
        "fee_notices": app.fee_notices.all(),
    })


def status_letter(request: HttpRequest, code: str, letter_id: int, fmt: str) -> FileResponse:
    app = _verified(request, code)
    letter = get_object_or_404(Letter, pk=letter_id, application=app, kind__in=PUBLIC_LETTER_KINDS)
    return letter_response(letter, fmt)


@ratelimit(group="apply-fees", key="ip", rate=_rate("GONGKAI_RATE_FEES_IP"), method="GET", block=True)
def fee_calculator(request: HttpRequest) -> HttpResponse:
    form = FeeQuoteForm(request.GET or None)
    amount = None
    error = ""
    if request.GET and form.is_valid():
        try:
            amount = fees.quote(form.cleaned_data["method"], form.cleaned_data["count"],
                                form.cleaned_data.get("prior") or 0)
        except fees.FeeInputError as exc:
            error = str(exc)
    return render(request, "apply/fees.html", {
        "form": form, "amount": amount, "error": error, "source": fees.SOURCE,
        "piece_bands": fees.bands("pieces"), "page_bands": fees.bands("pages"),
    })
