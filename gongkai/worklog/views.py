"""Staff pages of the work ledger: list with the year's summed figures, create, edit, delete.

Every page is scoped by agency: entries of agencies the user cannot read answer 404; writing needs the
clerk, office head or admin role in the entry's agency (403 otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import has_role, readable_agencies, readable_agency_or_404, require_read, require_role
from gongkai.agencies.models import Role
from gongkai.core import clock
from gongkai.core.params import MAX_ID, MAX_YEAR, MIN_YEAR, parse_int
from gongkai.worklog import selectors, services
from gongkai.worklog.forms import WorkEntryForm
from gongkai.worklog.kinds import SPECS, Kind
from gongkai.worklog.models import WorkEntry

WRITE_ROLES = (Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)


def _int(value: str | None, default: int | None = None, *, lo: int = 1, hi: int = MAX_ID) -> int | None:
    parsed = parse_int(value, lo=lo, hi=hi)
    return default if parsed is None else parsed


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    agencies = list(readable_agencies(request.user).order_by("path")[:500])
    year = _int(request.GET.get("year"), clock.today().year, lo=MIN_YEAR, hi=MAX_YEAR) or clock.today().year
    agency_id = _int(request.GET.get("agency"))
    selected = [a for a in agencies if a.pk == agency_id] or agencies[:1]
    agency = selected[0] if selected else None
    rows: list[WorkEntry] = []
    summary: list[dict[str, object]] = []
    if agency is not None:
        rows = list(selectors.entries([agency.pk], year).order_by("kind", "occurred_on", "id")[:1000])
        figures = selectors.work_figures([agency.pk], year)
        for kind in Kind:
            if kind.value in figures:
                spec = SPECS[kind.value]
                summary.append({
                    "label": kind.label, "value": figures[kind.value], "unit": spec.unit,
                    "secondary_label": spec.secondary, "secondary": figures.get(f"{kind.value}.secondary"),
                    "principal": figures.get(f"{kind.value}.principal") if spec.principal else None,
                })
        rate = selectors.completion_rate(figures)
    else:
        rate = None
    return render(request, "worklog/list.html", {
        "agencies": agencies, "agency": agency, "year": year, "rows": rows, "summary": summary,
        "completion_rate": rate,
        "can_write": agency is not None and has_role(request.user, agency, *WRITE_ROLES),
    })


@login_required
def entry_create(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = readable_agency_or_404(request.user, agency_id)
    require_role(request.user, agency, *WRITE_ROLES)
    initial = {"year": _int(request.GET.get("year"), clock.today().year, lo=MIN_YEAR, hi=MAX_YEAR), "quantity": 1}
    form = WorkEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(agency=agency, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已录入"))
            return redirect(f"{_list_url()}?agency={agency.pk}&year={entry.year}")
    return render(request, "worklog/edit.html", {"agency": agency, "form": form, "entry": None})


def _entry_or_404(request: HttpRequest, entry_id: int) -> WorkEntry:
    entry = get_object_or_404(WorkEntry.objects.select_related("agency"), pk=entry_id)
    require_read(request.user, entry.agency)
    return entry


@login_required
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    require_role(request.user, entry.agency, *WRITE_ROLES)
    form = WorkEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fresh = WorkEntry.objects.get(pk=entry.pk)
        try:
            services.entry_update(entry=fresh, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect(f"{_list_url()}?agency={entry.agency_id}&year={fresh.year}")
    return render(request, "worklog/edit.html", {"agency": entry.agency, "form": form, "entry": entry})


@login_required
@require_POST
def entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry_or_404(request, entry_id)
    require_role(request.user, entry.agency, *WRITE_ROLES)
    agency_id, year = entry.agency_id, entry.year
    services.entry_delete(entry=entry, actor=request.user)
    messages.success(request, _("已删除"))
    return redirect(f"{_list_url()}?agency={agency_id}&year={year}")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("worklog:list")
