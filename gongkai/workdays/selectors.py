"""Reads of the calendar for the import preview: what a parsed notice would add, confirm or change.

``notice_merge_plan`` compares a ``ParsedNotice`` with the stored days (any year: a notice for Y may
name late-December days of Y-1) and returns typed rows; nothing is written here. A stored day whose
kind the notice contradicts is a conflict, shown before saving and applied only when confirmed
(issue 11 item 9). Stored days of the year that the notice does not mention are kept and listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.workdays.models import CalendarDay, DayKind
from gongkai.workdays.notice import ParsedNotice

ADD = "add"
SAME = "same"
CHANGE = "change"
ACTION_LABELS = {ADD: "新增", SAME: "已有，相同", CHANGE: "冲突：将改为本通知所写"}


@dataclass(frozen=True)
class MergeLine:
    date: dt.date
    kind: str
    name: str
    action: str  # ADD | SAME | CHANGE
    existing_kind: str | None
    existing_source: str

    @property
    def kind_label(self) -> str:
        return str(DayKind(self.kind).label)

    @property
    def existing_kind_label(self) -> str:
        return str(DayKind(self.existing_kind).label) if self.existing_kind else ""

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


@dataclass(frozen=True)
class KeptDay:
    date: dt.date
    kind_label: str
    name: str
    source: str


@dataclass(frozen=True)
class MergePlan:
    year: int
    lines: list[MergeLine]
    kept: list[KeptDay]

    @property
    def conflicts(self) -> list[MergeLine]:
        return [line for line in self.lines if line.action == CHANGE]

    @property
    def added(self) -> list[MergeLine]:
        return [line for line in self.lines if line.action == ADD]


def notice_merge_plan(parsed: ParsedNotice) -> MergePlan:
    dates = [d.date for d in parsed.days]
    existing = {d.date: d for d in CalendarDay.objects.filter(date__in=dates).select_related("notice")}
    lines: list[MergeLine] = []
    for day in parsed.days:
        old = existing.get(day.date)
        if old is None:
            action = ADD
        elif old.kind == day.kind:
            action = SAME
        else:
            action = CHANGE
        lines.append(MergeLine(day.date, day.kind, day.name, action, old.kind if old else None,
                               old.source_label if old else ""))
    kept = [
        KeptDay(d.date, str(d.get_kind_display()), d.name, d.source_label)
        for d in CalendarDay.objects.filter(calendar_year__year=parsed.year).exclude(date__in=dates)
        .select_related("notice").order_by("date")
    ]
    return MergePlan(parsed.year, lines, kept)
