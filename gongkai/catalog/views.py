"""Staff pages of the catalog: my agencies' records by state with the review and approval queues,
drafting and editing, the workflow actions, corrections, repeal, attachments, channels, categories
and the Art. 20 period figures. Thin: every write goes through ``services``; every page is scoped
to agencies the user may read (404 otherwise) and to the role the action needs (403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_read, require_role
from gongkai.agencies.models import Agency, Role
from gongkai.catalog import forms, services
from gongkai.catalog.attachments import AttachmentRejected
from gongkai.catalog.attachments import check as check_attachment
from gongkai.catalog.models import Attachment, InfoCategory, Record
from gongkai.catalog.workflow import TABLE, Action, Status
from gongkai.core import uploads
from gongkai.core.models import Event
from gongkai.core.params import MAX_ID, page_number, parse_int, query_id
from gongkai.core.workflow import TransitionError


def _record(request: HttpRequest, record_id: int) -> Record:
    record = get_object_or_404(Record.objects.select_related("agency", "category"), pk=record_id)
    require_read(request.user, record.agency)
    return record


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc)


@login_required
def record_list(request: HttpRequest) -> HttpResponse:
    agencies = readable_agencies(request.user)
    qs = Record.objects.filter(agency__in=agencies).select_related("agency", "category")
    agency_id, status, q = request.GET.get("agency", ""), request.GET.get("status", ""), request.GET.get("q", "")
    agency_filter = query_id(request, "agency")
    if agency_filter is not None:
        qs = qs.filter(agency_id=agency_filter)
    if status in Status.values:
        qs = qs.filter(status=status)
    if q.strip():
        qs = qs.filter(title__icontains=q.strip())
    by_status = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    page = Paginator(qs.order_by("-updated_at", "-id"), 30).get_page(page_number(request.GET.get("page")))
    return render(request, "catalog/list.html", {
        "page": page, "agencies": agencies.order_by("path")[:500], "statuses": Status.choices,
        "counts": [(value, label, by_status.get(value, 0)) for value, label in Status.choices],
        "selected": {"agency": agency_id, "status": status, "q": q},
    })


@login_required
def record_new(request: HttpRequest) -> HttpResponse:
    clerk_agencies = [a for a in readable_agencies(request.user).order_by("path")[:500]
                      if has_role(request.user, a, Role.CLERK)]
    agency_id = request.POST.get("agency") or request.GET.get("agency") or ""
    agency: Agency | None = None
    chosen = parse_int(agency_id, lo=1, hi=MAX_ID)
    if agency_id.strip():
        agency = next((a for a in clerk_agencies if a.pk == chosen), None)
    elif len(clerk_agencies) == 1:
        agency = clerk_agencies[0]
    if agency is None:
        return render(request, "catalog/choose_agency.html", {"agencies": clerk_agencies})
    services.categories_ensure(agency=agency, actor=request.user)
    form = forms.RecordForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_create(agency=agency, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "草稿已保存")
            return redirect("catalog:detail", record.pk)
    return render(request, "catalog/form.html", {"form": form, "agency": agency, "title": "新建政府信息"})


@login_required
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    user = request.user
    actions = [t for t in TABLE.available(record.status, levels=record.agency.approval_levels)
               if has_role(user, record.agency, *t.roles)]
    return render(request, "catalog/detail.html", {
        "record": record, "actions": actions, "Action": Action,
        "can_edit": record.status in {Status.DRAFT, Status.RETURNED} and has_role(user, record.agency, Role.CLERK),
        "can_correct": record.status == Status.PUBLISHED and has_role(user, record.agency, Role.APPROVER),
        "can_channel": has_role(user, record.agency, Role.CLERK, Role.APPROVER),
        "attachments": record.attachments.all(), "revisions": record.revisions.all(),
        "channels": record.channel_publications.all(),
        "interpretations": record.interpretations.all(),
        "events": Event.objects.for_object(record).select_related("actor").order_by("at", "id"),
        "upload_form": forms.AttachmentForm(), "channel_form": forms.ChannelPublicationForm(),
        "reason_form": forms.ReasonForm(), "repeal_form": forms.RepealForm(record=record),
    })


@login_required
def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.CLERK)
    form = forms.RecordForm(request.POST or None, instance=record, agency=record.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(record=record, data=form.cleaned_data, actor=request.user)
        except (ValidationError, TransitionError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "已保存")
            return redirect("catalog:detail", record.pk)
    return render(request, "catalog/form.html", {"form": form, "agency": record.agency, "record": record,
                                                 "title": "编辑政府信息"})


def _act(request: HttpRequest, record_id: int, action: str) -> HttpResponse:
    record = _record(request, record_id)
    reason = request.POST.get("reason", "")
    try:
        record = services.record_act(record=record, action=action, actor=request.user, reason=reason)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"已{Action(action).label}" + (f"，索引号 {record.index_number}"
                                                             if action == Action.PUBLISH else ""))
    return redirect("catalog:detail", record.pk)


@login_required
@require_POST
def record_submit(request: HttpRequest, record_id: int) -> HttpResponse:
    return _act(request, record_id, Action.SUBMIT)


@login_required
@require_POST
def record_review(request: HttpRequest, record_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    return _act(request, record_id, Action.REVIEW_PASS if decision == "pass" else Action.REVIEW_RETURN)


@login_required
@require_POST
def record_approve(request: HttpRequest, record_id: int) -> HttpResponse:
    decision = request.POST.get("decision")
    return _act(request, record_id, Action.APPROVE if decision == "approve" else Action.REJECT)


@login_required
@require_POST
def record_publish(request: HttpRequest, record_id: int) -> HttpResponse:
    return _act(request, record_id, Action.PUBLISH)


@login_required
@require_POST
def record_withdraw(request: HttpRequest, record_id: int) -> HttpResponse:
    return _act(request, record_id, Action.WITHDRAW)


@login_required
@require_POST
def record_repeal(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.APPROVER)
    form = forms.RepealForm(request.POST, record=record)
    if form.is_valid():
        try:
            services.record_repeal(record=record, validity=form.cleaned_data["validity"], on=form.cleaned_data["on"],
                                   replaced_by=form.cleaned_data["replaced_by"], reason=form.cleaned_data["reason"],
                                   actor=request.user)
        except (ValidationError, TransitionError) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, "已标记有效性")
    else:
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("catalog:detail", record.pk)


@login_required
def record_revise(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.APPROVER)
    if record.status != Status.PUBLISHED:
        raise Http404("not published")
    form = forms.RevisionForm(request.POST or None, instance=record, agency=record.agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.record_revise(record=record, data=data, reason=reason, actor=request.user)
        except (ValidationError, TransitionError) as exc:
            form.add_error(None, _error_text(exc))
        else:
            messages.success(request, "已更正，修订记录已公开")
            return redirect("catalog:detail", record.pk)
        record.refresh_from_db()
    return render(request, "catalog/form.html", {"form": form, "agency": record.agency, "record": record,
                                                 "title": "更正已发布的信息"})


@login_required
@require_POST
@uploads.guard_uploads("staff")
def attachment_upload(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.CLERK)
    refused = uploads.refusal(request)
    if refused:
        messages.error(request, refused)
        return redirect("catalog:detail", record.pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Checked from the temporary file first; only a file that passed is read for text extraction.
            check_attachment(upload.name or "", upload)
            item = services.attachment_add(record=record, name=upload.name or "", data=upload.read(),
                                           actor=request.user)
        except (AttachmentRejected, TransitionError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已上传附件“{item.name}”" + (f"（{item.extract_error}）" if item.extract_error
                                                                   else ""))
    else:
        messages.error(request, "请选择文件")
    return redirect("catalog:detail", record.pk)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, record_id: int, attachment_id: int) -> HttpResponse:
    record = _record(request, record_id)
    item = get_object_or_404(Attachment, pk=attachment_id, record=record)
    try:
        services.attachment_remove(attachment=item, actor=request.user)
    except TransitionError as exc:
        messages.error(request, str(exc))
    return redirect("catalog:detail", record.pk)


@login_required
@require_POST
def channel_add(request: HttpRequest, record_id: int) -> HttpResponse:
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.CLERK, Role.APPROVER)
    form = forms.ChannelPublicationForm(request.POST)
    if form.is_valid():
        services.channel_publication_add(record=record, actor=request.user, **form.cleaned_data)
        messages.success(request, "已登记发布渠道")
    else:
        messages.error(request, "渠道信息不完整")
    return redirect("catalog:detail", record.pk)


@login_required
def categories(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    can_edit = has_role(request.user, agency, Role.ADMIN, Role.OFFICE_HEAD)
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST":
        require_role(request.user, agency, Role.ADMIN, Role.OFFICE_HEAD)
        if form.is_valid():
            try:
                services.category_create(agency=agency, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "已添加分类")
                return redirect("catalog:categories", agency.pk)
    items = InfoCategory.objects.filter(agency=agency).annotate(n=Count("records")).order_by("ordering", "id")
    return render(request, "catalog/categories.html", {"agency": agency, "items": items, "form": form,
                                                       "can_edit": can_edit})


def _agency_entries(request: HttpRequest, agency_id: int, form_class: type[django_forms.BaseForm],
                    saver: Callable[..., object], rows: Callable[[Agency], QuerySet[Any]],
                    template: str) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    can_edit = has_role(request.user, agency, Role.CLERK, Role.OFFICE_HEAD)
    form = form_class(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("missing role")
        if form.is_valid():
            try:
                saver(agency=agency, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "已保存")
                return redirect(request.path)
    return render(request, template, {"agency": agency, "form": form, "rows": rows(agency), "can_edit": can_edit})


@login_required
def period_figures(request: HttpRequest, agency_id: int) -> HttpResponse:
    return _agency_entries(request, agency_id, forms.PeriodFiguresForm, services.period_figures_save,
                           lambda a: a.art20_figures.order_by("-period_start"), "catalog/period_figures.html")


@login_required
def channel_tallies(request: HttpRequest, agency_id: int) -> HttpResponse:
    return _agency_entries(request, agency_id, forms.ChannelTallyForm, services.channel_tally_save,
                           lambda a: a.channel_tallies.order_by("-period_start", "channel"),
                           "catalog/channel_tallies.html")
