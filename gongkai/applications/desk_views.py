"""Staff pages of the desk added by issue 14: the guided answer screen and the counter's batch intake.

Thin like ``views``: the case or agency is resolved through ``agencies.access`` (404 when unreadable,
403 without an acting role), a form is validated, one service runs (``guided.application_answer_guided``,
``routing.intake_for_routing``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.access import has_role, require_role
from gongkai.applications import guided
from gongkai.applications.forms import OnForm
from gongkai.applications.models import Outcome
from gongkai.applications.views import _case
from gongkai.applications.workflow import ACTING, TABLE
from gongkai.core.workflow import TransitionError


class GuidedAnswerForm(OnForm):
    """怎么答: the last step, pre-filled from the path (basis and draft text); the outcome is the path's."""

    legal_basis = forms.CharField(label=_("法律依据"), max_length=300)
    answer_text = forms.CharField(label=_("答复内容或理由"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    referral_organ = forms.CharField(label=_("负责公开的机关（第三十六条第五项）"), max_length=120, required=False)
    referral_contact = forms.CharField(label=_("该机关联系方式"), max_length=200, required=False)


def _labels(keys: tuple[str, ...]) -> list[str]:
    return [str(Outcome(k).label) for k in keys]


@login_required
def guided_answer(request: HttpRequest, application_id: int) -> HttpResponse:
    app = _case(request, application_id)
    can_act = has_role(request.user, app.agency, *ACTING)
    raw = request.POST.get("path", "") if request.method == "POST" else request.GET.get("path", "")
    choices = guided.parse(raw)
    nxt = request.GET.get("next", "") if request.method == "GET" else ""
    if nxt:
        choices.append(nxt)
    try:
        w = guided.walk(choices)
    except guided.GuideError as exc:
        messages.error(request, str(exc))
        return redirect("applications:guided", app.pk)
    path = ".".join(choices)
    form: GuidedAnswerForm | None = None
    if w.end is not None and w.end.action == "answer" and w.outcome:
        form = GuidedAnswerForm(request.POST or None, initial={"legal_basis": w.basis, "answer_text": w.end.draft})
        if not w.end.needs_referral:
            del form.fields["referral_organ"], form.fields["referral_contact"]
        if request.method == "POST":
            require_role(request.user, app.agency, *ACTING)
            if form.is_valid():
                try:
                    guided.application_answer_guided(application=app, choices=choices, actor=request.user,
                                                     **form.cleaned_data)
                except (ValidationError, TransitionError, guided.GuideError) as exc:
                    messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
                else:
                    messages.success(request, "已按引导作出答复")
                    return redirect("applications:detail", app.pk)
    answerable = any(r.action == "answer" for r in TABLE.available(app.status))
    return render(request, "applications/guided.html", {
        "app": app, "walk": w, "path": path, "back": ".".join(choices[:-1]), "form": form, "can_act": can_act,
        "answerable": answerable, "candidates": _labels(w.candidates), "total_rows": len(Outcome.values),
        "end_label": TABLE.label(w.end.action) if w.end else "", "answer_step": guided.ANSWER_STEP,
        "outcome_label": str(Outcome(w.outcome).label) if w.outcome else "",
    })
