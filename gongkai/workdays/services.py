"""Reading the calendar from the database and every write to it (one transaction, one event each).

``get_calendar()`` returns a ``WorkdayCalendar`` of all stored years, rebuilt only when the data
changed (one small aggregate query decides). Writes send ``calendar_changed`` after commit so open
application deadlines are recomputed (Principle 3).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Count, Max

from gongkai.core import clock, events
from gongkai.core.actors import Actor, person
from gongkai.workdays.counting import WorkdayCalendar, YearData
from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind, Origin
from gongkai.workdays.notice import ParsedNotice
from gongkai.workdays.signals import calendar_changed

_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "cal": None}


def _build() -> WorkdayCalendar:
    holidays: dict[int, set[dt.date]] = defaultdict(set)
    makeup: dict[int, set[dt.date]] = defaultdict(set)
    years = list(CalendarYear.objects.values_list("id", "year"))
    by_id = dict(years)
    for cy_id, day, kind in CalendarDay.objects.values_list("calendar_year_id", "date", "kind"):
        (holidays if kind == DayKind.HOLIDAY else makeup)[by_id[cy_id]].add(day)
    return WorkdayCalendar(
        YearData(year, frozenset(holidays[year]), frozenset(makeup[year])) for _id, year in years
    )


def get_calendar() -> WorkdayCalendar:
    stamp = CalendarYear.objects.aggregate(n=Count("id"), m=Max("changed_at"), d=Count("days"))
    key = (stamp["n"], stamp["m"], stamp["d"])
    with _lock:
        if _cache["key"] != key or _cache["cal"] is None:
            _cache["cal"] = _build()
            _cache["key"] = key
        cal: WorkdayCalendar = _cache["cal"]
    return cal


def missing_next_year(today: dt.date | None = None) -> int | None:
    """Next year's number if its data is missing (the system check and dashboard warn about it)."""
    year = (today or clock.today()).year + 1
    return None if CalendarYear.objects.filter(year=year).exists() else year


def _notify(years: list[int]) -> None:
    transaction.on_commit(lambda: calendar_changed.send(sender=CalendarYear, years=years))


@transaction.atomic
def year_import_notice(*, parsed: ParsedNotice, text: str, source: str, actor: Actor,
                       origin: str = Origin.NOTICE) -> CalendarYear:
    """Replace one year's data with what was read from its notice (after the user confirmed it)."""
    cy, created = CalendarYear.objects.select_for_update().get_or_create(year=parsed.year)
    before = None if created else {
        "source": cy.source,
        "days": [f"{d.date.isoformat()} {d.kind}" for d in cy.days.order_by("date")],
    }
    cy.days.all().delete()
    cy.source = source or f"国务院办公厅关于{parsed.year}年部分节假日安排的通知"
    cy.origin = origin
    cy.notice_text = text
    cy.changed_by = person(actor)
    cy.save()
    CalendarDay.objects.filter(date__in=[d.date for d in parsed.days]).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(calendar_year=cy, date=d.date, kind=d.kind, name=d.name) for d in parsed.days
    )
    events.record(action="calendar.year_imported", obj=cy, actor=actor, before=before, after={
        "source": cy.source, "days": [f"{d.date.isoformat()} {d.kind}" for d in parsed.days],
    })
    _notify([parsed.year])
    return cy


@transaction.atomic
def day_set(*, year: int, date: dt.date, kind: str | None, name: str = "", actor: Actor) -> None:
    """Add, change or (``kind=None``) remove one special day of an existing year (platform admins)."""
    cy = CalendarYear.objects.select_for_update().get(year=year)
    existing = CalendarDay.objects.filter(date=date).first()
    before = {"kind": existing.kind, "name": existing.name} if existing else None
    if kind is None:
        if existing:
            existing.delete()
    elif existing:
        existing.kind, existing.name, existing.calendar_year = kind, name, cy
        existing.save()
    else:
        CalendarDay.objects.create(calendar_year=cy, date=date, kind=kind, name=name)
    cy.origin = Origin.MANUAL if cy.origin == Origin.SEED else cy.origin
    cy.changed_by = person(actor)
    cy.save()
    events.record(action="calendar.day_set", obj=cy, actor=actor, before=before,
                  after={"date": date.isoformat(), "kind": kind, "name": name})
    _notify([year])
