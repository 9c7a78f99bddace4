"""Reading the calendar from the database and every write to it (one transaction, one event each).

``get_calendar()`` returns a ``WorkdayCalendar`` of all stored years, rebuilt only when the data
changed (one small aggregate query decides). Writes send ``calendar_changed`` after commit so open
application deadlines are recomputed (Principle 3). Importing a notice merges its days into the
stored ones (each day keeps its source notice) and needs an explicit confirmation when the notice is
doubtful or contradicts stored days (issue 11 items 8–9).
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
from gongkai.workdays import selectors
from gongkai.workdays.counting import WorkdayCalendar, YearData
from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind, HolidayNotice, Origin
from gongkai.workdays.notice import ParsedNotice
from gongkai.workdays.selectors import MergePlan
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


class NoticeNeedsConfirmation(ValueError):
    """The notice is doubtful or contradicts stored days; a person must confirm before it is saved."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = reasons
        super().__init__("；".join(reasons))


def confirmation_reasons(parsed: ParsedNotice, plan: MergePlan) -> list[str]:
    """Why saving ``parsed`` needs an explicit confirmation (empty: it may be saved as previewed)."""
    reasons: list[str] = []
    if parsed.unused:
        reasons.append(f"有{len(parsed.unused)}句含日期的句子未能识别")
    if parsed.warnings:
        reasons.append(f"识别时有{len(parsed.warnings)}条提示需要核对")
    if plan.conflicts:
        reasons.append(f"有{len(plan.conflicts)}个日期与已保存的数据冲突")
    return reasons


@transaction.atomic
def year_import_notice(*, parsed: ParsedNotice, text: str, source: str, actor: Actor,
                       origin: str = Origin.NOTICE, confirmed: bool = False) -> CalendarYear:
    """Merge the days read from one notice into the calendar (issue 11 items 8–9).

    Days the notice names are added, or changed when they contradict a stored day; days it does not
    name are kept (a supplementary notice or the next year's notice may have set them). Each day
    written keeps this notice as its source. A doubtful notice or a conflict is refused unless
    ``confirmed`` (the preview showed them and a person agreed).
    """
    plan = selectors.notice_merge_plan(parsed)
    reasons = confirmation_reasons(parsed, plan)
    if reasons and not confirmed:
        raise NoticeNeedsConfirmation(reasons)
    cy, created = CalendarYear.objects.select_for_update().get_or_create(year=parsed.year)
    notice = HolidayNotice.objects.create(
        year=parsed.year, title=parsed.title[:200], doc_number=parsed.doc_number[:40], issued_on=parsed.issued,
        source=(source or parsed.source_label)[:300], text=text, imported_at=clock.now(), imported_by=person(actor))
    dates = [d.date for d in parsed.days]
    existing = {d.date: d for d in CalendarDay.objects.select_for_update().filter(date__in=dates)}
    changed: list[str] = []
    for line in plan.lines:
        old = existing.get(line.date)
        if old is None:
            CalendarDay.objects.create(calendar_year=cy, date=line.date, kind=line.kind, name=line.name[:40],
                                       origin=origin, notice=notice)
            continue
        if old.kind != line.kind:
            changed.append(f"{line.date.isoformat()} {old.kind}→{line.kind}（原来源：{old.source_label}）")
        elif old.notice_id is not None:
            continue  # already read from another notice: keep that source
        old.kind, old.name, old.origin, old.notice = line.kind, line.name[:40], origin, notice
        old.save(update_fields=["kind", "name", "origin", "notice"])
    if created or cy.origin == Origin.SEED or not cy.source:
        cy.source = (source or parsed.source_label)[:200]
        cy.notice_text = text
    cy.origin = origin
    cy.changed_by = person(actor)
    cy.save()
    events.record(action="calendar.year_imported", obj=cy, actor=actor, after={
        "notice": notice.label, "source": notice.source,
        "added": [f"{x.date.isoformat()} {x.kind}" for x in plan.added],
        "changed": changed,
        "kept": [k.date.isoformat() for k in plan.kept],
        "unused_sentences": parsed.unused, "warnings": parsed.warnings,
    })
    _notify(sorted({parsed.year, *(d.date.year for d in parsed.days)}))
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
        existing.origin, existing.notice = Origin.MANUAL, None
        existing.save()
    else:
        CalendarDay.objects.create(calendar_year=cy, date=date, kind=kind, name=name, origin=Origin.MANUAL)
    cy.origin = Origin.MANUAL if cy.origin == Origin.SEED else cy.origin
    cy.changed_by = person(actor)
    cy.save()
    events.record(action="calendar.day_set", obj=cy, actor=actor, before=before,
                  after={"date": date.isoformat(), "kind": kind, "name": name})
    _notify([year])
