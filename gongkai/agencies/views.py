"""Staff pages for agencies: list, detail (with members and recent events), edit, members, CSV export,
superior-viewer grants, enrolment requests between agencies, and login lockouts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies import access, lockout, services
from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_role
from gongkai.agencies.forms import AgencyForm, MembershipForm, SuperiorViewerForm
from gongkai.agencies.models import Agency, EnrolmentRequest, EnrolmentStatus, Membership, Role
from gongkai.core.actors import Actor
from gongkai.core.models import Event

# One answer whether the username is new or already someone else's, so the form tells nothing about
# which usernames exist in other agencies.
SUBMITTED = ("已提交。新用户已创建并加入本机关；如该用户名已被其他机关使用，"
             "已向其所在机关发出加入申请，经该机关管理员同意后生效（可在“加入申请”页面查看）。")


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
        "member_form": (MembershipForm(roles=access.grantable_roles(request.user, agency))
                        if has_role(request.user, agency, Role.ADMIN) else None),
        "superior_form": (SuperiorViewerForm(superior=agency)
                          if has_role(request.user, agency, Role.ADMIN) and agency.children.exists() else None),
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


def _form_problems(form: MembershipForm | SuperiorViewerForm) -> str:
    return "；".join(f"{form.fields[k].label if k in form.fields else '表单'}：{' '.join(str(e) for e in v)}"
                    for k, v in form.errors.items())


@login_required
@require_POST
def member_add(request: HttpRequest, agency_id: int) -> HttpResponse:
    """Agency admins give roles in their own agency: to its members at once, to a new username by creating
    the account (validated password), to another agency's user by a request that agency must accept."""
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    form = MembershipForm(request.POST, roles=access.grantable_roles(request.user, agency))
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return redirect("agencies:detail", agency.pk)
    data = form.cleaned_data
    username, role = data["username"].strip(), data["role"]
    user = get_user_model().objects.filter(username=username).first()
    if user is not None and (access.is_platform_admin(request.user)
                             or Membership.objects.filter(user=user, agency=agency).exists()):
        services.membership_grant(user=user, agency=agency, role=role, actor=request.user)
        messages.success(request, "已添加")
        return redirect("agencies:detail", agency.pk)
    # From here the answer must not depend on whether the username exists elsewhere: the same password
    # rules, the same message.
    if not data["password"]:
        messages.error(request, "请为新用户设置初始密码")
        return redirect("agencies:detail", agency.pk)
    try:
        services.check_new_password(data["password"], username=username, full_name=data["full_name"])
    except ValidationError as exc:
        messages.error(request, "初始密码不符合要求：" + " ".join(exc.messages))
        return redirect("agencies:detail", agency.pk)
    if user is None:
        services.staff_user_create(username=username, full_name=data["full_name"], password=data["password"],
                                   agency=agency, role=role, actor=request.user)
    else:
        services.enrolment_request(user=user, agency=agency, role=role, actor=request.user)
    messages.success(request, SUBMITTED)
    return redirect("agencies:detail", agency.pk)


@login_required
@require_POST
def superior_grant(request: HttpRequest, agency_id: int) -> HttpResponse:
    """An admin of ``agency`` makes a member of one of its subordinates a superior viewer there."""
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    form = SuperiorViewerForm(request.POST, superior=agency)
    if not form.is_valid():
        messages.error(request, _form_problems(form))
        return redirect("agencies:detail", agency.pk)
    target: Agency = form.cleaned_data["subordinate"]
    membership = (Membership.objects.filter(agency=target, user__username=form.cleaned_data["username"].strip())
                  .select_related("user").first())
    if membership is None:
        messages.error(request, f"{target.name}没有这个用户名的工作人员")
        return redirect("agencies:detail", agency.pk)
    services.membership_grant(user=membership.user, agency=target, role=Role.SUPERIOR_VIEWER, actor=request.user)
    messages.success(request, f"已授予{target.name}的上级查看员岗位")
    return redirect("agencies:detail", agency.pk)


def _decidable(user: Actor, req: EnrolmentRequest) -> bool:
    return access.can_decide_enrolment(user, services.enrolment_member_of(req))


@login_required
def enrolment_list(request: HttpRequest) -> HttpResponse:
    """Requests awaiting this admin's consent, and requests this admin's agencies made."""
    user = request.user
    if not user.is_authenticated:  # login_required already; narrows the type
        raise PermissionDenied("login required")
    pending = EnrolmentRequest.objects.filter(status=EnrolmentStatus.PENDING).select_related(
        "user", "agency", "requested_by")
    outgoing = EnrolmentRequest.objects.select_related("user", "agency", "decided_by")
    if not access.is_platform_admin(user):
        admin_of = list(Membership.objects.filter(user=user, role=Role.ADMIN, agency__is_active=True)
                        .values_list("agency_id", flat=True))
        if not admin_of:
            raise PermissionDenied("agency admins only")
        pending = pending.filter(user__memberships__agency_id__in=admin_of).distinct()
        outgoing = outgoing.filter(agency_id__in=admin_of)
    incoming = [r for r in pending[:500] if _decidable(user, r)]
    return render(request, "agencies/enrolments.html", {
        "incoming": incoming, "outgoing": outgoing.order_by("-requested_at")[:200],
    })


@login_required
@require_POST
def enrolment_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    req = EnrolmentRequest.objects.filter(pk=request_id).select_related("agency").first()
    if req is None or not _decidable(request.user, req):
        raise Http404("no such request")
    accept = request.POST.get("decision") == "accept"
    try:
        services.enrolment_decide(req=req, accept=accept, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"已同意{req.user}加入{req.agency.name}" if accept else "已拒绝该申请")
    return redirect("agencies:enrolments")


@login_required
def lockouts(request: HttpRequest, agency_id: int | None = None) -> HttpResponse:
    """Locked-out logins an admin may clear: own agency's members, or everyone for a platform admin."""
    agency: Agency | None = None
    if agency_id is not None:
        agency = readable_agency_or_404(request.user, agency_id)
        require_role(request.user, agency, Role.ADMIN)
    elif not access.is_platform_admin(request.user):
        raise PermissionDenied("platform admins only")
    if request.method == "POST":
        username = request.POST.get("username", "")
        try:
            removed = services.login_unlock(username=username, agency=agency, actor=request.user)
        except PermissionDenied:
            messages.error(request, "只能为本机关的工作人员解锁")
        else:
            messages.success(request, f"已为 {username} 解锁" if removed else f"{username} 当前没有被锁定")
        return redirect(request.path)
    return render(request, "agencies/lockouts.html", {"agency": agency, "locked": lockout.locked_users(agency)})


@login_required
@require_POST
def member_remove(request: HttpRequest, agency_id: int, membership_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, Role.ADMIN)
    membership = get_object_or_404(Membership, pk=membership_id, agency=agency)
    services.membership_revoke(membership=membership, actor=request.user)
    messages.success(request, "已移除")
    return redirect("agencies:detail", agency.pk)
