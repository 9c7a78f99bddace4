"""Generated reports derive their totals from the format's sum rules (``checks.derivation_plan``)."""

from __future__ import annotations

import pytest

from gongkai.formats import TABLE3_APPLICANT_COLUMNS, get_format, table3_leaf_keys
from gongkai.formats.declarations import TABLE4_TOTAL_KEYS
from gongkai.reports import figures
from gongkai.reports.checks import check_tables, derivation_plan


@pytest.mark.parametrize("era", ["2021", "2019"])
def test_plan_derives_the_total_cells_in_dependency_order(era: str) -> None:
    plan = derivation_plan(era)
    rows3 = [r.key for _b, r in get_format(era).table("table3").rows()]
    expected = ({("table3", (r, "total")) for r in rows3}
                | {("table3", ("total", c)) for c in (*TABLE3_APPLICANT_COLUMNS, "total")}
                | {("table4", ("all", k)) for k in TABLE4_TOTAL_KEYS})
    assert {(d.table, d.target) for d in plan} == expected and len(plan) == len(expected)
    seen: set[tuple[str, tuple[str, str]]] = set()
    targets = {(d.table, d.target) for d in plan}
    for d in plan:  # every derived part is computed before the total that adds it up
        assert all((d.table, p) in seen for p in d.parts if (d.table, p) in targets)
        seen.add((d.table, d.target))


@pytest.mark.parametrize("era", ["2021", "2019"])
def test_derived_totals_pass_the_checks(era: str) -> None:
    from dataclasses import fields

    from gongkai.appeals.selectors import Table4Row
    from gongkai.applications.selectors import Table3Row, Table3Rows
    from gongkai.catalog.selectors import FlatRows, Table2Row

    leaves = table3_leaf_keys(era="2021")
    others = (0,) * (len(TABLE3_APPLICANT_COLUMNS) - 1)  # counts in column order: 自然人 first
    closed = {leaf: (i % 3, *others) for i, leaf in enumerate(leaves)}
    received = (sum(i % 3 for i in range(len(leaves))), *others)
    t3 = Table3Row(new_received=received, closed=closed)
    t2 = FlatRows[Table2Row]({1: 0}, {f.name: [getattr(Table2Row(), f.name)] for f in fields(Table2Row)}, Table2Row)
    t4 = FlatRows[Table4Row]({1: 0}, {k: [2 if k == "review.upheld" else 0] for k in Table4Row().cases},
                             lambda **cases: Table4Row(cases))
    lay = figures.layout(era)
    ledgers = figures.Ledgers(t2, Table3Rows.of({1: t3}), t4)
    tables = figures.Tables(2025, era, lay, [1], figures.fill(lay, ledgers, [1]))
    data = tables.report(1)
    assert data.value("table3", "total", "total") == data.value("table3", "new_received", "total") > 0
    assert data.value("table4", "all", "review.total") == 2
    assert not [p for p in check_tables(data) if p.severity == "error"]


def test_pre2019_plan_derives_the_rule_totals() -> None:
    targets = {d.target[0] for d in derivation_plan("pre2019")}
    assert targets == {"app.received", "app.concluded", "app.answered", "app.answered.denied", "review.total",
                       "litigation.total"}
    # The engine leaves the two the ledgers give (收到申请数, 申请办结数) as the ledgers give them.
    lay = figures.layout("pre2019")
    at = lay.index["stats"]
    derived = {t for t, _parts in lay.totals["stats"]}
    assert at[("app.received", "value")] not in derived and at[("app.answered", "value")] in derived
