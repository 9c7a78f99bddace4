"""The fast batch path (flat vectors, compiled checks) equals the per-agency path: figures and problems.

On a small generated ledger (catalog and applications demo generators) plus hand-made agencies, one of
them deliberately inconsistent (an application closed before it was received breaks R1), for both the
2021 and 2019 formats; and the compiled checks against ``check_tables`` on hand-built tables with blanks,
negative and fractional figures (the slow paths the ledgers never produce).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from gongkai.formats import get_format
from gongkai.reports import batch, figures
from gongkai.reports.checks import CompiledChecks, check_tables
from gongkai.reports.data import Cell, ReportData
from tests.conftest import AgencyFactory
from tests.reports.helpers import appeal, application, ledger


@pytest.mark.django_db
@pytest.mark.parametrize("era, year", [("2021", 2025), ("2019", 2025)])
def test_fast_path_equals_per_agency(era: str, year: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.applications import demo as app_demo
    from gongkai.catalog import demo as cat_demo
    from gongkai.catalog.models import PeriodFigures

    generated = [AgencyFactory() for _ in range(4)]
    opts = {"records": 12, "applications": 10, "year": year, "index": False}
    cat_demo.scale(generated, opts)
    app_demo.scale(generated, opts)
    consistent, broken, empty = AgencyFactory(), AgencyFactory(), AgencyFactory()
    ledger(consistent, year)
    ledger(broken, year)
    # Closed (in the year) before it was received (next year): counted in 总计, in neither 一 nor 二.
    application(broken, received=dt.date(year + 1, 1, 5), closed=dt.date(year, 12, 30), outcome="granted",
                applicant_type="research")
    application(broken, received=dt.date(year, 6, 1), closed=dt.date(year, 6, 9), outcome="other.fee_unpaid")
    # With ledger()'s other.no_correction (research): two outcomes in one 2019 （六）其他处理 cell.
    application(broken, received=dt.date(year, 7, 1), closed=dt.date(year, 7, 9), outcome="other.other",
                applicant_type="research")
    appeal(broken, kind="review", filed=dt.date(year, 2, 1), outcome="corrected", decided=dt.date(year, 5, 1))
    PeriodFigures.objects.create(agency=broken, period_start=dt.date(year, 1, 1), period_end=dt.date(year, 6, 30),
                                 licensing=4, penalty=2, coercion=1, fees="0.35")
    ids = [a.pk for a in (*generated, consistent, broken, empty)]
    from gongkai.appeals import selectors as appeal_sel
    from gongkai.applications import selectors as app_sel
    from gongkai.catalog import selectors as cat_sel

    # With and without WHERE … IN (…) in the ledgers' grouped selectors, and records read in small chunks.
    for limit, chunk in ((cat_sel.PERIOD_SCOPE_LIMIT, cat_sel.RECORD_CHUNK), (0, 2)):
        monkeypatch.setattr(cat_sel, "PERIOD_SCOPE_LIMIT", limit)
        monkeypatch.setattr(cat_sel, "RECORD_CHUNK", chunk)
        monkeypatch.setattr(app_sel, "TABLE3_SCOPE_LIMIT", limit)
        monkeypatch.setattr(appeal_sel, "SCOPE_LIMIT", limit)
        many = batch.tables_many(ids, year, era=era)
        assert set(many.vectors) == set(ids)
        problems = many.problems()
        for aid in ids:
            one = figures.compute([aid], year, era=era)
            assert many.report(aid).tables == one.tables, aid
            expected = check_tables(one)
            assert many.check(aid) == expected, aid
            assert problems.get(aid, []) == expected, aid
        assert [(p.rule, p.column) for p in problems[broken.pk]] == [("R1", "research"), ("R1", "total")]
        assert set(problems) == {broken.pk}
    assert sum(sum(many.vectors[a]["table3"]) for a in ids[:4]) > 0  # the generated ledgers are not empty
    other = ("other", "research") if era == "2019" else ("other.other", "research")
    assert many.report(broken.pk).value("table3", *other) == (2 if era == "2019" else 1)


def _report(era: str) -> ReportData:
    """A 2021/2019 report with every kind of figure the slow paths must handle."""
    fmt = get_format(era)
    data = ReportData(year=2025, era=era)
    for t in ("table2", "table3", "table4"):
        for row, col in fmt.table(t).cells():
            data.set(t, row.key, col.key, Cell(3))
    t2 = [(r.key, c.key) for r, c in fmt.table("table2").cells()]
    data.set("table2", *t2[0], Cell(-2))
    data.set("table2", *t2[1], Cell(Decimal("1.5")))
    data.set("table2", *t2[2], Cell(None))
    data.set("table3", "new_received", "natural_person", Cell(-1))
    data.set("table3", "granted", "commercial", Cell(Decimal("2.5")))
    data.set("table3", "partial", "total", Cell(None))  # a blank 总计 is not checked (R3)
    data.set("table3", "total", "research", Cell(None))  # a blank cell counts 0 in R1/R2
    data.set("table4", "all", "review.total", Cell(7))
    return data


@pytest.mark.parametrize("era", ["2021", "2019"])
def test_compiled_checks_equal_check_tables(era: str) -> None:
    data = _report(era)
    keys = {t: tuple(cells) for t, cells in data.tables.items()}
    compiled = CompiledChecks(get_format(era), keys)
    values: dict[str, Any] = {t: [c.value for c in cells.values()] for t, cells in data.tables.items()}
    expected = check_tables(data)
    assert {p.rule for p in expected} >= {"R1", "R2", "R3", "R4", "T4.review", "T2.nonnegative"}
    assert compiled.check(values) == expected
    # A consistent report: nothing on either path.
    ok = figures.ReportData(year=2025, era=era)
    for t in ("table2", "table3", "table4"):
        for row, col in get_format(era).table(t).cells():
            ok.set(t, row.key, col.key, Cell(0))
    assert check_tables(ok) == [] == compiled.check({t: [0] * len(keys[t]) for t in keys})
