"""Statutory dates of the annual report, declared as law data by report year and agency kind.

Reports for years up to 2018 fall under the 2008 regulation (国务院令第492号, in force 2008-05-01):
every organ publishes by 3月31日 (Art. 31). From report year 2019 the 2019 regulation (国务院令第711号,
in force 2019-05-15) applies, Art. 49: 县级以上人民政府部门 by 1月31日, the 本级政府 report by 3月31日;
townships are not named in Art. 49 and publish by local rule, taken here as 3月31日 (spec §1.5). The 2018
report was due on 2019-03-31, before the 2019 regulation came into force, so the old rule governs it.
Pure functions; ``today`` is an argument.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.agencies.models import Agency, Kind


@dataclass(frozen=True)
class ReportDeadline:
    """Report years ``first_year``…``last_year`` (None: open-ended) of the agency ``kinds`` (empty: every
    kind) are due on ``month``/``day`` of the following year, by ``basis`` in force from ``in_force``."""

    first_year: int
    last_year: int | None
    kinds: frozenset[str]
    month: int
    day: int
    basis: str
    in_force: dt.date

    def covers(self, kind: str, year: int) -> bool:
        return (self.first_year <= year and (self.last_year is None or year <= self.last_year)
                and (not self.kinds or kind in self.kinds))


REGULATION_2008 = "《政府信息公开条例》（国务院令第492号）"
REGULATION_2019 = "《政府信息公开条例》（国务院令第711号）"
# First match wins: the department rule of 2019 comes before the catch-all of the same years.
REPORT_DEADLINES: tuple[ReportDeadline, ...] = (
    ReportDeadline(1, 2018, frozenset(), 3, 31, f"{REGULATION_2008}第三十一条", dt.date(2008, 5, 1)),
    ReportDeadline(2019, None, frozenset({Kind.DEPARTMENT}), 1, 31, f"{REGULATION_2019}第四十九条",
                   dt.date(2019, 5, 15)),
    ReportDeadline(2019, None, frozenset(), 3, 31, f"{REGULATION_2019}第四十九条", dt.date(2019, 5, 15)),
)


def deadline_rule(kind: str, year: int) -> ReportDeadline:
    """The declared rule for the report of ``year`` of an agency of ``kind``."""
    for rule in REPORT_DEADLINES:
        if rule.covers(kind, year):
            return rule
    raise LookupError(f"没有{year}年度报告的法定期限")


def due_date(agency: Agency, year: int) -> dt.date:
    """The last day to publish the report for ``year``."""
    rule = deadline_rule(agency.kind, year)
    return dt.date(year + 1, rule.month, rule.day)


def days_remaining(agency: Agency, year: int, today: dt.date) -> int:
    """Calendar days from ``today`` to the due date (negative: overdue)."""
    return (due_date(agency, year) - today).days


def current_year(agency: Agency, today: dt.date) -> int:
    """The report year being prepared on ``today``: last year until its due date has passed, else this year."""
    return today.year - 1 if today <= due_date(agency, today.year - 1) else today.year
