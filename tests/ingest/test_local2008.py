"""The 2008–2016 local 统计表: its own declaration, read in its published layouts, checked, never invented.

The blank 定西 form is a real published form (corpus entry gs-dingxi-template). The spaced and glued
one-line tables below are built in the shapes issue 12 describes, since the corpus has no filled local
table yet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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


# --- 莆田市's 2009 form (corpus entry fj-putian-form-2009-blank), filled -------------------------------------
# The only real annual local form found is blank; these tests fill it with figures, in the form's own words,
# in the three ways issue 12 says such tables are published: one cell per line (as the form is stored), one
# line with spaced cells, and the year glued to the running total.

_PUTIAN_ROWS = (  # (label as printed on the form, unit, year, running total)
    ("主动公开信息数", "条", 312, 2047), ("其中:1.政府网站", "条", 298, 1960), ("2.政府公报", "条", 14, 87),
    ("受理依申请公开信息总数", "件", 12, 35), ("其中:1.当面申请数", "件", 4, 15), ("2.传真申请数", "件", 0, 1),
    ("3.电子邮件申请数", "件", 2, 5), ("4.网上申请数", "件", 5, 10), ("5.信函申请数", "件", 1, 4),
    ("6.其它形式申请数", "件", 0, 0), ("本年度对申请的答复总数", "件", 12, 34), ("其中:1.同意公开答复数", "件", 9, 26),
    ("2.同意部分公开答复数", "件", 1, 3), ("3.否决公开答复总数", "件", 2, 5), ("行政复议数", "件", 0, 1),
    ("行政诉讼数", "件", 0, 0), ("行政申诉数", "件", 0, 0),
)
_PUTIAN_KEYS = ("proactive.total", "channel.website", "channel.gazette", "app.received", "app.received.in_person",
                "app.received.fax", "app.received.email", "app.received.online", "app.received.letter",
                "app.received.other", "app.answered", "app.answered.granted", "app.answered.partial",
                "app.answered.denied", "review.total", "litigation.total", "complaints.total")


def _putian_form() -> str:
    src = (CORPUS / "fj-putian-form-2009-blank" / "report.txt").read_text(encoding="utf-8")
    return src[src.index("指   标"):src.index("第 [1]")]


def test_putian_form_filled_one_cell_per_line() -> None:
    # The stored form: header words spaced out ("指   标  名  称", "2009  年度", "历年 累计"), each value cell a line
    # holding one space. Filled in place, every figure lands in its row and column.
    figures = {label: [str(y), str(c)] for label, _u, y, c in _PUTIAN_ROWS}
    out: list[str] = []
    pending: list[str] = []
    for line in _putian_form().split("\n"):
        if line.strip() in figures:
            pending = list(figures[line.strip()])
        elif line and not line.strip() and pending:
            line = pending.pop(0)
        out.append(line)
    d, _ev, _t = parse_reading(read_text("莆田市某局2009年政府信息公开工作年度报告\n" + "\n".join(out)))
    assert d.era == "local2008" and d.year == 2009
    got = {k: (d.value("local", k, YEAR), d.value("local", k, CUMULATIVE)) for k in _PUTIAN_KEYS}
    assert got == {k: (y, c) for k, (_l, _u, y, c) in zip(_PUTIAN_KEYS, _PUTIAN_ROWS, strict=True)}
    assert check_local(d) == []


def test_putian_form_on_one_line_with_spaced_cells() -> None:
    cells = " ".join(f"{label} {unit} {y} {c}" for label, unit, y, c in _PUTIAN_ROWS)
    text = f"莆田市某局2009年政府信息公开工作年度报告\n指标名称 计量单位 2009年度 历年累计 {cells}\n"
    d, ev, extracted = parse_reading(read_text(text))
    got = {k: (d.value("local", k, YEAR), d.value("local", k, CUMULATIVE)) for k in _PUTIAN_KEYS}
    assert got == {k: (y, c) for k, (_l, _u, y, c) in zip(_PUTIAN_KEYS, _PUTIAN_ROWS, strict=True)}
    span = ev["local|channel.website|cumulative"].span
    assert span is not None and extracted[span[0]:span[1]] == "1960"


def test_putian_form_glued_runs_are_split_by_the_forms_rules_or_left_to_a_person() -> None:
    # Each row's year and running total glued ("3122047"). A row alone allows several splits (year ≤ total); the
    # form's rules across rows narrow them: 政府网站 ≤ 主动公开信息数 in both columns leaves 298|1960 and then
    # 312|2047; the six channels add up to 受理…总数 (L1), which leaves 12|35 of 12|35 and 1|235. 政府公报 "1487"
    # fits 1|487 and 14|87 under every rule: unsure, both offered, none picked.
    cells = " ".join(f"{label} {unit} {y}{c}" for label, unit, y, c in _PUTIAN_ROWS)
    text = f"莆田市某局2009年政府信息公开工作年度报告\n指标名称 计量单位 2009年度 历年累计 {cells}\n"
    d, ev, _t = parse_reading(read_text(text))
    assert (d.value("local", "proactive.total", YEAR), d.value("local", "proactive.total", CUMULATIVE)) == (312, 2047)
    assert (d.value("local", "channel.website", YEAR), d.value("local", "channel.website", CUMULATIVE)) == (298, 1960)
    assert (d.value("local", "app.received", YEAR), d.value("local", "app.received", CUMULATIVE)) == (12, 35)
    gazette = d.cell("local", "channel.gazette", YEAR)
    assert gazette is not None and gazette.value is None and gazette.unsure
    assert set(ev["local|channel.gazette|year"].alternatives) == {1, 14}
    assert set(ev["local|channel.gazette|cumulative"].alternatives) == {487, 87}
    assert any("按表内关系唯一拆分" in n for n in d.notes)


@pytest.mark.parametrize("sep", [" ", ""], ids=["rows-spaced", "all-glued"])
def test_putian_form_in_a_crawler_page_with_nothing_between_cells(sep: str) -> None:
    # The whole page on one line and the table with no separator between label, unit and figures
    # ("主动公开信息数条3122047其中:1.政府网站条2981960…"): rows are found after the table's header words, and a
    # two-digit run is two figures ("01" is 0 | 1, never 1).
    cells = sep.join(f"{label}{unit}{y}{c}" for label, unit, y, c in _PUTIAN_ROWS)
    text = (f"标题:莆田市某局2009年政府信息公开工作年度报告 发布时间:2010-03-01 来源:莆田市某局 一、概述 本局认真贯彻"
            f"《条例》。 七、附表 指标名称计量单位2009年度历年累计{cells} 注：本表数据截至2009年12月31日。")
    d, ev, _t = parse_reading(read_text(text))
    assert (d.era, d.year) == ("local2008", 2009)
    got = {k: (d.value("local", k, YEAR), d.value("local", k, CUMULATIVE)) for k in _PUTIAN_KEYS}
    want = {k: (y, c) for k, (_l, _u, y, c) in zip(_PUTIAN_KEYS, _PUTIAN_ROWS, strict=True)}
    assert {k: v for k, v in got.items() if k != "channel.gazette"} == {
        k: v for k, v in want.items() if k != "channel.gazette"}
    assert got["channel.gazette"] == (None, None)  # 1487: 1|487 or 14|87, offered to a person
    assert set(ev["local|channel.gazette|year"].alternatives) == {1, 14}
