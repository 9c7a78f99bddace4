"""Staff pages for agencies: list, detail (with members and recent events), edit, CSV export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongkai.agencies import services
from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_role
from gongkai.agencies.forms import AgencyForm
from gongkai.agencies.models import Role
from gongkai.core.models import Event


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = readable_agencies(request.user).select_related("parent").order_by("path")[:2000]
    return render(request, "agencies/list.html", {"agencies": agencies})


@login_required
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    return render(request, "agencies/detail.html", {
        "agency": agency,
        "members": agency.memberships.select_related("user").order_by("role", "user__username"),
        "children": agency.children.order_by("ordering", "id"),
        "events": Event.objects.filter(agency=agency).select_related("actor").order_by("-at", "-id")[:30],
        "can_edit": has_role(request.user, agency, Role.ADMIN),
    })


@login_required
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        services.agency_update(agency=agency, data=form.cleaned_data, actor=request.user)
        messages.success(request, "已保存")
        return redirect("agencies:detail", agency.pk)
    return render(request, "agencies/edit.html", {"agency": agency, "form": form})


@login_required
def agency_export(request: HttpRequest) -> HttpResponse:
    qs = readable_agencies(request.user).select_related("parent").order_by("path")
    response = HttpResponse(services.agencies_export_csv(qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="agencies.csv"'
    return response
