"""Public pages under /apply/: the online application form, tracking by code, the fee calculator.

No account is needed. The status page needs the tracking code plus the last four digits of the
phone number given in the application (a second factor); once verified the code is remembered in
the session. It shows only this application, with the identity number masked.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.applications import fees, services
from gongkai.applications.forms import FeeQuoteForm, PublicApplicationForm, StatusLookupForm
from gongkai.applications.models import Application, Channel, Letter, LetterKind
from gongkai.core import clock

SESSION_KEY = "apply_verified"
PUBLIC_LETTER_KINDS = (LetterKind.ANSWER, LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.FEE)


def _agencies() -> object:
    return Agency.objects.filter(is_active=True).order_by("path", "ordering")


@require_http_methods(["GET", "POST"])
def apply_form(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(request.POST or None, request.FILES or None, agencies=_agencies())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        upload = data.pop("upload", None)
        now = clock.now()
        # Art. 31: online applications count from mutual confirmation; the system's acknowledgement
        # with the tracking code is that confirmation, so the receipt date is the submission date.
        app = services.application_submit(agency=agency, data=data, channel=Channel.ONLINE, submitted_at=now,
                                          received_on=clock.local_date(now), uploads=[upload] if upload else [])
        _remember(request, app)
        return redirect("apply:done", app.tracking_code)
    return render(request, "apply/form.html", {"form": form})


def _remember(request: HttpRequest, app: Application) -> None:
    codes = set(request.session.get(SESSION_KEY, []))
    codes.add(app.tracking_code)
    request.session[SESSION_KEY] = sorted(codes)[-20:]


def _verified(request: HttpRequest, code: str) -> Application:
    if code not in request.session.get(SESSION_KEY, []):
        raise Http404("not verified")
    return get_object_or_404(Application.objects.select_related("agency"), tracking_code=code)


def apply_done(request: HttpRequest, code: str) -> HttpResponse:
    app = _verified(request, code)
    return render(request, "apply/done.html", {"app": app})


@require_http_methods(["GET", "POST"])
def status_lookup(request: HttpRequest) -> HttpResponse:
    form = StatusLookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
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
    res = services.explain(app)
    return render(request, "apply/status.html", {
        "app": app, "res": res, "ledger": app.clock_events.all(),
        "letters": app.letters.filter(kind__in=PUBLIC_LETTER_KINDS),
        "fee_notices": app.fee_notices.all(),
    })


def status_letter(request: HttpRequest, code: str, letter_id: int, fmt: str) -> FileResponse:
    app = _verified(request, code)
    letter = get_object_or_404(Letter, pk=letter_id, application=app, kind__in=PUBLIC_LETTER_KINDS)
    field = letter.pdf if fmt == "pdf" else letter.docx
    if not field:
        raise Http404("no file")
    return FileResponse(field.open("rb"), as_attachment=True, filename=f"{letter.title}.{fmt}")


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
