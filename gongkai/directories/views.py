"""Staff pages of the standard directories (list with each item's state, import, link a record, the
compliance summary of the agencies a user can read) and the public directory page of an agency."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404
from gongkai.agencies.models import Agency
from gongkai.catalog.models import Record
from gongkai.core import uploads
from gongkai.core.params import MAX_ID, parse_int
from gongkai.directories import selectors, services
from gongkai.directories.declarations import CHANNEL_LABELS, DOMAIN_LABELS, DOMAINS, STANDARD_DIRECTORIES
from gongkai.directories.models import DirectoryItem
from gongkai.directories.reader import DirectoryFileError, read_xlsx
from gongkai.workdays.services import get_calendar

MAX_XLSX_BYTES = 5 * 1024 * 1024


def _context(agency: Agency, domain: str | None) -> dict[str, object]:
    states = selectors.item_states(agency.pk, cal=get_calendar(), domain=domain)
    return {"agency": agency, "states": states, "domain": domain, "domain_label": DOMAIN_LABELS.get(domain or ""),
            "domains": selectors.domains_of(agency.pk), "channel_labels": CHANNEL_LABELS,
            "counts": {s: sum(1 for x in states if x.state == s) for s in selectors.STATE_LABELS}}


@login_required
def directory_list(request: HttpRequest) -> HttpResponse:
    agencies = list(readable_agencies(request.user).order_by("path")[:500])
    agency_id = parse_int(request.GET.get("agency"), lo=1, hi=MAX_ID)
    agency = next((a for a in agencies if a.pk == agency_id), agencies[0] if agencies else None)
    if agency is None:
        raise Http404("no agency")
    domain = request.GET.get("domain") if request.GET.get("domain") in DOMAIN_LABELS else None
    can_write = has_role(request.user, agency, *services.WRITE_ROLES)
    context = _context(agency, domain)
    context.update(agencies=agencies, can_write=can_write, all_domains=DOMAINS,
                   standard=[(k, DOMAIN_LABELS[k]) for k in STANDARD_DIRECTORIES],
                   records=list(Record.objects.filter(selectors.current_records(), agency=agency)
                                .order_by("-published_on", "-id").values("pk", "title", "index_number")[:300])
                   if can_write else [])
    return render(request, "directories/list.html", context)


@login_required
@require_POST
def directory_import(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    domain = request.POST.get("domain", "")
    try:
        if request.POST.get("standard"):
            rows, source = services.standard_rows(domain)
        else:
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError("请选择 XLSX 文件，或载入随平台提供的标准目录")
            checked = uploads.inspect(upload.name or "", upload, max_bytes=MAX_XLSX_BYTES)
            if checked.kind != "xlsx":
                raise ValidationError("标准目录须为 XLSX 文件")
            upload.seek(0)
            rows, source = read_xlsx(upload.read()), f"上传文件：{checked.name}"
        items = services.directory_import(agency=agency, domain=domain, rows=rows, source=source, actor=request.user)
    except (ValidationError, DirectoryFileError, uploads.UploadRejected) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"已导入“{DOMAIN_LABELS[domain]}”领域目录 {len(items)} 项")
    return redirect(f"/staff/directories/?agency={agency.pk}&domain={domain}")


@login_required
@require_POST
def directory_link(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(DirectoryItem, pk=item_id)
    readable_agency_or_404(request.user, item.agency_id)
    record_id = parse_int(request.POST.get("record"), lo=1, hi=MAX_ID) or 0
    record = get_object_or_404(Record, pk=record_id, agency=item.agency)
    try:
        if request.POST.get("unlink"):
            services.directory_unlink(item=item, record=record, actor=request.user)
        else:
            services.directory_link(item=item, record=record, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect(f"/staff/directories/?agency={item.agency_id}&domain={item.domain}#item-{item.pk}")


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    agencies = readable_agencies(request.user).values_list("pk", flat=True)
    return render(request, "directories/compliance.html",
                  {"rows": selectors.compliance_by_agency(list(agencies[:5000]))})


def public_directory(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id, is_active=True)
    domain = request.GET.get("domain") if request.GET.get("domain") in DOMAIN_LABELS else None
    context = _context(agency, domain)
    context["column"] = "directory"
    return render(request, "directories/public.html", context)
