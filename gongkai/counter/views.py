"""Counter pages: batch intake of paper applications (with scans) and printable receipts (回执).

A batch is all or nothing: every row is checked first; one bad row keeps every row on the page with
its error (scans must be chosen again: browsers never refill file inputs) and nothing is stored. A row
for another agency is registered at the desk and routed at once (``routing``: 待签收 there); the
receipts of the batch are printed from the session's list of the cases it just created, so a desk
that no longer reads a routed case can still print the applicant's receipt once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.access import has_role, readable_agencies, require_read, require_role
from gongkai.agencies.models import Agency
from gongkai.applications import routing, services
from gongkai.applications.models import RECEIPT_RULE, Application
from gongkai.applications.workflow import ACTING
from gongkai.core import clock, uploads
from gongkai.core.actors import Actor
from gongkai.core.params import parse_int
from gongkai.core.workflow import TransitionError
from gongkai.counter.forms import POLICY, DeskForm, RowFormSet
from gongkai.notices.services import consent_record

SESSION_KEY = "counter_batch"


def _desks(user: Actor) -> QuerySet[Agency]:
    ids = [a.pk for a in readable_agencies(user) if has_role(user, a, *ACTING)]
    return Agency.objects.filter(pk__in=ids).order_by("path")


def _register(desk: Agency, row: dict[str, Any], actor: Actor) -> Application:
    data = dict(row)
    to_agency = data.pop("to_agency")
    channel, received_on, scans = data.pop("channel"), data.pop("received_on"), data.pop("scans")
    consent_email, consent_sms = data.pop("consent_email"), data.pop("consent_sms")
    if to_agency is not None and to_agency.pk != desk.pk:
        app = routing.intake_for_routing(desk=desk, data=data, channel=channel, received_on=received_on,
                                         uploads=scans, actor=actor)
        app = routing.application_route(application=app, to_agency=to_agency, on=received_on,
                                        note="窗口登记时分办", actor=actor)
    else:
        app = services.application_submit(agency=desk, data=data, channel=channel, received_on=received_on,
                                          uploads=scans, actor=actor)
    consent_record(application=app, email=bool(consent_email), sms=bool(consent_sms), actor=actor)
    return app


@login_required
@uploads.guard_uploads(POLICY)
def batch(request: HttpRequest) -> HttpResponse:
    desks = _desks(request.user)
    if not desks.exists():
        raise Http404("no desk")
    rows = parse_int(request.GET.get("rows"), lo=1, hi=50) or 3
    head = DeskForm(request.POST or None, desks=desks, initial={"desk": desks.first()})
    formset = RowFormSet(request.POST or None, request.FILES or None, prefix="row",
                         initial=[{} for _ in range(rows)])
    refused = uploads.refusal(request) if request.method == "POST" else ""
    error = refused
    if request.method == "POST" and not refused and head.is_valid() and formset.is_valid():
        desk = head.cleaned_data["desk"]
        require_role(request.user, desk, *ACTING)
        try:
            with transaction.atomic():
                created = [_register(desk, f.cleaned_data, request.user) for f in formset.forms]
        except (ValidationError, TransitionError) as exc:
            error = "；".join(getattr(exc, "messages", [str(exc)]))
        else:
            request.session[SESSION_KEY] = [a.pk for a in created]
            return redirect("counter:receipts")
    return render(request, "counter/batch.html", {"head": head, "formset": formset, "error": error,
                                                  "rows": rows}, status=413 if refused else 200)


def _receipt_rows(apps: list[Application]) -> list[dict[str, Any]]:
    out = []
    for app in apps:
        routed = app.routing_steps.select_related("router", "to_agency").order_by("id").last()
        out.append({"app": app, "rule": RECEIPT_RULE.get(app.channel, ""), "desk": routed.router if routed else None,
                    "routed_to": routed.to_agency if routed else None})
    return out


@login_required
def receipts(request: HttpRequest) -> HttpResponse:
    """The receipts of the batch this session just registered (ids from the session, never from the URL)."""
    ids = [int(i) for i in request.session.get(SESSION_KEY, [])]
    apps = list(Application.objects.filter(pk__in=ids).select_related("agency").order_by("id"))
    if not apps:
        raise Http404("no batch")
    return render(request, "counter/receipts.html", {"receipts": _receipt_rows(apps), "batch": True,
                                                     "today": clock.today()})


@login_required
def receipt(request: HttpRequest, application_id: int) -> HttpResponse:
    """One case's receipt, reprinted by the agency that holds the case."""
    app = get_object_or_404(Application.objects.select_related("agency"), pk=application_id)
    require_read(request.user, app.agency)
    return render(request, "counter/receipts.html", {"receipts": _receipt_rows([app]), "batch": False,
                                                     "today": clock.today()})
