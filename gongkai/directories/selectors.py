"""Reads of the standard directories: each item's state against the catalog (fulfilled, missing, late,
not checkable) and the compliance summary by agency. The state is computed, never stored: a record
published, repealed or linked changes it at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from gongkai.catalog.models import Record
from gongkai.catalog.rules import Validity
from gongkai.catalog.workflow import Status
from gongkai.directories.declarations import DOMAIN_LABELS
from gongkai.directories.models import DirectoryItem
from gongkai.workdays.counting import CalendarYearMissing, WorkdayCalendar

STATE_LABELS = {"ok": "已按时公开", "missing": "未公开", "late": "逾期公开", "unchecked": "已公开（时限无法核对）"}


def current_records() -> Q:
    """Published and not repealed: what a directory item can point the public to."""
    return Q(status=Status.PUBLISHED) & ~Q(validity=Validity.REPEALED)


@dataclass(frozen=True)
class ItemState:
    item: DirectoryItem
    records: list[Record]
    state: str  # ok | missing | late | unchecked
    due_on: dt.date | None
    note: str

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def public_label(self) -> str:
        """The state as the portal states it (no internal wording)."""
        return {"ok": "已公开", "missing": "暂未公开", "late": "已公开（超过公开时限）",
                "unchecked": "已公开"}[self.state]


def item_states(agency_id: int, *, cal: WorkdayCalendar, domain: str | None = None) -> list[ItemState]:
    """Every item of an agency with its state. Late = the newest current record was published after its
    formation date plus the item's 公开时限 in workdays (Art. 26's counting, the item's own limit)."""
    items = DirectoryItem.objects.filter(agency_id=agency_id).prefetch_related(
        Prefetch("records", queryset=Record.objects.filter(current_records()).order_by("-published_on", "-id"),
                 to_attr="current"))
    if domain:
        items = items.filter(domain=domain)
    out: list[ItemState] = []
    for item in items:
        records: list[Record] = list(getattr(item, "current", []))
        if not records:
            out.append(ItemState(item, [], "missing", None, "没有关联已公开的政府信息"))
            continue
        newest = records[0]
        if item.limit_workdays is None or newest.published_on is None:
            out.append(ItemState(item, records, "unchecked", None, f"公开时限“{item.time_limit}”未写明工作日数"))
            continue
        try:
            due = cal.add_workdays(newest.formed_on, item.limit_workdays)
        except CalendarYearMissing as exc:
            out.append(ItemState(item, records, "unchecked", None, f"缺少{exc.year}年节假日数据，无法计算时限"))
            continue
        state = "late" if newest.published_on > due else "ok"
        note = (f"应于{due:%Y年%-m月%-d日}前公开，实际{newest.published_on:%Y年%-m月%-d日}公开" if state == "late"
                else f"时限至{due:%Y年%-m月%-d日}")
        out.append(ItemState(item, records, state, due, note))
    return out


@dataclass(frozen=True)
class AgencyCompliance:
    agency_id: int
    agency_name: str
    items: int
    missing: int


def compliance_by_agency(agency_ids: Iterable[int]) -> list[AgencyCompliance]:
    """Items and items with no current record, per agency, in one grouped query."""
    rows = (DirectoryItem.objects.filter(agency_id__in=list(agency_ids))
            .values("agency_id", "agency__name")
            .annotate(items=Count("id", distinct=True),
                      fulfilled=Count("id", distinct=True, filter=Q(links__record__status=Status.PUBLISHED)
                                      & ~Q(links__record__validity=Validity.REPEALED)))
            .order_by("agency__name"))
    return [AgencyCompliance(r["agency_id"], r["agency__name"], r["items"], r["items"] - r["fulfilled"]) for r in rows]


def domains_of(agency_id: int) -> list[tuple[str, str]]:
    keys = DirectoryItem.objects.filter(agency_id=agency_id).values_list("domain", flat=True).distinct()
    return [(k, DOMAIN_LABELS.get(k, k)) for k in sorted(set(keys), key=list(DOMAIN_LABELS).index)]
