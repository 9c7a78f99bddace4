"""Figures stated in sentences (real sentences from published reports) and a property round trip of
Table 3 through the flattened-text reader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.formats import get_format
from gongkai.ingest.parser import parse_tokens
from gongkai.ingest.prose import extract_figures
from gongkai.ingest.readers import read_text


def test_shanghai_2023_applications_sentence() -> None:
    # 2023年上海市政府信息公开工作年度报告 (shanghai.gov.cn), 二、依申请公开方面.
    s = ("2023年,全市共收到政府信息公开申请34290件,申请数量较2022年上升29.3%;答复政府信息公开申请34430件"
         "(含上年度转结),均在法定期限内予以答复。")
    got = {(f.key, f.value) for f in extract_figures([("applications", s)])}
    assert got == {("applications.received", 34290), ("applications.answered", 34430)}


def test_no_figure_is_invented_from_other_units() -> None:
    # 2022年上海市政府信息公开工作年度报告: counts of 件 and 场 are not proactive items (条).
    s = ("2022年,在上海市人民政府网站、《上海市人民政府公报》主动公开市政府规章13件(含新制定5件,修改4件,废止4件),"
         "主动公开市政府和市政府办公厅行政规范性文件42件,人事任免文件106件,其他文件113件。")
    assert extract_figures([("proactive", s)]) == []


def test_conflicting_totals_are_unsure() -> None:
    figs = extract_figures([("proactive", "全年共主动公开政府信息1200条。"),
                            ("overview", "本年度主动公开政府信息1300条。")])
    assert [(f.value, f.unsure) for f in figs] == [(1200, True), (1300, True)]


def test_categories_after_qizhong_sentence() -> None:
    figs = extract_figures([("proactive", "全年共主动公开政府信息1200条。其中,政策文件300条,工作动态900条。")])
    assert [(f.key, f.label, f.value) for f in figs] == [
        ("proactive.total", "", 1200), ("proactive.category", "政策文件", 300), ("proactive.category", "工作动态", 900)]


T3 = get_format("2021").table("table3")
CELLS = [(r.key, c.key) for r, c in T3.cells()]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 99999)), min_size=len(CELLS), max_size=len(CELLS)),
       st.booleans())
def test_table3_round_trip_through_text(values: list[int | None], pipes: bool) -> None:
    """Any Table 3 written as | rows (blanks explicit) reads back cell for cell, blank kept blank."""
    by_cell = dict(zip(CELLS, values, strict=True))
    lines = ["某局2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    block = T3.blocks[0]
    for row in block.rows:
        cells = ["" if by_cell[(row.key, c.key)] is None else str(by_cell[(row.key, c.key)]) for c in block.columns]
        lines.append("| " + " | ".join([row.label, *cells]) + " |" if pipes else "\t".join([row.label, *cells]))
    d = parse_tokens(read_text("\n".join(lines)))
    assert d.era == "2021"
    assert {k: c.value for k, c in d.tables["table3"].items()} == by_cell
