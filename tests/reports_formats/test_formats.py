"""The format declarations: counts, exact labels and keys from spec §3–§5, tolerant label lookup."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.formats import (
    FORMATS,
    detect_era,
    get_format,
    normalize_label,
    row_candidates,
    row_key,
    section_key,
)
from gongkai.formats.shared import TABLE3_APPLICANT_COLUMNS
from gongkai.reports.data import Cell, FreeRow, ProseFigure, ReportData

COMMON_T3_KEYS = [
    "granted", "partial", "denied.state_secret", "denied.law_forbidden", "denied.three_safety_one_stability",
    "denied.third_party", "denied.internal_affairs", "denied.process_info", "denied.enforcement_file",
    "denied.admin_query", "unable.not_held", "unable.needs_creation", "unable.unclear_after_correction",
    "not_processed.petition_complaint", "not_processed.duplicate", "not_processed.publication",
    "not_processed.mass_repeat", "not_processed.confirm_reissue", "other.no_correction", "other.fee_unpaid",
    "other.other",
]


def test_table3_2021_has_25_rows_and_175_cells_with_shared_keys() -> None:
    t = get_format("2021").table("table3")
    keys = [r.key for _b, r in t.rows()]
    assert len(keys) == 25
    assert keys[:2] == ["new_received", "carried_over"] and keys[-2:] == ["total", "carry_forward"]
    assert keys[2:-2] == COMMON_T3_KEYS
    assert len(list(t.cells())) == 175
    assert [c.key for c in t.blocks[0].columns] == [*TABLE3_APPLICANT_COLUMNS, "total"]
    assert t.row("denied.three_safety_one_stability").label == "3.危及“三安全一稳定”"


def test_table3_2019_has_single_other_row() -> None:
    t = get_format("2019").table("table3")
    keys = [r.key for _b, r in t.rows()]
    assert len(keys) == 23 and "other" in keys and "other.other" not in keys
    b = t.blocks[0]
    # 三、本年度办理结果 spans 20 rows in 2019 and 22 in 2021 (spec §4.3).
    assert sum(1 for r in b.rows if b.group_chain(r) and b.group_chain(r)[0].key == "results") == 20
    b21 = get_format("2021").table("table3").blocks[0]
    assert sum(1 for r in b21.rows if b21.group_chain(r) and b21.group_chain(r)[0].key == "results") == 22


def test_header_rows_fill_the_grid() -> None:
    for fmt in FORMATS.values():
        for table in fmt.tables:
            for block in table.blocks:
                # Occupancy simulation: every header row covers exactly the grid width.
                width = block.grid_width
                pending = [0] * width
                for hrow in block.header_rows:
                    col = 0
                    for cell in hrow:
                        while col < width and pending[col] > 0:
                            col += 1
                        for k in range(cell.colspan):
                            assert col + k < width, (table.key, block.key, cell.label)
                            pending[col + k] = cell.rowspan
                        col += cell.colspan
                    pending = [max(0, p - 1) for p in pending]
                assert all(p == 0 for p in pending), (table.key, block.key)


def test_table2_labels_by_era() -> None:
    t21 = get_format("2021").table("table2")
    t19 = get_format("2019").table("table2")
    assert [b.caption for b in t21.blocks] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
                                               "第二十条第（八）项"]
    assert t21.row("normative_docs").label == "行政规范性文件"
    assert t19.row("normative_docs").label == "规范性文件"
    assert t21.cell_kind("admin_fees", "amount") == "decimal" and t21.cell_unit("admin_fees", "amount") == "万元"
    assert t19.cell_kind("licensing", "change") == "signed_int"
    assert t19.cell_unit("procurement", "amount") == "元"
    assert sum(1 for _ in t21.cells()) == 2 * 3 + 1 + 2 + 1


def test_table4_keys() -> None:
    t = get_format("2021").table("table4")
    cols = [c.key for c in t.blocks[0].columns]
    assert len(cols) == 15
    assert cols[0] == "review.upheld" and cols[9] == "litigation_direct.total" and cols[14] == (
        "litigation_after_review.total")


def test_pre2019_rows() -> None:
    t = get_format("pre2019").table("stats")
    assert t.free_rows
    assert t.row("fees").unit == "万元" and t.row("fees").kind == "decimal"
    assert t.row("proactive").heading
    assert len([r for _b, r in t.rows()]) == 66  # every row of the spec §5 table


@pytest.mark.parametrize(("label", "key"), [
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partial"),
    ('3.危及"三安全一稳定"', "denied.three_safety_one_stability"),
    ("3、危及“三安全一稳定”", "denied.three_safety_one_stability"),
    ("一、本年新收政府信息<br />公开申请数量", "new_received"),
    ("（ 七 ）总 计", "total"),
    ("3.其他", "other.other"),
])
def test_table3_tolerant_lookup(label: str, key: str) -> None:
    assert row_key("2021", "table3", label) == key


def test_pre2019_tolerant_lookup() -> None:
    assert row_key("pre2019", "stats", "(一)主动公开政府信息数") == "proactive.total"
    assert row_key("pre2019", "stats", "1.专职人员(不包括政府公报及政府网站工作人员数)") == "org.staff.full_time"
    assert row_key("pre2019", "stats", "（一）收到申请") == "app.received"
    assert row_key("pre2019", "stats", "1. 当面申请数") == "app.received.in_person"
    # The same label under 四 and 五: ambiguous alone, the reader resolves it by position.
    assert row_candidates("pre2019", "stats", "（二）被依法纠错数") == ["review.corrected", "litigation.corrected"]
    assert row_key("pre2019", "stats", "（二）被依法纠错数") is None
    assert row_key("pre2019", "stats", "完全不相干的指标") is None


def test_normalize_label() -> None:
    assert normalize_label("本年新<br />制作数量") == normalize_label("本年新制作数量")
    assert normalize_label("（一）") == normalize_label("(一)")
    assert normalize_label("商业\n企业") == "商业企业"


def test_section_headings_accept_variants() -> None:
    assert section_key("2019", "五、存在的主要问题及改进情况") == "problems"
    assert section_key("2019", "五、政府信息公开工作存在的主要问题及改进情况") == "problems"
    assert section_key("2021", "六、其它需要报告的情况") == "other"
    assert section_key("2021", "二、主动公开政府信息情况") == "proactive"
    assert get_format("2019").section("problems").heading == "五、政府信息公开工作存在的主要问题及改进情况"
    assert get_format("2021").section("problems").heading == "五、存在的主要问题及改进情况"


def test_detect_era_from_labels_not_year() -> None:
    assert detect_era(["本年制发件数", "行政规范性文件", "一、本年新收政府信息公开申请数量"]) == "2021"
    assert detect_era(["本年新制作数量", "上一年项目数量", "（六）其他处理", "（七）总计"]) == "2019"
    assert detect_era(["政府信息公开情况统计表", "（一）收到申请数", "（三）申请答复数"]) == "pre2019"
    assert detect_era(["一、概述"]) == "narrative"


def test_report_data_json_round_trip_keeps_blank_distinct_from_zero() -> None:
    d = ReportData(agency_name="某镇", year=2022, era="2021", title="t")
    d.set("table3", "new_received", "natural_person", Cell(0, raw="0"))
    d.set("table3", "new_received", "commercial", Cell(None, raw=""))
    d.set("table2", "normative_docs", "issued", Cell(None, raw="由市司法局填报", note="由市司法局填报"))
    d.set("table2", "admin_fees", "amount", Cell(Decimal("1.25"), raw="1.25", unsure=True))
    d.figures.append(ProseFigure("proactive.total", 174, "条", snippet="公开数量174条", approx=False))
    d.free_rows.append(FreeRow("stats", "电子邮件申请数", "件", Cell(3, raw="3")))
    again = ReportData.from_json(d.to_json())
    assert again == d
    assert again.value("table3", "new_received", "natural_person") == 0
    assert again.value("table3", "new_received", "commercial") is None
    assert isinstance(again.value("table2", "admin_fees", "amount"), Decimal)
    assert again.cell("table2", "normative_docs", "issued").note == "由市司法局填报"  # type: ignore[union-attr]
