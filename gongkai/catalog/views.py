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
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_read, require_role
from gongkai.agencies.models import Agency, Role
from gongkai.catalog import forms, previews, services
from gongkai.catalog.attachments import AttachmentRejected
from gongkai.catalog.attachments import check as check_attachment
from gongkai.catalog.models import Attachment, InfoCategory, Record, ReviewDecision
from gongkai.catalog.workflow import TABLE, Action, Status
from gongkai.core import clock, uploads
from gongkai.core.actors import Actor
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
    return render(request, "catalog/form.html", {"form": form, "agency": agency, "title": "新建政府信息",
                                                 "assigned": forms.ASSIGNED_FIELDS})


def _role_words(roles: tuple[str, ...]) -> str:
    return "或".join(str(Role(r).label) for r in roles)


def next_steps(record: Record, user: Actor) -> tuple[list[Any], list[str]]:
    """(workflow rows this user may take now, sentences naming who takes the others). A page offers
    only the first; the second tells a clerk, say, that the reviewer acts next (issue 13 item 10)."""
    mine, others = [], []
    seen: set[tuple[str, ...]] = set()
    for row in TABLE.available(record.status, levels=record.agency.approval_levels):
        if has_role(user, record.agency, *row.roles):
            mine.append(row)
        elif row.roles not in seen:
            seen.add(row.roles)
            wanted = [r for r in TABLE.available(record.status, levels=record.agency.approval_levels)
                      if r.roles == row.roles]
            what = "或".join(dict.fromkeys(TABLE.label(r.action) for r in wanted))
            others.append(f"下一步由{_role_words(row.roles)}办理（{what}）。")
    return mine, others


@login_required
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    return _render_detail(request, _record(request, record_id))


def _render_detail(request: HttpRequest, record: Record, **given: Any) -> HttpResponse:
    """The record page; ``given`` replaces a blank form with one holding what the user typed."""
    user = request.user
    actions, waiting = next_steps(record, user)
    can_edit = record.status in {Status.DRAFT, Status.RETURNED} and has_role(user, record.agency, Role.CLERK)
    return render(request, "catalog/detail.html", {
        "record": record, "actions": [t for t in actions if t.action not in REVIEW_ACTIONS],
        "can_review": any(t.action in REVIEW_ACTIONS for t in actions), "waiting": waiting,
        "Action": Action, "can_edit": can_edit,
        "can_correct": record.status == Status.PUBLISHED and has_role(user, record.agency, Role.APPROVER),
        "can_channel": has_role(user, record.agency, Role.CLERK, Role.APPROVER),
        "attachments": record.attachments.all(), "revisions": record.revisions.all(),
        "channels": record.channel_publications.all(),
        "interpretations": record.interpretations.all(),
        "opinions": record.review_opinions.select_related("reviewer"),
        # The record's own events and those of its current attachments (added, arranged) in one history.
        "events": (Event.objects.for_object(record) | Event.objects.filter(
            object_type=Attachment._meta.label_lower,
            object_id__in=[str(pk) for pk in record.attachments.values_list("pk", flat=True)],
        )).select_related("actor").order_by("at", "id"),
        "upload_form": forms.AttachmentForm(), "channel_form": forms.ChannelPublicationForm(),
        "review_form": forms.ReviewForm(), "repeal_form": forms.RepealForm(record=record),
        "arrange_form_rows": [(a, a.title, a.position) for a in record.attachments.all()],
    } | given, status=400 if given else 200)


REVIEW_ACTIONS = frozenset({Action.REVIEW_PASS, Action.REVIEW_RETURN})


@login_required
def record_preview(request: HttpRequest, record_id: int) -> HttpResponse:
    """The public record page as it will look once published (staff only, never cached or indexed).
    Values assigned at publication are shown as placeholders on an unsaved copy."""
    record = _record(request, record_id)
    if record.status == Status.PUBLISHED:
        return redirect("portal:record", record.pk)
    if not record.index_number:
        record.index_number = "（发布时生成）"
    now = clock.now()
    record.published_at = record.published_at or now
    record.published_on = record.published_on or clock.local_date(now)
    attachments = [{"pk": a.pk, "name": a.display_name, "kind": a.kind, "size": a.size}
                   for a in record.attachments.all()]
    response = render(request, "catalog/preview.html", {
        "agency": record.agency, "record": record, "column": "content", "preview": True,
        "shows_content": True, "attachments": attachments,
        "interprets": record.interprets, "interpretations": [], "replaces": [], "replaced_by": None,
        "revisions": [], "channels": [],
    })
    response["X-Robots-Tag"] = "noindex"
    return response


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
                                                 "title": "编辑政府信息", "assigned": forms.ASSIGNED_FIELDS})


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
    """The reviewer's 保密审查意见 with its decision; both are required, nothing typed is lost on error."""
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.REVIEWER)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return _render_detail(request, record, review_form=form)
    action = Action.REVIEW_PASS if form.cleaned_data["decision"] == ReviewDecision.PASS else Action.REVIEW_RETURN
    try:
        services.record_act(record=record, action=action, actor=request.user, reason=form.cleaned_data["opinion"])
    except (ValidationError, TransitionError) as exc:
        messages.error(request, _error_text(exc))
        return _render_detail(request, record, review_form=form)
    messages.success(request, f"已{Action(action).label}，审查意见已记录")
    return redirect("catalog:detail", record.pk)


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
                                                 "title": "更正已发布的信息", "assigned": forms.ASSIGNED_FIELDS})


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
                                           title=form.cleaned_data["title"], actor=request.user)
        except (AttachmentRejected, TransitionError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已上传附件“{item.display_name}”"
                             + (f"（{item.extract_error}）" if item.extract_error else ""))
    else:
        messages.error(request, "请选择文件")
    return redirect("catalog:detail", record.pk)


@login_required
@require_POST
def attachments_arrange(request: HttpRequest, record_id: int) -> HttpResponse:
    """Display names and order of all attachments of a draft, from one form (``title-<id>``, ``position-<id>``)."""
    record = _record(request, record_id)
    require_role(request.user, record.agency, Role.CLERK)
    arrangement: dict[int, tuple[str, int]] = {}
    for item in record.attachments.all():
        position = parse_int(request.POST.get(f"position-{item.pk}", ""), lo=0, hi=999)
        arrangement[item.pk] = (request.POST.get(f"title-{item.pk}", item.title)[:300],
                                position if position is not None else item.position)
    try:
        services.attachments_arrange(record=record, arrangement=arrangement, actor=request.user)
    except (ValidationError, TransitionError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, "已保存附件名称和顺序")
    return redirect("catalog:detail", record.pk)


def _attachment(request: HttpRequest, record_id: int, attachment_id: int) -> tuple[Record, Attachment]:
    record = _record(request, record_id)
    return record, get_object_or_404(Attachment, pk=attachment_id, record=record)


@login_required
@xframe_options_sameorigin
def attachment_file(request: HttpRequest, record_id: int, attachment_id: int) -> FileResponse:
    """The stored file for staff who may read the record: PDFs and images inline (the review page frames
    PDFs from this origin only), everything else as a download."""
    item = _attachment(request, record_id, attachment_id)[1]
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("file missing") from exc
    response = uploads.file_response(handle, kind=item.kind, name=item.name)
    if item.kind == "pdf":
        # Only our own pages may frame it; Chromium's PDF viewer is a plugin, so objects from self are allowed.
        response._csp_replace = {  # type: ignore[attr-defined]
            "frame-ancestors": ["'self'"], "object-src": ["'self'"]}
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attachment_preview(request: HttpRequest, record_id: int, attachment_id: int) -> HttpResponse:
    """One attachment shown inside the page for the confidentiality review: PDF in the browser's viewer,
    images inline, DOCX and XLSX converted to HTML, other kinds by their extracted text."""
    record, item = _attachment(request, record_id, attachment_id)
    items = list(record.attachments.all())
    at = next(i for i, a in enumerate(items) if a.pk == item.pk)
    return render(request, "catalog/attachment_preview.html", {
        "record": record, "item": item, "preview": previews.render(item),
        "previous": items[at - 1] if at > 0 else None, "next": items[at + 1] if at + 1 < len(items) else None,
        "number": at + 1, "total": len(items),
    })


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
