"""The 2008–2016 local 统计表: its own declaration, read in its published layouts, checked, never invented.

The blank 定西 form is a real published form (corpus entry gs-dingxi-template). The spaced and glued
one-line tables below are built in the shapes issue 12 describes, since the corpus has no filled local
table yet.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.formats import FORMATS, READ_FORMATS, detect_era, get_format, row_key
from gongkai.formats.local2008 import CUMULATIVE, YEAR
from gongkai.ingest.localchecks import check_local
from gongkai.ingest.parser import parse_reading
from gongkai.ingest.readers import read_bytes, read_text

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def test_declared_beside_pre2019_but_never_generated() -> None:
    assert "local2008" in READ_FORMATS and "local2008" not in FORMATS
    assert get_format("local2008").table("local").row("proactive.total").label == "主动公开信息数"
    assert row_key("local2008", "local", "其中:1.当面申请数") == "app.received.in_person"
    assert row_key("local2008", "local", "依申请公开信息数") == "app.disclosed"  # items disclosed, not applications
    assert detect_era(["指标名称", "计量单位", "本年度", "历年累计", "主动公开信息数"]) == "local2008"
    # The national 统计表 of 2017–18 stays pre2019.
    assert detect_era(["政府信息公开情况统计表", "（一）收到申请数", "（三）申请答复数"]) == "pre2019"


def test_spaced_one_line_table() -> None:
    text = ("某县2012年政府信息公开工作年度报告\n"
            "指标名称 计量单位 本年度 历年累计 主动公开信息数 条 312 2047 其中：1.网站公开 条 298 1960 "
            "申请总数 件 5 31 行政复议数 件 0 1\n")
    d, ev, extracted = parse_reading(read_text(text))
    assert d.era == "local2008"
    assert (d.value("local", "proactive.total", YEAR), d.value("local", "proactive.total", CUMULATIVE)) == (312, 2047)
    assert d.value("local", "channel.website", CUMULATIVE) == 1960
    assert d.value("local", "review.total", YEAR) == 0
    span = ev["local|app.received|year"].span
    assert span is not None and extracted[span[0]:span[1]] == "5"


def test_glued_year_and_running_total_stays_unsure_with_alternatives() -> None:
    text = ("某县2012年政府信息公开工作年度报告\n指标名称 计量单位 本年度 历年累计\n"
            "主动公开信息数 条2175410932、政府公报公开 条1290\n")
    d, ev, _t = parse_reading(read_text(text))
    cell = d.cell("local", "proactive.total", YEAR)
    assert cell is not None and cell.value is None and cell.unsure
    assert ev["local|proactive.total|year"].alternatives == (2, 21, 217, 2175)
    assert 41093 in ev["local|proactive.total|cumulative"].alternatives
    # The item number "2" glued before "、" went back to the next label, which was read.
    assert ev["local|channel.gazette|year"].alternatives == (1, 12)


def test_blank_form_gives_no_figure_and_row_codes_are_not_values() -> None:
    f = CORPUS / "gs-dingxi-template" / "report.txt"
    d, _ev, _t = parse_reading(read_bytes(f.name, f.read_bytes())[1])
    assert d.era == "local2008" and d.tables == {}


def test_local_checks_flag_and_keep() -> None:
    text = ("某县2012年政府信息公开工作年度报告\n指标名称 计量单位 本年度 历年累计 "
            "申请总数 件 5 31 其中：1.当面申请数 件 2 20 2.传真申请数 件 1 1 4.网上申请数 件 1 50 "
            "5.信函申请数 件 3 2\n")
    d, _ev, _t = parse_reading(read_text(text))
    problems = check_local(d)
    rules = {(p.rule, p.column) for p in problems}
    assert ("L1", YEAR) in rules and ("L1", CUMULATIVE) in rules  # 2+1+1+3 ≠ 5; 20+1+50+2 ≠ 31
    assert [p.row for p in problems if p.rule == "L.running"] == ["app.received.letter"]  # 2 < 3
    assert all(p.severity == "warning" for p in problems)
    assert d.value("local", "app.received", YEAR) == 5  # kept as published
