"""Reads for 督办: the figures per subordinate agency and month, the lists behind them, one case's time axis.

Definitions (one place; the page, the XLSX and the API read these):

- 3日内到期 (``due_soon``): open now, due today or within the next 3 workdays;
- 逾期未办结 (``overdue_open``): open now, due before today;
- 逾期办结 (``closed_late``): closed in the period, on a day after its due date;
- 按期办结 (``closed_on_time``): closed in the period, on or before its due date (or without one);
- 收到 (``received``): received in the period.

"Open" is ``applications.workflow.OPEN_STATUSES``; the period is a month (or a whole year) by the
received / closed date; due_soon and overdue_open describe today whatever the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, ClockEvent, Outcome, RoutingStep
from gongkai.applications.workflow import OPEN_STATUSES
from gongkai.core import clock
from gongkai.core.eventlabels import label as event_label
from gongkai.core.models import Event
from gongkai.workdays.counting import CalendarYearMissing
from gongkai.workdays.services import get_calendar

FIGURES = ("received", "closed_on_time", "closed_late", "due_soon", "overdue_open")
LABELS = {"received": "收到申请", "closed_on_time": "按期办结", "closed_late": "逾期办结", "due_soon": "3日内到期",
          "overdue_open": "逾期未办结"}
SOON_WORKDAYS = 3


@dataclass
class Row:
    agency_id: int
    agency: str
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))


def subordinates(superior: Agency) -> QuerySet[Agency]:
    """The agencies under ``superior`` (its whole subtree, itself included)."""
    return Agency.objects.filter(path__startswith=superior.path).order_by("path", "ordering", "id")


def period(year: int, month: int | None) -> tuple[dt.date, dt.date]:
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def horizon(today: dt.date) -> dt.date:
    try:
        return get_calendar().add_workdays(today, SOON_WORKDAYS)
    except CalendarYearMissing:
        return today + dt.timedelta(days=SOON_WORKDAYS + 4)


def _filters(start: dt.date, end: dt.date, today: dt.date) -> dict[str, Q]:
    closed = Q(closed_on__gte=start, closed_on__lte=end) & ~Q(status__in=OPEN_STATUSES)
    open_ = Q(status__in=OPEN_STATUSES)
    return {
        "received": Q(received_on__gte=start, received_on__lte=end),
        "closed_on_time": closed & (Q(due_on__isnull=True) | Q(closed_on__lte=F("due_on"))),
        "closed_late": closed & Q(closed_on__gt=F("due_on")),
        "due_soon": open_ & Q(due_on__gte=today, due_on__lte=horizon(today)),
        "overdue_open": open_ & Q(due_on__lt=today),
    }


def figures(agency_ids: Iterable[int], *, year: int, month: int | None = None,
            today: dt.date | None = None) -> list[Row]:
    """One row per agency (in ``agency_ids``' tree order), with the five figures; one GROUP BY query."""
    today = today or clock.today()
    start, end = period(year, month)
    ids = list(agency_ids)
    names = dict(Agency.objects.filter(pk__in=ids).values_list("id", "name"))
    rows = {pk: Row(pk, names.get(pk, "")) for pk in ids}
    filters = _filters(start, end, today)
    aggs = {k: Count("id", filter=q) for k, q in filters.items()}
    # Only rows that can count anywhere: received or closed in the period, or open now (a month view
    # then reads a month's rows and the open ones, not the agencies' whole history).
    relevant = (Q(received_on__gte=start, received_on__lte=end) | Q(closed_on__gte=start, closed_on__lte=end)
                | Q(status__in=OPEN_STATUSES))
    names_in_order = ["agency_id", *FIGURES]
    grouped = Application.objects.filter(relevant, agency_id__in=ids).values("agency_id").annotate(**aggs)
    for values in grouped.values_list(*names_in_order):
        row = rows[int(values[0])]
        row.figures = {k: int(v) for k, v in zip(FIGURES, values[1:], strict=True)}
    return [rows[pk] for pk in ids]


def totals(rows: Iterable[Row]) -> dict[str, int]:
    out = dict.fromkeys(FIGURES, 0)
    for r in rows:
        for k in FIGURES:
            out[k] += r.figures[k]
    return out


def cases(agency_ids: Iterable[int], figure: str, *, year: int, month: int | None = None,
          today: dt.date | None = None) -> QuerySet[Application]:
    """The cases behind one figure (the list a superior opens from a number)."""
    today = today or clock.today()
    start, end = period(year, month)
    q = _filters(start, end, today)[figure]
    return Application.objects.filter(q, agency_id__in=list(agency_ids)).select_related("agency").order_by(
        "due_on", "id")


@dataclass(frozen=True)
class Moment:
    at: dt.datetime | None
    on: dt.date | None
    who: str
    what: str
    detail: str = ""


def time_axis(app: Application) -> list[Moment]:
    """Who did what when on one case: its events (the log), with the statutory dates of its clock ledger."""
    out: list[Moment] = []
    for e in Event.objects.for_object(app).select_related("actor").order_by("at", "id"):
        who = (e.actor.get_full_name() or e.actor.get_username()) if e.actor else "系统"
        out.append(Moment(e.at, clock.local_date(e.at), who, event_label(e.action), e.note[:100]))
    for c in ClockEvent.objects.filter(application=app).order_by("on", "id"):
        # the closing entries keep the outcome key in their note: show its Table 3 label, never the key
        note = str(Outcome(c.note).label) if c.note in Outcome.values else c.note
        out.append(Moment(None, c.on, "", f"期限事项：{c.get_kind_display()}", note[:100]))
    for st in RoutingStep.objects.filter(application=app).select_related("router", "to_agency").order_by("id"):
        out.append(Moment(None, st.on, "", f"{st.get_kind_display()}：{st.router.name} → {st.to_agency.name}",
                          st.reason))
    return sorted(out, key=lambda m: (m.on or dt.date.min, m.at is None, m.at or dt.datetime.min.replace(
        tzinfo=dt.UTC)))
