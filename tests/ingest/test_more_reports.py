"""More real reports (figures and layouts as published; prose partly reworded; see fixtures/README.md)."""

from __future__ import annotations

from gongkai.ingest.pipeline import ingest_file
from gongkai.reports.checks import check_tables
from gongkai.reports.data import ReportData
from tests.ingest.conftest import FIXTURES


def load(name: str) -> ReportData:
    r = ingest_file(FIXTURES / name)
    assert r.error is None and r.data is not None
    return r.data


def row(d: ReportData, key: str, cols: tuple[str, ...]) -> list[object]:
    return [d.value("table2", key, c) for c in cols]


ITEMS3 = ("prev_items", "change", "decisions")


def test_zhongcun_2020_table2_2019_layout() -> None:
    d = load("zhongcun_2020_partial.txt")
    assert (d.agency_name, d.year, d.era) == ("中村乡", 2020, "2019")  # 2020 report, 2019 format
    assert row(d, "regulations", ("made", "published", "total_published")) == [0, 0, 0]
    assert row(d, "normative_docs", ("made", "published", "total_published")) == [5, 5, 5]
    for key in ("licensing", "other_services", "penalty", "enforcement"):
        assert row(d, key, ITEMS3) == [0, 0, 0]
    assert row(d, "admin_fees", ("prev_items", "change")) == [0, 0]
    assert d.value("table2", "procurement", "items") == 1
    amount = d.cell("table2", "procurement", "amount")
    # The partial copy ends right after "8040": where a page is cut, its last figure may be cut too, so it is
    # offered to a person (the whole page, corpus entry jx-zhongcun-town-2020, reads 8040 元).
    assert amount is not None and amount.value is None and amount.unsure and amount.raw == "8040"
    assert [(f.key, f.value) for f in d.figures] == [("staff.full_time", 1)]
    assert check_tables(d) == []
    assert any("未读到表格" in n for n in d.notes)  # the copy ends before Table 3


def test_dalong_2020_cells_with_stray_borders() -> None:
    d = load("dalong_2020_partial.txt")
    assert (d.agency_name, d.year, d.era) == ("湖口县大垅乡", 2020, "2019")
    assert len(d.tables["table2"]) == 20 and all(c.value == 0 for c in d.tables["table2"].values())


def test_skeleton_tables_stay_blank_and_stray_zero_is_unsure() -> None:
    d = load("xiongxian_2019_skeleton.txt")
    assert d.era == "2019" and d.year == 2019
    stray = d.cell("table2", "regulations", "made")
    assert stray is not None and stray.unsure and stray.value is None and stray.raw == "0"
    assert all(c.value is None for c in d.tables["table3"].values()) and len(d.tables["table3"]) == 161
    assert d.sections == ["overview", "proactive", "applications", "review_litigation", "problems", "other"]
    assert check_tables(d) == []  # nothing to add up; blank is not 0, and the unsure cell is not summed


def test_tangcun_2020_prose_categories() -> None:
    d = load("tangcun_2020_prose.txt")
    assert (d.agency_name, d.year, d.era) == ("唐村镇", 2020, "narrative")
    # "通过网站主动公开政府信息共81条" is the website's count; a second channel's 108 follows, so the report states
    # no total (corpus README: the only channel's 共…主动公开 is the total unless another channel's count follows).
    assert d.figure("proactive.total") is None
    cats = [(f.label, f.value) for f in d.figures_of("proactive.category")]
    assert cats == [("工作动态", 50), ("通知公告", 9), ("组织机构", 2), ("政策文件", 6), ("政策解读", 4),
                    ("财政数据", 4), ("脱贫攻坚", 2), ("应急管理", 1), ("建议提案", 1), ("信息公开年报", 1),
                    ("信息公开指南", 1)]
    assert sum(v for _l, v in cats) == 81  # type: ignore[misc]
    assert [(f.label, f.value) for f in d.figures_of("proactive.channel")] == [
        ("网站", 81), ("政务微信公众号“富美唐村”", 108)]
    assert d.figure("applications.received").value == 0  # type: ignore[union-attr]
    # "依申请公开政府信息不收取任何费用" is a policy, not the year's fees (as 巍山镇 2017's 暂免收费).
    assert d.figure("fees.amount") is None
