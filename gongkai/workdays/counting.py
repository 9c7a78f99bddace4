"""Pure workday arithmetic over yearly holiday data (no database, no clock).

A workday is Monday–Friday and not a statutory holiday, or a listed make-up workday (调休上班),
spec §8.1. Periods follow the statutory convention (Art. 31, 33; spec §1.4): the start day is not
counted, the n-th following workday is the last day. A year without data is never guessed: any
question that touches it raises ``CalendarYearMissing`` naming the year (Principle 8).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)


class CalendarYearMissing(LookupError):
    """The calendar has no holiday data for ``year``; deadlines touching it cannot be computed."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"缺少{year}年的节假日安排数据，无法计算工作日。请录入《国务院办公厅关于{year}年部分节假日安排的通知》"
            f"（no holiday data for {year}: enter that year's State Council holiday notice）"
        )


@dataclass(frozen=True)
class YearData:
    """Holidays and make-up workdays announced for one year (dates may spill into adjacent years)."""

    year: int
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    makeup_workdays: frozenset[dt.date] = field(default_factory=frozenset)


@dataclass(frozen=True)
class SkippedDay:
    date: dt.date
    reason: str  # "holiday" or "weekend"


class WorkdayCalendar:
    """The statutory calendar for the years it has data for."""

    def __init__(self, years: Iterable[YearData]) -> None:
        self._years: Mapping[int, YearData] = {y.year: y for y in years}
        self._holidays: frozenset[dt.date] = frozenset(d for y in self._years.values() for d in y.holidays)
        self._makeup: frozenset[dt.date] = frozenset(d for y in self._years.values() for d in y.makeup_workdays)

    @property
    def years(self) -> list[int]:
        return sorted(self._years)

    def covers(self, year: int) -> bool:
        return year in self._years

    def require(self, year: int) -> None:
        if year not in self._years:
            raise CalendarYearMissing(year)

    def is_workday(self, day: dt.date) -> bool:
        self.require(day.year)
        if day in self._makeup:
            return True
        if day in self._holidays:
            return False
        return day.weekday() < 5

    def is_holiday(self, day: dt.date) -> bool:
        self.require(day.year)
        return day in self._holidays

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The n-th workday after ``start`` (start not counted). ``n == 0`` returns ``start``."""
        if n < 0:
            raise ValueError("n must be non-negative")
        day = start
        remaining = n
        while remaining:
            day += ONE_DAY
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Workdays in the half-open span (start, end]: how many period days have run by ``end``.

        ``workdays_between(s, add_workdays(s, n)) == n``. Negative when ``end`` precedes ``start``.
        """
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_workday(day):
                count += 1
        return count

    def skipped_days(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        """Non-workdays in (start, end], with why each was skipped, for explaining a due date."""
        out: list[SkippedDay] = []
        day = start
        while day < end:
            day += ONE_DAY
            if not self.is_workday(day):
                out.append(SkippedDay(day, "holiday" if day in self._holidays else "weekend"))
        return out


def is_workday(day: dt.date, *, cal: WorkdayCalendar) -> bool:
    return cal.is_workday(day)


def add_workdays(start: dt.date, n: int, *, cal: WorkdayCalendar) -> dt.date:
    return cal.add_workdays(start, n)


def workdays_between(start: dt.date, end: dt.date, *, cal: WorkdayCalendar) -> int:
    return cal.workdays_between(start, end)
