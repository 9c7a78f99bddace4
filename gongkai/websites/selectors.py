"""Reads of the website annual report: the figures the platform holds for an agency and year, each one
SQL count over the catalog (the platform is the site, its catalog is the site's 信息公开目录), and the
published reports the portal home page lists, and each agency's last-year report against its deadline.

What a computed row counts (docs/websites.md):
- ``directory_updates``: catalog records whose 发布日期 falls in the year (a record withdrawn later was still
  published that year, so status is not filtered; drafts have no 发布日期);
- ``interpretations``: the same records that interpret another record (``Record.interprets``);
- ``wechat_posts``: channel publications on 政务微信 dated in the year plus 政务微信 tallies entered for periods
  inside the year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from gongkai.agencies.models import Agency
from gongkai.catalog.models import ChannelPublication, ChannelTally, Record
from gongkai.catalog.rules import Channel
from gongkai.formats import website as form
from gongkai.websites.models import WebsiteReport
from gongkai.websites.workflow import Status


@dataclass(frozen=True)
class ColumnCount:
    column: str
    count: int


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _published_in(agency_id: int, year: int) -> QuerySet[Record]:
    return Record.objects.filter(agency_id=agency_id, published_on__range=_year(year))


def computed_figures(agency_id: int, year: int) -> dict[str, int]:
    """Every ``computed`` row of the form for the agency and year (four queries)."""
    start, end = _year(year)
    records = _published_in(agency_id, year)
    tallied = (ChannelTally.objects.filter(agency_id=agency_id, channel=Channel.WECHAT, period_start__gte=start,
                                           period_end__lte=end).aggregate(n=Sum("count"))["n"] or 0)
    figures = {
        "directory_updates": records.count(),
        "interpretations": records.filter(interprets__isnull=False).count(),
        "wechat_posts": ChannelPublication.objects.filter(record__agency_id=agency_id, channel=Channel.WECHAT,
                                                          published_on__range=(start, end)).count() + int(tallied),
    }
    assert set(figures) == set(form.COMPUTED_KEYS), "every computed row needs its count"
    return figures


def columns(agency_id: int, year: int) -> list[ColumnCount]:
    """Records published in the year by catalog category (the site's columns), largest first."""
    rows = (_published_in(agency_id, year).values("category__name").annotate(n=Count("id"))
            .order_by("-n", "category__name"))
    return [ColumnCount(str(r["category__name"] or "未分类"), int(r["n"])) for r in rows]


def figures_of(report: WebsiteReport) -> dict[str, int]:
    """The computed figures a report shows: live while editable, frozen once submitted."""
    if report.status in (Status.DRAFT, Status.RETURNED) or not report.computed:
        return computed_figures(report.agency_id, report.year)
    return {k: int(v) for k, v in report.computed.items()}


@dataclass(frozen=True)
class DueRow:
    """One agency's report on ``year`` against its deadline (for the dashboard)."""

    agency: Agency
    year: int
    report: WebsiteReport | None
    due: dt.date
    days_left: int  # negative once the deadline has passed
    overdue_days: int  # days past the deadline while unpublished; 0 otherwise

    @property
    def label(self) -> str:
        return self.report.get_status_display() if self.report else "未创建"


def due_state(year: int, today: dt.date, published_on: dt.date | None) -> tuple[dt.date, int, int]:
    """(deadline, days left, days overdue) of the report on ``year`` — pure, for the panel and tests."""
    due = form.deadline(year)
    left = (due - today).days
    overdue = 0 if published_on is not None else max(0, -left)
    return due, left, overdue


def due_rows(agencies: list[Agency], *, today: dt.date) -> list[DueRow]:
    """Last year's report of each agency (one query), unpublished first, most overdue first."""
    year = today.year - 1
    reports = {r.agency_id: r for r in WebsiteReport.objects.filter(agency__in=agencies, year=year)}
    rows = []
    for a in agencies:
        report = reports.get(a.pk)
        published = report.published_on if report and report.status == Status.PUBLISHED else None
        due, left, overdue = due_state(year, today, published)
        rows.append(DueRow(a, year, report, due, left, overdue))
    return sorted(rows, key=lambda r: (r.report is not None and r.report.status == Status.PUBLISHED,
                                       -r.overdue_days, r.agency.pk))


def published_reports(limit: int = 20) -> list[WebsiteReport]:
    """Published reports, newest year first, for the portal home page."""
    return list(WebsiteReport.objects.filter(status=Status.PUBLISHED).select_related("agency")
                .order_by("-year", "agency__path", "agency_id")[:limit])
