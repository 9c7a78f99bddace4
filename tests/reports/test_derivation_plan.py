"""Generated reports derive their totals from the format's sum rules (``checks.derivation_plan``)."""

from __future__ import annotations

import pytest

from gongkai.formats import TABLE3_APPLICANT_COLUMNS, get_format, table3_leaf_keys
from gongkai.formats.declarations import TABLE4_TOTAL_KEYS
from gongkai.reports.checks import check_tables, derivation_plan
from gongkai.reports.data import Cell, ReportData
from gongkai.reports.figures import derive_totals


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
    fmt = get_format(era)
    data = ReportData(year=2025, era=era)
    for i, leaf in enumerate(table3_leaf_keys(era=era)):
        data.set("table3", leaf, "natural_person", Cell(i % 3))
    data.set("table3", "new_received", "natural_person",
             Cell(sum(i % 3 for i in range(len(table3_leaf_keys(era=era))))))
    data.set("table4", "all", "review.upheld", Cell(2))
    derive_totals(data, fmt)
    assert data.value("table3", "total", "total") == data.value("table3", "new_received", "total")
    assert data.value("table4", "all", "review.total") == 2
    assert not [p for p in check_tables(data) if p.severity == "error"]
