"""Issue 11 items 21–22: a blank 总计 on an imported report is "not stated", not an R1/R2 error (generated
reports stay strict); report deadlines by report year and agency kind come from a declaration.

The blank-total case follows the Shanghai 2019 report described in spec §3.3 (figures in some cells,
总计 cells left blank); the deadline rules follow spec §1.5–1.6 ([V]: 2008 regulation Art. 31, 2019
regulation Art. 49).
"""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Kind, Level
from gongkai.formats import TABLE3_APPLICANT_COLUMNS, get_format
from gongkai.reports import deadlines
from gongkai.reports.checks import check_tables, errors
from gongkai.reports.data import Cell, ReportData
from tests.conftest import AgencyFactory


def _blank_total_row(source: str) -> ReportData:
    """2019 Table 3 with its （七）总计 row left blank while the outcomes below it hold figures."""
    d = ReportData(year=2019, era="2019", source=source)
    for row, col in get_format("2019").table("table3").cells():
        d.set("table3", row.key, col.key, Cell(0, raw="0"))
    for col, n in (("natural_person", 5), ("commercial", 2)):
        for row in ("new_received", "granted"):
            d.set("table3", row, col, Cell(n, raw=str(n)))
    for row in ("new_received", "granted"):
        d.set("table3", row, "total", Cell(7, raw="7"))
    for col in (*TABLE3_APPLICANT_COLUMNS, "total"):
        d.set("table3", "total", col, Cell(None, raw=""))  # 总计 left blank
    return d


def test_blank_total_on_imported_report_is_not_stated() -> None:
    problems = check_tables(_blank_total_row("某区2019年报.pdf"))
    assert not errors(problems)
    stated = [p for p in problems if p.rule in ("R1", "R2")]
    assert {(p.rule, p.column) for p in stated} == {(r, c) for r in ("R1", "R2")
                                                    for c in ("natural_person", "commercial", "total")}
    assert all(p.severity == "warning" and "总计未填写，按未说明处理" in p.message for p in stated)
    r2 = next(p for p in stated if p.rule == "R2" and p.column == "natural_person")
    assert r2.message == "自然人: 总计未填写，按未说明处理（（七）总计与各项办理结果之和未核对）"


def test_blank_total_on_generated_report_stays_an_error() -> None:
    problems = errors(check_tables(_blank_total_row("ledgers")))
    r2 = [p for p in problems if p.rule == "R2"]
    assert [p.message for p in r2][:1] == ["自然人: （七）总计=0, 各项办理结果之和=5"]
    assert {p.rule for p in problems} == {"R1", "R2"}


def test_a_figure_that_does_not_add_up_is_still_an_error_on_imported_reports() -> None:
    d = _blank_total_row("某区2019年报.pdf")
    d.set("table3", "total", "natural_person", Cell(4, raw="4"))  # stated, and wrong (5 granted)
    wrong = [p for p in errors(check_tables(d)) if p.column == "natural_person"]
    assert {p.rule for p in wrong} == {"R1", "R2"}
    assert "（七）总计=4, 各项办理结果之和=5" in {p.message.split(": ", 1)[1] for p in wrong}


def test_real_report_with_a_blank_total_is_read_as_not_stated() -> None:
    """上海市人民政府办公厅 2019 (tests/fixtures/corpus/sh-office-2019-html, source in its expected.json):
    outcome rows with their 总计 cell left blank, so the 总计 column's R2 cannot be checked."""
    from pathlib import Path

    from gongkai.ingest.pipeline import ingest_file

    path = Path(__file__).resolve().parents[1] / "fixtures" / "corpus" / "sh-office-2019-html" / "report.html"
    result = ingest_file(path)
    assert result.data is not None and result.data.value("table3", "total", "total") == 805
    blank_totals = [r for (r, c), cell in result.data.tables["table3"].items() if c == "total" and cell.value is None]
    assert blank_totals  # outcome rows whose 总计 the report leaves blank
    stated = [p for p in result.problems if "总计未填写" in p.message]
    assert [(p.rule, p.column, p.severity) for p in stated] == [("R2", "total", "warning")]
    assert not [p for p in errors(result.problems) if p.rule == "R2" and p.column == "total"]
    result.data.source = "ledgers"  # the same figures as if generated here: the strict rule fails
    assert [p.rule for p in errors(check_tables(result.data)) if p.column == "total"] == ["R2"]


def test_blank_total_with_nothing_below_says_nothing() -> None:
    d = _blank_total_row("某区2019年报.pdf")
    for col in ("natural_person", "commercial", "total"):
        for row in ("new_received", "granted"):
            d.set("table3", row, col, Cell(0, raw="0"))
    assert check_tables(d) == []  # blank = 0 agrees: nothing to say


@pytest.mark.parametrize("kind, level, year, due", [
    (Kind.DEPARTMENT, Level.COUNTY, 2018, dt.date(2019, 3, 31)),  # 2008 regulation: all organs by 3月31日
    (Kind.GOVERNMENT, Level.COUNTY, 2018, dt.date(2019, 3, 31)),
    (Kind.DEPARTMENT, Level.COUNTY, 2012, dt.date(2013, 3, 31)),
    (Kind.DEPARTMENT, Level.COUNTY, 2019, dt.date(2020, 1, 31)),  # 2019 regulation Art. 49: departments
    (Kind.GOVERNMENT, Level.COUNTY, 2019, dt.date(2020, 3, 31)),  # 本级政府
    (Kind.TOWNSHIP, Level.TOWNSHIP, 2019, dt.date(2020, 3, 31)),  # not in Art. 49: local rule, 3月31日
    (Kind.DEPARTMENT, Level.CITY, 2025, dt.date(2026, 1, 31)),
])
def test_deadline_by_report_year_and_kind(kind: str, level: str, year: int, due: dt.date) -> None:
    agency = AgencyFactory.build(kind=kind, level=level)
    assert deadlines.due_date(agency, year) == due


def test_deadline_rules_are_declared_with_article_and_date_of_force() -> None:
    old = deadlines.deadline_rule(Kind.DEPARTMENT, 2018)
    assert old.basis.endswith("（国务院令第492号）第三十一条") and old.in_force == dt.date(2008, 5, 1)
    new = deadlines.deadline_rule(Kind.DEPARTMENT, 2019)
    assert new.basis.endswith("（国务院令第711号）第四十九条") and new.in_force == dt.date(2019, 5, 15)
    assert (new.month, new.day) == (1, 31)
    # The report year, not the day it is written, picks the rule: a 2018 report written in 2019 is 3月31日.
    dept = AgencyFactory.build(kind=Kind.DEPARTMENT)
    assert deadlines.current_year(dept, dt.date(2019, 3, 1)) == 2018
    assert deadlines.current_year(dept, dt.date(2020, 2, 1)) == 2020
