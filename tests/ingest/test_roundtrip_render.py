"""The generator's renderers (gongkai.reports.render) and the importer agree: a report rendered as
HTML, DOCX and PDF reads back cell for cell, with every section present and the checks holding."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from gongkai.formats import TABLE3_APPLICANT_COLUMNS, get_format, table3_leaf_keys
from gongkai.ingest.pipeline import ingest_bytes
from gongkai.reports.checks import check_report
from gongkai.reports.data import Cell, ReportData


def sample_report() -> ReportData:
    rng = random.Random(7)
    fmt = get_format("2021")
    d = ReportData(agency_name="某县某局", year=2022, era="2021", title="某县某局2022年政府信息公开工作年度报告")
    for row, col in fmt.table("table2").cells():
        v = Decimal("1.25") if col.kind == "decimal" else rng.randint(0, 30)
        d.set("table2", row.key, col.key, Cell(v))
    leaves = table3_leaf_keys(era="2021")
    for col in TABLE3_APPLICANT_COLUMNS:
        for leaf in leaves:
            d.set("table3", leaf, col, Cell(rng.choice([0, 0, 1, 3])))
        total = sum(d.value("table3", leaf, col) or 0 for leaf in leaves)
        d.set("table3", "total", col, Cell(total))
        d.set("table3", "carried_over", col, Cell(1))
        d.set("table3", "carry_forward", col, Cell(2))
        d.set("table3", "new_received", col, Cell(total + 1))
    for _b, row in fmt.table("table3").rows():
        d.set("table3", row.key, "total",
              Cell(sum(d.value("table3", row.key, c) or 0 for c in TABLE3_APPLICANT_COLUMNS)))  # type: ignore[misc]
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.randint(0, 2) for _ in range(4)]
        for out, v in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            d.set("table4", "all", f"{group}.{out}", Cell(v))
        d.set("table4", "all", f"{group}.total", Cell(sum(parts)))
    d.narrative = {"overview": "本年度主动公开政府信息120条。", "problems": "公开时效有待提高。",
                   "other": "未收取信息处理费。"}
    d.sections = list(d.narrative)
    return d


@pytest.mark.parametrize("kind", ["html", "docx", "pdf"])
def test_rendered_report_reads_back(kind: str) -> None:
    from gongkai.reports.render.exports import render_bytes

    original = sample_report()
    assert [p for p in check_report(original) if p.rule != "S1"] == []
    content = render_bytes(original, kind)
    got_kind, data, problems = ingest_bytes(f"report.{kind}", content)
    assert got_kind == kind
    assert (data.agency_name, data.year, data.era) == ("某县某局", 2022, "2021")
    for table, cells in original.tables.items():
        read = {k: c.value for k, c in data.tables.get(table, {}).items()}
        assert read == {k: c.value for k, c in cells.items()}, table
    assert data.sections == ["overview", "proactive", "applications", "review_litigation", "problems", "other"]
    assert problems == []
    assert data.figure("proactive.total").value == 120  # type: ignore[union-attr]
