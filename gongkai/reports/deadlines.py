"""Statutory dates of the annual report (Art. 49): departments by 1月31日, governments (and, by local
rule, townships) by 3月31日 of the following year — declared on ``Agency.report_deadline_month_day``.
Pure functions; ``today`` is an argument."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies.models import Agency


def due_date(agency: Agency, year: int) -> dt.date:
    """The last day to publish the report for ``year``."""
    month, day = agency.report_deadline_month_day
    return dt.date(year + 1, month, day)


def days_remaining(agency: Agency, year: int, today: dt.date) -> int:
    """Calendar days from ``today`` to the due date (negative: overdue)."""
    return (due_date(agency, year) - today).days


def current_year(agency: Agency, today: dt.date) -> int:
    """The report year being prepared on ``today``: last year until its due date has passed, else this year."""
    return today.year - 1 if today <= due_date(agency, today.year - 1) else today.year
