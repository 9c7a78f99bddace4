"""Consistency checks over ReportData: R1–R5, Table 4 sums, pre-2019 sums, sections, prose."""

from __future__ import annotations

from decimal import Decimal

from gongkai.formats import get_format
from gongkai.reports.checks import check_prose, check_report, check_sections, check_tables, errors
from gongkai.reports.data import Cell, ProseFigure, ReportData


def zeros_2021() -> ReportData:
    d = ReportData(agency_name="某镇", year=2022, era="2021")
    for row, col in get_format("2021").table("table3").cells():
        d.set("table3", row.key, col.key, Cell(0, raw="0"))
    return d


def test_all_zero_table3_holds() -> None:
    assert check_tables(zeros_2021()) == []


def test_r1_names_the_column() -> None:
    d = zeros_2021()
    d.set("table3", "new_received", "natural_person", Cell(5, raw="5"))
    d.set("table3", "granted", "natural_person", Cell(4, raw="4"))
    d.set("table3", "total", "natural_person", Cell(4, raw="4"))
    for key in ("new_received", "granted", "total"):
        d.set("table3", key, "total", d.cell("table3", key, "natural_person"))  # type: ignore[arg-type]
    probs = check_tables(d)
    r1 = [p for p in probs if p.rule == "R1"]
    assert [p.message for p in r1] == ["自然人: 一+二=5, 三+四=4", "总计: 一+二=5, 三+四=4"]
    assert r1[0].column == "natural_person" and r1[0].table == "table3"
    assert not [p for p in probs if p.rule in ("R2", "R3")]


def test_r2_and_r3() -> None:
    d = zeros_2021()
    d.set("table3", "denied.state_secret", "commercial", Cell(1, raw="1"))
    probs = check_tables(d)
    assert {p.rule for p in probs} == {"R2", "R3"}
    r2 = next(p for p in probs if p.rule == "R2")
    assert r2.message == "商业企业: （七）总计=0, 各项办理结果之和=1"
    r3 = next(p for p in probs if p.rule == "R3")
    assert r3.message == "1.属于国家秘密: 总计=0, 各类申请人之和=1" and r3.row == "denied.state_secret"


def test_blank_total_not_flagged_but_blank_counts_as_zero_in_sums() -> None:
    # Shanghai 2019 (spec §3.3): rows with values, blanks for 科研机构/社会公益组织; R1 on the totals.
    d = ReportData(year=2019, era="2019")
    row1 = [821, 35, None, None, 2, 1, 859]
    total = [767, 35, None, None, 2, 1, 805]
    cols = [c.key for c in get_format("2019").table("table3").blocks[0].columns]
    for col, a, b in zip(cols, row1, total, strict=True):
        d.set("table3", "new_received", col, Cell(a, raw="" if a is None else str(a)))
        d.set("table3", "total", col, Cell(b, raw="" if b is None else str(b)))
    d.set("table3", "carried_over", "total", Cell(18, raw="18"))
    d.set("table3", "carry_forward", "total", Cell(72, raw="72"))
    r1 = [p for p in check_tables(d) if p.rule == "R1"]
    assert all(p.column != "total" for p in r1)  # 859 + 18 = 805 + 72
    # Granted row with its 总计 left blank (as Shanghai did): R3 skips a blank total.
    d.set("table3", "granted", "natural_person", Cell(400, raw="400"))
    d.set("table3", "granted", "total", Cell(None, raw=""))
    assert not [p for p in check_tables(d) if p.rule == "R3" and p.row == "granted"]


def test_note_cell_is_not_zero() -> None:
    d = ReportData(year=2022, era="2021")
    d.set("table2", "normative_docs", "issued", Cell(None, raw="由市司法局填报", note="由市司法局填报"))
    assert check_tables(d) == []
    d2 = zeros_2021()
    d2.set("table3", "new_received", "commercial", Cell(None, raw="见附件", note="见附件"))
    d2.set("table3", "total", "commercial", Cell(2, raw="2"))
    d2.set("table3", "granted", "commercial", Cell(2, raw="2"))
    r1 = [p for p in check_tables(d2) if p.rule == "R1" and p.column == "commercial"]
    assert len(r1) == 1 and r1[0].severity == "warning" and "未能核对" in r1[0].message


def test_r4_negative_and_fraction() -> None:
    d = zeros_2021()
    d.set("table3", "partial", "research", Cell(-1, raw="-1"))
    d.set("table3", "granted", "research", Cell(Decimal("1.5"), raw="1.5"))
    msgs = [p.message for p in check_tables(d) if p.rule == "R4"]
    assert any("为负数" in m for m in msgs) and any("不是整数" in m for m in msgs)


def test_r5_carry_over_against_last_year() -> None:
    last = zeros_2021()
    last.year = 2021
    last.set("table3", "carry_forward", "natural_person", Cell(3, raw="3"))
    this = zeros_2021()
    assert [p.message for p in check_tables(this, previous=last) if p.rule == "R5"] == [
        "自然人: 本年二、上年结转=0, 上年四、结转下年度继续办理=3"]
    assert not [p for p in check_tables(this) if p.rule == "R5"]


def test_table4_sums() -> None:
    # Shanghai 2019 (spec §3.4): 复议 5/–/–/2/7; 直接起诉 8/–/–/1/9; 复议后起诉 blank.
    d = ReportData(year=2019, era="2019")
    vals = [5, None, None, 2, 7, 8, None, None, 1, 9] + [None] * 5
    cols = [c.key for c in get_format("2019").table("table4").blocks[0].columns]
    for col, v in zip(cols, vals, strict=True):
        d.set("table4", "all", col, Cell(v))
    assert check_tables(d) == []
    d.set("table4", "all", "review.total", Cell(8))
    probs = check_tables(d)
    assert [p.message for p in probs] == ["行政复议总计=8, 行政复议各项之和=7"]


def test_pre2019_derived_sums() -> None:
    d = ReportData(year=2018, era="pre2019")
    for key, v in {"app.received": 5, "app.received.in_person": 2, "app.received.online": 2,
                   "review.total": 1, "review.upheld": 1}.items():
        d.set("stats", key, "value", Cell(v))
    probs = check_tables(d)
    assert [p.rule for p in probs] == ["P1"]
    assert probs[0].message == "收到申请数=5, 当面+传真+网络+信函=4"


def test_sections_art50() -> None:
    d = zeros_2021()
    d.sections = ["overview", "proactive", "applications", "review_litigation", "other"]
    probs = check_sections(d)
    assert [p.message for p in probs] == ["缺少“五、存在的主要问题及改进情况”部分（《条例》第五十条）"]
    assert errors(probs)
    old = ReportData(year=2018, era="narrative", sections=["proactive", "problems"])
    assert all(p.severity == "warning" for p in check_sections(old)) and len(check_sections(old)) == 4


def test_prose_parts_vs_total() -> None:
    d = ReportData(year=2019, era="narrative")
    d.figures = [ProseFigure("proactive.total", 131, "条"), ProseFigure("proactive.category", 72, "条", "工作动态"),
                 ProseFigure("proactive.category", 50, "条", "政策法规"),
                 ProseFigure("proactive.category", 9, "条", "业务管理")]
    assert check_prose(d) == []
    d.figures[1] = ProseFigure("proactive.category", 70, "条", "工作动态")
    assert [p.message for p in check_prose(d)] == [
        "主动公开信息: 总数=131, 各类之和=129（工作动态70、政策法规50、业务管理9）"]
    assert check_report(d)[0].severity == "error"  # the missing sections come first


def test_table2_balance_is_a_warning_across_years() -> None:
    last = ReportData(year=2021, era="2021")
    last.set("table2", "normative_docs", "in_force", Cell(10))
    now = ReportData(year=2022, era="2021")
    for col, v in (("issued", 3), ("repealed", 1), ("in_force", 13)):
        now.set("table2", "normative_docs", col, Cell(v))
    probs = check_tables(now, previous=last)
    assert [(p.rule, p.severity, p.message) for p in probs] == [
        ("T2.balance", "warning", "行政规范性文件: 现行有效件数=13, 上年现行有效+本年制发−本年废止=12")]
    now.set("table2", "normative_docs", "in_force", Cell(12))
    assert check_tables(now, previous=last) == []
    # A year drawn in the 2019 layout is not compared with a 2021 layout.
    last.layouts = {"table2": "2019"}
    now.set("table2", "normative_docs", "in_force", Cell(99))
    assert check_tables(now, previous=last) == []


def test_prose_and_table_disagreeing_are_both_kept_and_flagged() -> None:
    # Issue 12: a published report whose text says 收到申请12件 while its Table 3 says 10 keeps both and gets F3.
    from gongkai.reports.checks import check_prose_against_tables
    from gongkai.reports.data import Cell, ProseFigure, ReportData

    d = ReportData(era="2021")
    d.set("table3", "new_received", "total", Cell(10))
    d.set("table3", "carried_over", "total", Cell(1))
    d.set("table4", "all", "review.total", Cell(2))
    d.figures = [ProseFigure("applications.received", 12, "件", "", "全年共收到申请12件。", "applications"),
                 ProseFigure("review.total", 2, "件", "", "行政复议2件。", "review_litigation")]
    probs = check_prose_against_tables(d)
    assert [(p.rule, p.row, p.severity) for p in probs] == [("F3", "new_received", "warning")]
    assert "正文为12" in probs[0].message and "表三为10" in probs[0].message
    assert d.value("table3", "new_received", "total") == 10 and d.figure("applications.received") is not None
    # 沭阳县2025: "共受理…申请749件" with Table 3 new 713 and carried over 36 — the text counts both: no flag.
    d.figures[0] = ProseFigure("applications.received", 11, "件", "", "共受理申请11件。", "applications")
    assert check_prose_against_tables(d) == []
    # A blank or unsure table cell is not compared; two prose values (unsure) are not compared either.
    d.set("table3", "new_received", "total", Cell(None, unsure=True))
    d.figures[0] = ProseFigure("applications.received", 99, "件", "", "收到申请99件。", "applications")
    assert check_prose_against_tables(d) == []


def test_a_local_2008_table_report_misses_sections_under_the_2008_regulation() -> None:
    # A 2009 report with a local 统计表 and no 一、…六、 sections: Art. 32 of the 2008 regulation, as a warning —
    # never 《条例》第五十条 of 2019, and never an error.
    d = ReportData(era="local2008", year=2009)
    probs = check_sections(d)
    assert probs and all(p.severity == "warning" and "（2008）第三十二条" in p.message for p in probs)
