"""Every seed report parses with the figures it states (expected values typed by hand from the text)."""

from __future__ import annotations

from gongkai.formats import get_format
from gongkai.ingest.pipeline import ingest_bytes
from gongkai.reports.checks import check_tables
from gongkai.reports.data import ReportData
from tests.ingest.conftest import SEED_2018, SEED_2019, SEED_2022


def parse(path) -> tuple[ReportData, list]:  # type: ignore[no-untyped-def,type-arg]
    _kind, data, problems = ingest_bytes(path.name, path.read_bytes())
    return data, problems


def figs(d: ReportData, key: str) -> list[tuple[str, object]]:
    return [(f.label, f.value) for f in d.figures if f.key == key]


def test_2018_township_narrative() -> None:
    d, problems = parse(SEED_2018)
    assert (d.agency_name, d.year, d.era) == ("甘州区三闸镇", 2018, "narrative")
    assert d.tables == {}
    assert figs(d, "proactive.total") == [("", 174)]
    assert figs(d, "proactive.category") == [
        ("工作动态", 42), ("政策法规", 8), ("政策解读", 8), ("人大代表建议和政协提案办理回复", 2), ("规划计划", 4),
        ("工作报告", 19), ("工作总结", 7), ("文件公开", 35), ("为民办事", 48), ("办事指南", 1)]
    total = d.figure("proactive.total")
    assert total is not None and "我镇政府信息公开数量174条" in total.snippet and total.section == "proactive"
    ch = d.figure("proactive.channel")
    assert ch is not None and (ch.label, ch.value, ch.approx) == ("会议传达、宣传栏展示等形式", 820, True)
    assert figs(d, "consultations.received") == [("", 1300)] and figs(d, "consultations.answered") == [("", 900)]
    # Nothing about applications, fees or appeals is stated in this report, so nothing is reported.
    for key in ("applications.received", "fees.amount", "review.total", "litigation.total", "staff.full_time"):
        assert d.figure(key) is None
    assert d.sections == ["overview", "proactive", "problems"]
    # Categories add up to the total; the 2008 Art. 32 parts missing are warnings.
    assert not [p for p in problems if p.rule == "F1"]
    assert {p.row for p in problems if p.rule == "S1"} == {"applications", "fees", "review_litigation", "other"}
    assert all(p.severity == "warning" for p in problems)
    assert "扫一扫" not in "".join(d.narrative.values())


def test_2019_bureau_narrative() -> None:
    d, problems = parse(SEED_2019)
    assert (d.agency_name, d.year, d.era) == ("榕江县民政局", 2019, "narrative")
    assert figs(d, "proactive.total") == [("", 131)]
    assert figs(d, "proactive.category") == [("工作动态", 72), ("民政政策法规", 50), ("业务管理", 9)]
    # "2019年度在我局无依申请公开件…未发生政府信息公开收费及减免情况" and no review/litigation: stated zeros.
    assert figs(d, "applications.received") == [("", 0)]
    assert figs(d, "fees.amount") == [("", 0)]
    assert figs(d, "review.total") == [("", 0)] and figs(d, "litigation.total") == [("", 0)]
    assert d.sections == ["overview", "proactive", "applications", "review_litigation", "problems"]
    # Art. 50: 六、其他需要报告的事项 is missing from this report.
    s1 = [p for p in problems if p.rule == "S1"]
    assert [p.row for p in s1] == ["other"] and s1[0].severity == "error"
    assert "版权所有" not in "".join(d.narrative.values())


def test_2022_township_tables() -> None:
    d, problems = parse(SEED_2022)
    assert (d.agency_name, d.year, d.era) == ("一平浪镇", 2022, "2021")
    t2 = d.tables["table2"]
    assert [t2[("regulations", c)].value for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    note = t2[("normative_docs", "issued")]
    assert note.value is None and note.note == "由市司法局填报"
    assert t2[("licensing", "decisions")].value == 0
    assert t2[("penalty", "decisions")].value == 1
    assert t2[("enforcement", "decisions")].value == 0
    fee = t2[("admin_fees", "amount")]
    assert fee.value is None and fee.note is None  # blank, not 0
    t3 = d.tables["table3"]
    assert len(t3) == 175 and all(c.value == 0 and not c.unsure for c in t3.values())
    t4 = d.tables["table4"]
    assert len(t4) == 15 and all(c.value == 0 for c in t4.values())
    assert check_tables(d) == []  # R1–R4 and the Table 4 sums hold
    assert not [p for p in problems if p.severity == "error"]
    assert d.sections == ["overview", "proactive", "applications", "review_litigation", "problems", "other"]
    assert figs(d, "proactive.channel") == [("禄丰市政府网站", 130), ("微信公众号“怡美一平浪”", 670)]
    assert all(f.approx for f in d.figures_of("proactive.channel"))
    assert figs(d, "hotline.received") == [("", 75)] and figs(d, "hotline.completion_rate") == [("", 100)]
    assert figs(d, "training.sessions") == [("", 3)] and figs(d, "training.attendees") == [("", 147)]
    assert figs(d, "fees.amount") == [("", 0)]  # "未收取任何信息处理费用"
    assert d.figure("proactive.total") is None  # the report never states a total


def test_changed_table3_cell_is_flagged_by_r1_with_column() -> None:
    text = SEED_2022.read_text(encoding="utf-8")
    head, tail = text.split("一、本年新收政府信息公开申请数量\n\n0\n\n0\n\n0", 1)
    changed = head + "一、本年新收政府信息公开申请数量\n\n0\n\n0\n\n3" + tail  # 科研机构 0 → 3
    _k, d, problems = ingest_bytes("changed.txt", changed.encode("utf-8"))
    assert d.value("table3", "new_received", "research") == 3
    r1 = [p for p in problems if p.rule == "R1"]
    assert [(p.column, p.message) for p in r1] == [("research", "科研机构: 一+二=3, 三+四=0")]
    assert [p.rule for p in problems if p.rule == "R3"] == ["R3"]  # the row total no longer adds up either


def test_round_trip_of_parsed_seed() -> None:
    d, _ = parse(SEED_2022)
    assert ReportData.from_json(d.to_json()) == d
    assert get_format(d.era).table("table3")
