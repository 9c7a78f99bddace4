"""Staff pages for agencies: list, detail (with members and recent events), edit, members, CSV export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies import services
from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_role
from gongkai.agencies.forms import AgencyForm, MembershipForm
from gongkai.agencies.models import Membership, Role
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
        "member_form": MembershipForm() if has_role(request.user, agency, Role.ADMIN) else None,
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


@login_required
@require_POST
def member_add(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Agency admins grant a role in their own agency; a new username creates the user."""
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        problems = [f"{form.fields[k].label}：{' '.join(str(e) for e in v)}" for k, v in form.errors.items()]
        messages.error(request, "；".join(problems))
        return redirect("agencies:detail", agency.pk)
    data = form.cleaned_data
    user_model = get_user_model()
    user = user_model.objects.filter(username=data["username"]).first()
    if user is None:
        if not data["password"]:
            messages.error(request, "新用户需要设置初始密码")
            return redirect("agencies:detail", agency.pk)
        user = user_model(username=data["username"], first_name=data["full_name"])
        user.set_password(data["password"])
        user.save()
    services.membership_grant(user=user, agency=agency, role=data["role"], actor=request.user)
    messages.success(request, "已添加")
    return redirect("agencies:detail", agency.pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    membership = get_object_or_404(Membership, pk=membership_id, agency=agency)
    services.membership_revoke(membership=membership, actor=request.user)
    messages.success(request, "已移除")
    return redirect("agencies:detail", agency.pk)
