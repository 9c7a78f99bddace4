"""Staff pages of the appeals ledger: list, new, detail, edit (outcome). Scoped by agency."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.access import has_role, readable_agencies, require_read, require_role
from gongkai.agencies.models import Agency
from gongkai.appeals import services
from gongkai.appeals.forms import AppealForm
from gongkai.appeals.models import AppealCase
from gongkai.core.actors import Actor
from gongkai.core.models import Event


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    cases = (AppealCase.objects.filter(agency__in=readable_agencies(request.user))
             .select_related("agency", "application").order_by("-filed_on", "-id")[:500])
    return render(request, "appeals/list.html", {"cases": cases})


def _acting(user: Actor) -> QuerySet[Agency]:
    ids = [a.pk for a in readable_agencies(user) if has_role(user, a, *services.ACTING)]
    return Agency.objects.filter(pk__in=ids).order_by("path")


@login_required
def appeal_new(request: HttpRequest) -> HttpResponse:
    agencies = _acting(request.user)
    if not agencies.exists():  # type: ignore[attr-defined]
        raise Http404("no agency")
    initial = {}
    if request.GET.get("application"):
        initial["application"] = request.GET["application"]
    form = AppealForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        require_role(request.user, agency, *services.ACTING)
        try:
            case = services.appeal_create(agency=agency, data=data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已登记")
            return redirect("appeals:detail", case.pk)
    return render(request, "appeals/edit.html", {"form": form, "case": None})


def _case(request: HttpRequest, appeal_id: int) -> AppealCase:
    case = get_object_or_404(AppealCase.objects.select_related("agency", "application"), pk=appeal_id)
    require_read(request.user, case.agency)
    return case


@login_required
def appeal_detail(request: HttpRequest, appeal_id: int) -> HttpResponse:
    case = _case(request, appeal_id)
    return render(request, "appeals/detail.html", {
        "case": case, "can_edit": has_role(request.user, case.agency, *services.ACTING),
        "events": Event.objects.for_object(case).select_related("actor").order_by("-at")[:20]})


@login_required
def appeal_edit(request: HttpRequest, appeal_id: int) -> HttpResponse:
    case = _case(request, appeal_id)
    require_role(request.user, case.agency, *services.ACTING)
    agencies = Agency.objects.filter(pk=case.agency_id)
    form = AppealForm(request.POST or None, instance=case, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.cleaned_data}
        try:
            services.appeal_update(case=AppealCase.objects.get(pk=case.pk), data=data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存")
            return redirect("appeals:detail", case.pk)
    return render(request, "appeals/edit.html", {"form": form, "case": case})
