"""Each reader (HTML, DOCX, PDF, text with | rows) on real-report facts, and bad files."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.formats import get_format
from gongkai.ingest.parser import parse_tokens
from gongkai.ingest.pipeline import UnrecognisedFile, ingest_bytes, ingest_file
from gongkai.ingest.readers import UnreadableFile, read_bytes, read_html, read_text
from gongkai.reports.checks import check_tables
from gongkai.reports.data import ReportData
from tests.ingest.builders import report_docx, report_html, report_pdf
from tests.ingest.conftest import SEED_2022, SHANGHAI_2019

# Figures of the 2022 一平浪镇 report (seed 002), typed by hand: Table 2, Table 3 all 0, Table 4 all 0.
T2_2022 = {("regulations", "issued"): "0", ("regulations", "repealed"): "0", ("regulations", "in_force"): "0",
           ("normative_docs", "issued"): "由市司法局填报", ("licensing", "decisions"): "0",
           ("penalty", "decisions"): "1", ("enforcement", "decisions"): "0"}
T3_2022 = {(r.key, c.key): "0" for r, c in get_format("2021").table("table3").cells()}
T4_2022 = {(r.key, c.key): "0" for r, c in get_format("2021").table("table4").cells()}
PARTS: list[str | tuple[str, str]] = [
    "一、总体情况",
    "2022年，在禄丰市政府网站上公开发布信息130余条；政府网站在线咨询/12345政府热线转办75件，办结率100%。",
    "二、主动公开政府信息情况", ("table", "table2"),
    "三、收到和处理政府信息公开申请情况", ("table", "table3"),
    "四、政府信息公开行政复议、行政诉讼情况", ("table", "table4"),
    "五、存在的主要问题及改进情况", "信息公开主动性不够。",
    "六、其他需要报告的事项", "严格执行《政府信息公开信息处理费管理办法》，2022年，未收取任何信息处理费用。",
]
TABLES = {"table2": T2_2022, "table3": T3_2022, "table4": T4_2022}
TITLE = "一平浪镇2022年政府信息公开工作年度报告"


def assert_2022(d: ReportData) -> None:
    assert (d.agency_name, d.year, d.era) == ("一平浪镇", 2022, "2021")
    assert d.value("table2", "penalty", "decisions") == 1
    assert d.value("table2", "regulations", "in_force") == 0
    c = d.cell("table2", "normative_docs", "issued")
    assert c is not None and c.value is None and c.note == "由市司法局填报"
    assert d.value("table2", "normative_docs", "repealed") is None  # blank cell, not 0
    assert d.value("table2", "admin_fees", "amount") is None
    assert len(d.tables["table3"]) == 175 and all(c.value == 0 for c in d.tables["table3"].values())
    assert len(d.tables["table4"]) == 15 and all(c.value == 0 for c in d.tables["table4"].values())
    assert check_tables(d) == []
    assert d.sections == ["overview", "proactive", "applications", "review_litigation", "problems", "other"]
    assert d.figure("hotline.received").value == 75  # type: ignore[union-attr]
    assert d.figure("fees.amount").value == 0  # type: ignore[union-attr]


def test_html_reader_builder_2022() -> None:
    html_text = report_html(TITLE, PARTS, "2021", TABLES)
    _k, d, _p = ingest_bytes("r.html", html_text.encode("utf-8"))
    assert_2022(d)


def test_docx_reader_with_merged_cells() -> None:
    content = report_docx(TITLE, PARTS, "2021", TABLES)
    kind, d, _p = ingest_bytes("r.docx", content)
    assert kind == "docx"
    assert_2022(d)


def test_pdf_reader() -> None:
    html_text = report_html(TITLE, PARTS, "2021", TABLES)
    kind, d, _p = ingest_bytes("r.pdf", report_pdf(html_text))
    assert kind == "pdf"
    assert_2022(d)


def test_html_shanghai_2019_layout() -> None:
    d = ingest_file(SHANGHAI_2019).data
    assert d is not None
    assert (d.agency_name, d.year, d.era) == ("上海市人民政府办公厅", 2019, "2019")
    row1 = [d.value("table3", "new_received", c) for c in
            ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")]
    assert row1 == [821, 35, None, None, 2, 1, 859]
    assert d.value("table3", "total", "total") == 805
    assert d.value("table3", "carried_over", "total") == 18 and d.value("table3", "carry_forward", "total") == 72
    assert ("other", "total") in d.tables["table3"]  # the single 2019 （六）其他处理 row
    t4 = [d.value("table4", "all", c.key) for c in get_format("2019").table("table4").blocks[0].columns]
    assert t4 == [5, None, None, 2, 7, 8, None, None, 1, 9, None, None, None, None, None]
    problems = check_tables(d)
    # R1 holds on 总计 (859 + 18 = 805 + 72); Table 4 sums hold; the 2019 Table 2 layout is read (blank here).
    assert not [p for p in problems if p.rule == "R1" and p.column == "total"]
    assert not [p for p in problems if p.rule.startswith("T4")]
    assert len(d.tables["table2"]) == 2 * 3 + 2 * 3 + 2 * 3 + 2 + 2
    assert d.sections == ["overview", "proactive", "applications", "review_litigation", "problems", "other"]
    assert d.headings["problems"] == "五、政府信息公开工作存在的主要问题及改进情况"
    assert "版权所有" not in "".join(d.narrative.values())


def test_html_br_inside_labels_and_scripts_dropped() -> None:
    toks = read_html("<html><body><script>x=1</script><table><tr><td>本年新<br />制作数量</td><td></td></tr>"
                     "</table><p>正文<br>第二行</p></body></html>")
    assert [(t.kind, t.text) for t in toks] == [("cell", "本年新制作数量"), ("blank", ""), ("eor", ""),
                                              ("line", "正文"), ("line", "第二行")]


def test_pipe_rows_and_inline_values() -> None:
    text = "\n".join([
        "某局2021年政府信息公开工作年度报告",
        "二、主动公开政府信息情况",
        "| 第二十条第(一)项 |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 规章 | 1 | | 3 |",
        "| 行政规范性文件 | 2 | 0 | 14 |",
        "三、收到和处理政府信息公开申请情况",
        "| 一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 1 | 6 |",
        "| （七）总计 | 5 | | | | | 1 | 6 |",
    ])
    d = parse_tokens(read_text(text))
    assert d.era == "2021" and d.year == 2021 and d.agency_name == "某局"
    assert [d.value("table2", "regulations", c) for c in ("issued", "repealed", "in_force")] == [1, None, 3]
    assert d.value("table2", "normative_docs", "in_force") == 14
    assert d.value("table3", "new_received", "other_org") == 1
    assert d.value("table3", "total", "commercial") is None


def test_fewer_values_than_cells_are_unsure_not_placed() -> None:
    text = "\n".join(["某局2021年政府信息公开工作年度报告", "本年制发件数", "一、本年新收政府信息公开申请数量",
                      "5", "1", "6", "二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"])
    d = parse_tokens(read_text(text))
    cells = [d.cell("table3", "new_received", c.key) for c in get_format("2021").table("table3").blocks[0].columns]
    assert [c.raw for c in cells if c is not None] == ["5", "1", "6"]
    assert all(c.unsure and c.value is None for c in cells if c is not None)
    assert any("无法确定所在列" in n for n in d.notes)
    assert d.value("table3", "carried_over", "total") == 0


def test_pre2019_stats_table_layout() -> None:
    # Layout of the 统计表 (spec §5); the values are test values, not a real report's.
    rows = [("政府信息公开情况统计表", "", ""), ("统 计 指 标", "单位", "统计数"),
            ("一、主动公开情况", "——", "——"),
            ("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "条", "174"),
            ("三、依申请公开情况", "——", "——"),
            ("(一)收到申请数", "件", "3"), ("1.当面申请数", "件", "1"), ("3.网络申请数", "件", "2"),
            ("四、行政复议数量", "件", "1"), ("(一)维持具体行政行为数", "件", "1"), ("(二)被依法纠错数", "件", "0"),
            ("五、行政诉讼数量", "件", "0"), ("(二)被依法纠错数", "件", "0"),
            ("电子邮件申请数", "件", "4"),
            ("七、依申请公开信息收取的费用", "万元", "0.05")]
    text = "某镇2018年政府信息公开工作年度报告\n" + "\n".join(" | ".join(r) for r in rows)
    d = parse_tokens(read_text(text))
    assert d.era == "pre2019" and d.year == 2018
    assert d.value("stats", "proactive.total", "value") == 174
    assert d.value("stats", "app.received.online", "value") == 2
    assert d.value("stats", "review.corrected", "value") == 0
    assert d.value("stats", "litigation.corrected", "value") == 0  # same label, resolved by position
    assert str(d.value("stats", "fees", "value")) == "0.05"
    assert [(f.label, f.unit, f.cell.value) for f in d.free_rows] == [("电子邮件申请数", "件", 4)]
    assert [p.rule for p in check_tables(d)] == []  # 3 = 1 + 0 + 2 + 0 (blank as 0)


def test_bad_files() -> None:
    with pytest.raises(UnreadableFile):
        read_bytes("x.bin", bytes(range(256)) * 10)
    with pytest.raises(UnreadableFile):
        read_bytes("x.pdf", b"%PDF-1.4\nbroken")
    with pytest.raises(UnreadableFile):
        read_bytes("x.docx", b"PK\x03\x04broken")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile):
        read_bytes("x.docx", buf.getvalue())
    with pytest.raises(UnreadableFile):
        read_bytes("empty.txt", b"  \n")
    with pytest.raises(UnrecognisedFile):
        ingest_bytes("menu.txt", "首页\n关于我们\n联系方式\n".encode())
    # GB18030-encoded text is read.
    _k, d, _p = ingest_bytes("gbk.txt", SEED_2022.read_text(encoding="utf-8").encode("gb18030"))
    assert d.value("table2", "penalty", "decisions") == 1


def test_labels_broken_over_lines_and_title_with_year_after_name() -> None:
    text = "\n".join(["某局政府信息公开工作2021年度报告", "本年制发件数", "一、本年新收政府信息", "公开申请数量",
                      *["1"] * 7, "（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）", *["2"] * 7,
                      "（三）不予公开"])
    d = parse_tokens(read_text(text))
    assert (d.agency_name, d.year) == ("某局", 2021)
    assert d.value("table3", "new_received", "total") == 1
    assert [d.value("table3", "partial", c) for c in ("natural_person", "total")] == [2, 2]
    assert not any(c.note for c in d.tables["table3"].values())  # the broken label is not taken as a note


def test_older_statistics_table_with_code_and_two_value_columns_is_unsure() -> None:
    # Layout of an older local variant (spec §5, S24: code column, 本期实际 and 本年累计); test values.
    rows = ["某市2012年政府信息公开工作年度报告", "政府信息公开情况统计表",
            "指 标 名 称 | 计量单位 | 代码 | 本期实际 | 本年累计", "主动公开信息数 | 条 | 01 | 5 | 12",
            "（一）收到申请数 | 件 | 10 | 3 | 4"]
    d = parse_tokens(read_text("\n".join(rows)))
    assert d.era == "pre2019"
    c = d.cell("stats", "app.received", "value")
    assert c is not None and c.value is None and c.unsure and c.raw == "10 3 4"
    assert [(f.label, f.cell.raw, f.cell.unsure) for f in d.free_rows] == [("主动公开信息数", "01 5 12", True)]


def test_html_page_laid_out_in_a_table() -> None:
    inner = report_html(TITLE, PARTS, "2021", TABLES)
    body = inner.split("<body>", 1)[1].split("</body>", 1)[0]
    page = (f"<html><body><table><tr><td><p>首页 &gt;&gt; 信息公开</p></td></tr>"
            f"<tr><td width='800'>{body}</td></tr><tr><td>版权所有：某政府</td></tr></table></body></html>")
    _k, d, _p = ingest_bytes("layout.html", page.encode("utf-8"))
    assert_2022(d)


def test_2019_table2_kept_with_2021_table3() -> None:
    # Spec §4.3 (S20): a 2023 report by a county bureau still used the 2019 Table 2 layout.
    t2 = {("normative_docs", "made"): "2", ("normative_docs", "published"): "2",
          ("normative_docs", "total_published"): "9", ("licensing", "change"): "-3"}
    parts: list[str | tuple[str, ...]] = ["二、主动公开政府信息情况", ("table", "table2", "2019"),
                                          "三、收到和处理政府信息公开申请情况", ("table", "table3", "2021")]
    html_text = report_html("某县某局2023年政府信息公开工作年度报告", parts, "2021", {"table2": t2, "table3": T3_2022})
    _k, d, _p = ingest_bytes("mixed.html", html_text.encode("utf-8"))
    assert d.era == "2021" and d.layouts == {"table2": "2019"} and d.layout("table3") == "2021"
    assert d.value("table2", "normative_docs", "total_published") == 9
    assert d.value("table2", "licensing", "change") == -3  # 本年增/减 is signed
    assert len(d.tables["table3"]) == 175
    assert check_tables(d) == []  # the 2019 Table 2 rules allow a negative 本年增/减
    assert ReportData.from_json(d.to_json()).layouts == {"table2": "2019"}


def test_rows_written_on_one_line() -> None:
    # PDF text without ruled tables, or copied with spaces: "label v1 v2 …" per line.
    t3 = get_format("2021").table("table3").blocks[0]
    lines = ["某局2022年政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（一）项",
             "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 0 0 0", "行政规范性文件 3 1 12",
             "三、收到和处理政府信息公开申请情况"]
    one = "1 0 0 0 0 0 1"  # 自然人 1, 总计 1
    lines += [f"{r.label} {one if r.key in ('new_received', 'granted', 'total') else ' '.join(['0'] * 7)}"
              for r in t3.rows]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", " ".join(["0"] * 15)]
    d = parse_tokens(read_text("\n".join(lines)))
    assert d.era == "2021"
    assert [d.value("table2", "normative_docs", c) for c in ("issued", "repealed", "in_force")] == [3, 1, 12]
    assert d.value("table3", "granted", "natural_person") == 1 and d.value("table3", "granted", "commercial") == 0
    assert d.value("table3", "partial", "total") == 0
    assert len(d.tables["table4"]) == 15 and all(c.value == 0 for c in d.tables["table4"].values())
    assert check_tables(d) == []


def test_a_lone_border_before_the_row_closing_one_is_an_empty_cell() -> None:
    # 汉阳区政府办公室2022: one cell per line, each row closed by a lone "|"; 规章's 现行有效件数 is printed empty,
    # so its row ends "0" "0" "|" "|" — the empty cell stays blank (never 0) and the two figures keep their columns.
    text = ("某办2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项 | |||\n|\n信息内容 |\n"
            "本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n|\n规章 |\n0\n0\n|\n|\n行政规范性文件 |\n5\n12\n8\n|\n")
    d = parse_tokens(read_text(text))
    assert [d.value("table2", "regulations", c) for c in ("issued", "repealed", "in_force")] == [0, 0, None]
    assert [d.value("table2", "normative_docs", c) for c in ("issued", "repealed", "in_force")] == [5, 12, 8]


def test_text_from_a_pdf_is_unwrapped_at_its_line_width() -> None:
    # 上海市科委2024 / 上海市政府办公厅2025 (PDF→Markdown): sentences broken at the text block's width, a page
    # number between two halves. Lines of that width that end a sentence, table rows and numbered headings stay.
    body = [
        "根据《中华人民共和国政府信息公开条例》和《上海市政府",
        "信息公开规定》的要求，市科委编制了 2024 年度政务公开工作",
        "报告，报告全文包括总体情况、主动公开政府信息情况、收到和",
        "处理政府信息公开申请情况等六部分。",
        "截至 2024 年 12 月31 日，市科委通过部门网站当年发布政府",
        "信息 393 件，其中包括：行政规范性文件 13 件；规划计划文件",
        "— 2 —",
        "2 件；重大行政决策事项的办理复文均已全部公开发布到位了。",
        "（二）依申请公开方面",
        "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上",
        "年结转 189 件），均在法定期限内答复，全部按时办结完成了。",
        "全年完成市政府及市政府办公厅公文公开属性审查 166 件、",
        "发布审查 330 件。编辑《上海市人民政府公报》24 期，刊登市",
        "| 规章 | 22 | 235 |",
    ]
    lines = [t.text for t in read_text("\n".join(body)) if t.kind == "line"]
    assert lines[0].startswith("根据《中华人民共和国") and lines[0].endswith("等六部分。")
    assert "当年发布政府信息 393 件，其中包括：行政规范性文件 13 件；规划计划文件2 件；" in lines[1]
    assert "— 2 —" not in "".join(lines)
    assert "（二）依申请公开方面" in lines
    assert any(x.startswith("市政府共受理") and x.endswith("全部按时办结完成了。") for x in lines)
    cells = [t.text for t in read_text("\n".join(body)) if t.kind == "cell"]
    assert cells == ["规章", "22", "235"]


def test_text_from_a_web_page_keeps_its_paragraphs() -> None:
    # A crawler's text: one paragraph per line, of every length — nothing is joined.
    body = ["2016年，我镇主动公开政府信息45条，其中通过政府网站公开30条，通过公开栏公开15条，内容涵盖",
            "机构职能、政策法规、规划计划等方面。", "二、依申请公开情况", "2016年我镇未收到政府信息公开申请。"]
    lines = [t.text for t in read_text("\n".join(body)) if t.kind == "line"]
    assert lines == body
