"""Glued digit runs are split by the form's rules only; several splits that fit stay unsure with alternatives.

The runs below are built from the shapes issue 12 describes ("申请数量831000185" = 83|1|0|0|0|1|85,
"条2175410932、" = 2175|41093 then item 2); no corpus report has a glued table yet.
"""

from __future__ import annotations

from gongkai.ingest.glued import (
    narrow_by_column_sums,
    split_groups_with_totals,
    split_with_total,
    split_year_and_running_total,
)
from gongkai.ingest.parser import parse_reading
from gongkai.ingest.readers import read_text


def test_row_with_its_total_has_one_split() -> None:
    assert split_with_total("831000185", 7) == [(83, 1, 0, 0, 0, 1, 85)]
    assert split_with_total("0000000", 7) == [(0,) * 7]


def test_no_split_fits_gives_nothing() -> None:
    assert split_with_total("32000032", 7) == []
    assert split_with_total("12a", 2) == []


def test_several_splits_are_all_returned() -> None:
    # 1|1|0|0|0|0|2 … the run "1100002" splits only one way; "11000011" has two readings.
    cands = split_with_total("110000011", 7)
    assert (1, 10, 0, 0, 0, 0, 11) in cands and (11, 0, 0, 0, 0, 0, 11) in cands


def test_running_total_pairs_and_table4_groups() -> None:
    assert split_year_and_running_total("217541093") == [
        (2, 17541093), (21, 7541093), (217, 541093), (2175, 41093)]
    assert split_groups_with_totals("0" * 15, 3, 5) == [(0,) * 15]
    assert split_groups_with_totals("1001200121001", 3, 5) == []  # group sums cannot all hold


def test_column_rules_narrow_ambiguous_rows() -> None:
    cands = {"total": [(1, 10, 0, 0, 0, 0, 11), (11, 0, 0, 0, 0, 0, 11)]}
    fixed = {"granted": (11, 0, 0, 0, 0, 0, 11)}
    out = narrow_by_column_sums(cands, fixed, [(["total"], ["granted"])])
    assert out == {"total": [(11, 0, 0, 0, 0, 0, 11)]}


def test_parser_splits_a_glued_row_and_keeps_the_span() -> None:
    text = ("某镇2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量831000185\n")
    data, evidence, extracted = parse_reading(read_text(text))
    assert [data.value("table3", "new_received", c) for c in ("natural_person", "commercial", "total")] == [83, 1, 85]
    ev = evidence["table3|new_received|total"]
    assert ev.span is not None and extracted[ev.span[0]:ev.span[1]] == "85" and ev.col_label == "总计"


def test_parser_marks_ambiguous_split_unsure_with_alternatives() -> None:
    text = ("某镇2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量831000185\n（一）予以公开110000011\n")
    data, evidence, _t = parse_reading(read_text(text))
    cell = data.cell("table3", "granted", "natural_person")
    assert cell is not None and cell.value is None and cell.unsure
    assert set(evidence["table3|granted|natural_person"].alternatives) == {1, 11}
    # Cells on which every admissible split agrees are known (research 0, total 11).
    assert data.value("table3", "granted", "research") == 0 and data.value("table3", "granted", "total") == 11
    assert any("种拆分" in n for n in data.notes)

