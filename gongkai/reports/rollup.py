"""Roll-up for the superior office: every subordinate agency's report status for a year with the checks
of its current figures (the overview), and the tables of any set of agencies summed cell by cell with
the checks re-run on the sum.

Statuses: not started / draft / submitted / returned / accepted / published, and late (not published
after the statutory date, ``deadlines``). Sums follow spec §0.2: blank + blank = blank, blank + n = n.
Each agency contributes its report's frozen data when submitted or later, else its figures computed now
by the report engine (``figures.tables``: one set of grouped queries for all the agencies; the status
list itself is one query).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.agencies.models import Agency
from gongkai.formats import get_format
from gongkai.reports import deadlines, figures
from gongkai.reports.checks import Problem, check_report, check_tables
from gongkai.reports.data import Cell, Number, ReportData
from gongkai.reports.models import AnnualReport
from gongkai.reports.workflow import Status

STATUS_LABELS: dict[str, str] = {
    "not_started": "未开始", "draft": "草稿", "submitted": "已报送", "returned": "已退回",
    "accepted": "已审核通过", "published": "已发布", "late": "逾期未发布",
}


@dataclass
class AgencyStatus:
    agency: Agency
    status: str
    report: AnnualReport | None
    due: dt.date
    days_remaining: int
    year: int = 0
    problems: list[Problem] | None = None  # table checks of its current figures (``overview`` only)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def late(self) -> bool:
        return self.status == "late"

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems or () if p.severity == "error")


def statuses(agencies: Iterable[Agency], year: int, *, today: dt.date) -> list[AgencyStatus]:
    agencies = list(agencies)
    reports: dict[int, AnnualReport] = {}
    published: set[int] = set()
    # One query: every live version of the year (a handful per agency), newest last.
    for found in (AnnualReport.objects.filter(agency__in=agencies, year=year).exclude(status=Status.SUPERSEDED)
                  .order_by("agency_id", "version")):
        reports[found.agency_id] = found
        if found.status == Status.PUBLISHED:
            # A published version counts even while a reopened draft of it is in progress.
            published.add(found.agency_id)
    out: list[AgencyStatus] = []
    for a in agencies:
        rep = reports.get(a.pk)
        due = deadlines.due_date(a, year)
        if a.pk in published:
            status = "published"
        elif rep is None:
            status = "not_started"
        else:
            status = rep.status
        if status != "published" and today > due:
            status = "late"
        out.append(AgencyStatus(a, status, rep, due, (due - today).days, year))
    return out


def _add(a: Number | None, b: Number | None) -> Number | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def sum_data(parts: Iterable[ReportData], *, era: str, year: int, title: str = "") -> ReportData:
    """Cell-wise sum of reports of one era (blank + blank = blank, blank + n = n)."""
    fmt = get_format(era)
    total = ReportData(agency_name=title, year=year, era=era, title=title, source="rollup")
    for part in parts:
        if part.era != era:
            raise ValueError(f"不能汇总不同格式的报告：{part.agency_name}（{part.era}）与{era}")
        for table, cells in part.tables.items():
            if not fmt.has_table(table):
                continue
            into = total.tables.setdefault(table, {})
            for key, cell in cells.items():
                prev = into.get(key)
                into[key] = Cell(_add(prev.value if prev else None, cell.value))
    total.sections = [s.key for s in fmt.sections if s.table]
    return total


def _frozen(agencies: list[Agency], year: int, era: str) -> dict[int, ReportData]:
    """Frozen data of each agency's report (published first, else the latest submitted/accepted version)."""
    out: dict[int, ReportData] = {}
    chosen: dict[int, AnnualReport] = {}
    for rep in (AnnualReport.objects.filter(agency__in=agencies, year=year, era=era)
                .exclude(status=Status.SUPERSEDED).order_by("agency_id", "version")):
        current = chosen.get(rep.agency_id)
        if current is None or current.status != Status.PUBLISHED:
            chosen[rep.agency_id] = rep
    for aid, rep in chosen.items():
        if rep.data and rep.status not in (Status.DRAFT, Status.RETURNED):
            out[aid] = ReportData.from_json(rep.data)
    return out


@dataclass
class Current:
    """The figures each agency of a set stands by for a year: its report's frozen data once submitted,
    else its tables computed now from the ledgers (``live``, one engine call for all of them)."""

    frozen: dict[int, ReportData]
    live: figures.Tables

    def data(self, agency_id: int) -> ReportData:
        return self.frozen.get(agency_id) or self.live.report(agency_id)

    def problems(self, agency_id: int) -> list[Problem]:
        """The table checks (no previous year) of the agency's current figures."""
        frozen = self.frozen.get(agency_id)
        return check_tables(frozen) if frozen is not None else self.live.problems(agency_id)


def current(agencies: list[Agency], year: int, era: str) -> Current:
    frozen = _frozen(agencies, year, era)
    return Current(frozen, figures.tables([a.pk for a in agencies if a.pk not in frozen], year, era=era))


def agencies_data(agencies: list[Agency], year: int, era: str) -> list[ReportData]:
    """Each agency's tables for the roll-up: frozen once submitted, else computed now (one engine call)."""
    found = current(agencies, year, era)
    return [found.data(a.pk) for a in agencies]


def overview(agencies: Iterable[Agency], year: int, *, era: str, today: dt.date) -> list[AgencyStatus]:
    """``statuses`` with each agency's table checks (``AgencyStatus.problems``) for the superior office."""
    rows = statuses(agencies, year, today=today)
    found = current([s.agency for s in rows], year, era)
    for s in rows:
        s.problems = found.problems(s.agency.pk)
    return rows


def aggregate(agencies: Iterable[Agency], year: int, *, era: str = "2021",
              title: str = "") -> tuple[ReportData, list[Problem]]:
    agencies = list(agencies)
    data = sum_data(agencies_data(agencies, year, era), era=era, year=year,
                    title=title or f"{len(agencies)}个机关{year}年度汇总")
    problems = [p for p in check_report(data) if p.rule != "S1"]  # a sum has no narrative sections
    return data, problems

