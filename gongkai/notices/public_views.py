"""The applicant's notice settings: on the page reached from the receipt and the status page, the applicant
chooses e-mail and SMS notices for their own case (the consent that staff otherwise record at the counter).
Only a case this browser submitted or looked up (``applications.public_views.verified_case``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.applications.public_views import verified_case
from gongkai.notices import services
from gongkai.notices.models import Consent


class ConsentForm(forms.Form):
    email = forms.BooleanField(label="通过电子邮件通知办理进展", required=False)
    sms = forms.BooleanField(label="通过短信通知办理进展", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        start, end = services.quiet_hours()  # the configured quiet hours, stated as they are applied
        self.fields["sms"].label = f"通过短信通知办理进展（{start}时至次日{end}时不发送）"


@require_http_methods(["GET", "POST"])
def consent_page(request: HttpRequest, code: str) -> HttpResponse:
    app = verified_case(request, code)
    current = Consent.objects.filter(application=app).first()
    initial = {"email": current.email if current else bool(app.email), "sms": current.sms if current else False}
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.consent_record(application=app, email=form.cleaned_data["email"], sms=form.cleaned_data["sms"],
                                actor=request.user)
        messages.success(request, "通知设置已保存")
        return redirect("apply:status", app.tracking_code)
    return render(request, "notices/consent.html", {"app": app, "form": form,
                                                    "has_email": bool(app.email), "has_phone": bool(app.phone)})
