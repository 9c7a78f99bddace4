"""Every collected State Council holiday notice (tests/fixtures/notices) is read exactly (issue 11 items 1–7).

Each fixture is a real notice text with its source on the first line. The days read are compared with
the chinese-calendar package (its data reaches 2026); where the package and a notice's own words
differ, the difference is listed below with the notice's sentence, and the test fails if the list is
not exactly the difference found.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from chinese_calendar import constants as cc
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.notice import HOLIDAY, MAKEUP_WORKDAY, NoticeParseError, ParsedNotice, parse_notice

D = dt.date
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"
ALL = sorted(FIXTURES.glob("*.txt"))
# Other copies of a notice already present (a reprint, a traditional-character rendering).
COPIES = {"2008-news": "2008", "2011-traditional": "2011"}

# Where the package and the notices' words differ. Every entry is a weekend day (no workday count
# changes) except 2005-12-31, the package's omission behind issue 11 item 10.
KNOWN_DIFFERENCES: dict[dt.date, tuple[str | None, str | None, str]] = {
    # date: (kind read from the notices, kind in the package, why)
    D(2005, 12, 31): (MAKEUP_WORKDAY, None, "2006年通知: 12月31日(星期六)上班 — the package leaves it out"),
    D(2011, 6, 5): (HOLIDAY, None, "2011年通知: 端午节 6月4日至6日放假公休 — package lists 4 and 6 only"),
    D(2012, 6, 23): (HOLIDAY, None, "2012年通知: 端午节 6月22日至24日放假公休 — package lists 22 and 24 only"),
    D(2014, 4, 6): (None, HOLIDAY, "2014年通知: 清明节 4月5日放假,4月7日补休 — the Sunday between is not named"),
    D(2015, 9, 5): (HOLIDAY, None, "国发明电〔2015〕1号: 9月3日至5日调休放假 — package lists 3 and 4 only"),
    D(2019, 4, 6): (None, HOLIDAY, "2019年通知: 清明节 4月5日放假,与周末连休 — weekend not named"),
    D(2019, 4, 7): (None, HOLIDAY, "2019年通知: 清明节 与周末连休"),
    D(2019, 6, 8): (None, HOLIDAY, "2019年通知: 端午节 6月7日放假,与周末连休"),
    D(2019, 6, 9): (None, HOLIDAY, "2019年通知: 端午节 与周末连休"),
    D(2019, 9, 14): (None, HOLIDAY, "2019年通知: 中秋节 9月13日放假,与周末连休"),
    D(2019, 9, 15): (None, HOLIDAY, "2019年通知: 中秋节 与周末连休"),
    D(2023, 12, 30): (None, HOLIDAY, "2024年通知: 元旦 1月1日放假,与周末连休 — 2023-12-30/31 not named"),
    D(2023, 12, 31): (None, HOLIDAY, "2024年通知: 元旦 与周末连休"),
}
# A later notice of the same year changed a day the annual notice had set.
SUPERSEDED = {D(2020, 2, 1): "国办发明电〔2020〕1号 延长春节假期至2月2日: the make-up Saturday became a day off"}


def load(path: Path) -> tuple[str, str]:
    header, _, text = path.read_text(encoding="utf-8").partition("\n")
    return header, text


def read(path: Path) -> ParsedNotice:
    return parse_notice(load(path)[1], int(path.stem[:4]))


def days_in_range(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def test_every_year_2006_to_2026_and_the_supplements_are_collected():
    stems = {p.stem for p in ALL}
    assert {str(y) for y in range(2006, 2027)} <= stems
    assert {"2015-victory-day", "2019-labour-day", "2020-spring-extension"} <= stems


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_fixture_names_its_source(path):
    header, text = load(path)
    assert header.startswith("# source: http")
    assert header.count("|") >= 1  # "url | 文号 (or 文号未核实)"
    assert len(text) > 80


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notice_is_read_without_doubt(path):
    parsed = read(path)
    assert parsed.warnings == []
    assert parsed.unused == []
    assert not parsed.unsure


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notice_days_agree_with_package(path):
    parsed = read(path)
    for day in parsed.days:
        expected = cc.holidays if day.kind == HOLIDAY else cc.workdays
        if day.date in expected:
            continue
        known = KNOWN_DIFFERENCES.get(day.date)
        assert (known and known[0] == day.kind) or day.date in SUPERSEDED, (day, path.stem)


def test_all_notices_together_equal_the_package_except_the_listed_differences():
    state: dict[dt.date, str] = {}
    ordered = sorted((p for p in ALL if p.stem not in COPIES), key=lambda p: (p.stem[:4], "-" in p.stem))
    for path in ordered:  # the annual notice first, then that year's supplements, later ones win
        for day in read(path).days:
            state[day.date] = day.kind
    lo, hi = D(2005, 12, 1), D(2026, 12, 31)
    package = {d: HOLIDAY for d in cc.holidays if lo <= d <= hi}
    package.update({d: MAKEUP_WORKDAY for d in cc.workdays if lo <= d <= hi})
    found = {d: (state.get(d), package.get(d)) for d in set(state) | set(package)
             if lo <= d <= hi and state.get(d) != package.get(d)}
    assert found == {d: v[:2] for d, v in KNOWN_DIFFERENCES.items()}
    for d in KNOWN_DIFFERENCES:
        if d != D(2005, 12, 31):
            assert d.weekday() >= 5, d  # no difference moves a workday


@pytest.mark.parametrize("copy,original", sorted(COPIES.items()))
def test_other_copies_read_the_same(copy, original):
    a = {(d.date, d.kind) for d in read(FIXTURES / f"{copy}.txt").days}
    b = {(d.date, d.kind) for d in read(FIXTURES / f"{original}.txt").days}
    assert a and a <= b
    if copy == "2011-traditional":
        assert a == b


def test_year_and_document_number_come_from_the_text():
    p = parse_notice(load(FIXTURES / "2010.txt")[1])
    assert p.year == 2010 and p.doc_number == "国办发明电〔2009〕27号" and p.issued == D(2009, 12, 7)
    v = parse_notice(load(FIXTURES / "2015-victory-day.txt")[1])
    assert v.year == 2015 and v.doc_number == "国发明电〔2015〕1号"
    t = parse_notice(load(FIXTURES / "2011-traditional.txt")[1])
    assert t.year == 2011 and t.doc_number == "国办发明电〔2010〕40号" and t.issued == D(2010, 12, 9)


# --- item 1: 补休 in the same sentence as 放假 (2014–2017) -------------------------------------------
def test_buxiu_day_is_a_holiday():
    assert D(2017, 1, 2) in read(FIXTURES / "2017.txt").holidays  # 1月1日放假，1月2日（星期一）补休
    p2014 = read(FIXTURES / "2014.txt")
    assert D(2014, 4, 7) in p2014.holidays and D(2014, 4, 6) not in p2014.holidays
    assert {D(2015, 4, 6), D(2015, 6, 22)} <= set(read(FIXTURES / "2015.txt").holidays)
    assert D(2016, 5, 2) in read(FIXTURES / "2016.txt").holidays


# --- item 2: a second date without its month -------------------------------------------------------
def test_month_less_dates_are_all_read():
    assert {D(2010, 2, 20), D(2010, 2, 21), D(2010, 6, 12), D(2010, 6, 13), D(2010, 9, 19), D(2010, 9, 25)} <= set(
        read(FIXTURES / "2010.txt").makeup_workdays)
    p2007 = read(FIXTURES / "2007.txt")  # "17日、25日上班", "4月28日、29日上班"
    assert p2007.makeup_workdays == [D(2006, 12, 30), D(2006, 12, 31), D(2007, 2, 17), D(2007, 2, 25),
                                     D(2007, 4, 28), D(2007, 4, 29), D(2007, 9, 29), D(2007, 9, 30)]
    # 2006: "其中，29日、30日、31日为法定假日" after "1月29日—2月4日" means January, not February.
    assert read(FIXTURES / "2006.txt").holidays[:3] == [D(2006, 1, 1), D(2006, 1, 2), D(2006, 1, 3)]


# --- item 3: a year-less December date in the 元旦 item ---------------------------------------------
def test_yearless_december_in_new_year_item_is_the_previous_year():
    p2008 = read(FIXTURES / "2008.txt")  # "12月29日（星期六）上班" after "2007年12月30日—2008年1月1日"
    assert D(2007, 12, 29) in p2008.makeup_workdays and D(2008, 12, 29) not in p2008.makeup_workdays
    assert {D(2007, 12, 30), D(2007, 12, 31), D(2008, 1, 1)} <= set(p2008.holidays)
    p2006 = read(FIXTURES / "2006.txt")  # "12月31日(星期六)上班": 2005-12-31 was a Saturday
    assert D(2005, 12, 31) in p2006.makeup_workdays and D(2006, 12, 31) not in p2006.days


def test_yearless_december_without_evidence_is_never_silent():
    text = "国务院办公厅关于2006年部分节假日安排的通知\n一、元旦:1月1日—3日放假,共3天。12月31日上班。"
    parsed = parse_notice(text)
    assert D(2005, 12, 31) in parsed.makeup_workdays
    assert parsed.unsure and any("未写年份" in w for w in parsed.warnings)


def test_weekday_note_that_contradicts_the_date_is_reported():
    text = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦:1月1日(周五)至3日放假。1月4日(周日)上班。"
    parsed = parse_notice(text)
    assert parsed.unsure and any("2026-01-01" in w and "星期四" in w for w in parsed.warnings)


# --- item 4: item without colon (2009) ---------------------------------------------------------------
def test_item_without_colon_is_read():
    p2009 = read(FIXTURES / "2009.txt")
    qingming = [d for d in p2009.days if d.name == "清明节"]
    assert [d.date for d in qingming] == days_in_range(D(2009, 4, 4), D(2009, 4, 6))
    assert [d.date for d in p2009.days if d.name == "国庆节、中秋节" and d.kind == HOLIDAY] == days_in_range(
        D(2009, 10, 1), D(2009, 10, 8))


# --- item 5: every range dash, weekday notes before 至 -----------------------------------------------
@pytest.mark.parametrize("sep", ["至", "到", "-", "–", "—", "——", "―", "~", "〜", "～", "－", " 至 "])
def test_range_separators(sep):
    text = (f"国务院办公厅关于2024年部分节假日安排的通知\n一、劳动节：5月1日{sep}5日放假调休，共5天。"
            "4月28日（星期日）上班。")
    parsed = parse_notice(text)
    assert parsed.holidays == days_in_range(D(2024, 5, 1), D(2024, 5, 5))
    assert parsed.makeup_workdays == [D(2024, 4, 28)]


def test_weekday_and_lunar_notes_between_date_and_zhi():
    p2025 = read(FIXTURES / "2025.txt")  # 1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）
    spring = [d for d in p2025.holidays if D(2025, 1, 20) < d < D(2025, 2, 10)]
    assert spring == days_in_range(D(2025, 1, 28), D(2025, 2, 4))
    p2015 = read(FIXTURES / "2015.txt")  # 2月18日(除夕)至24日(大年初六)
    assert set(days_in_range(D(2015, 2, 18), D(2015, 2, 24))) <= set(p2015.holidays)


# --- item 6: "…调至…上班" (2006–2009): only the days said to be worked -------------------------------
def test_moved_rest_days_are_not_makeup_workdays():
    p2009 = read(FIXTURES / "2009.txt")
    assert p2009.makeup_workdays == [D(2009, 1, 4), D(2009, 1, 24), D(2009, 2, 1), D(2009, 5, 31), D(2009, 9, 27),
                                     D(2009, 10, 10)]
    text = ("国务院办公厅关于2008年部分节假日安排的通知\n一、元旦:2007年12月30日—2008年1月1日放假,共3天。"
            "12月29日(星期六)公休日调至12月31日(星期一)上班。")
    parsed = parse_notice(text)
    assert parsed.makeup_workdays == [D(2007, 12, 29)]
    assert D(2007, 12, 31) in parsed.holidays


# --- item 7: supplementary notices, traditional characters, numbering, 号, spaces ---------------------
def test_victory_day_notice():
    parsed = read(FIXTURES / "2015-victory-day.txt")
    assert parsed.holidays == days_in_range(D(2015, 9, 3), D(2015, 9, 5))
    assert parsed.makeup_workdays == [D(2015, 9, 6)]
    assert {d.name for d in parsed.days} == {"抗战胜利纪念日"}


def test_labour_day_adjustment_2019():
    parsed = read(FIXTURES / "2019-labour-day.txt")
    assert parsed.holidays == days_in_range(D(2019, 5, 1), D(2019, 5, 4))
    assert parsed.makeup_workdays == [D(2019, 4, 28), D(2019, 5, 5)]
    assert {d.name for d in parsed.days} == {"劳动节"}
    assert parsed.doc_number == "国办发明电〔2019〕3号"


def test_spring_festival_extension_2020():
    parsed = read(FIXTURES / "2020-spring-extension.txt")
    assert parsed.issued == D(2020, 1, 26)
    assert parsed.holidays == days_in_range(D(2020, 1, 26), D(2020, 2, 2))
    assert parsed.makeup_workdays == []  # "2月3日（星期一）起正常上班" is an ordinary Monday
    assert D(2020, 2, 1) in parsed.holidays  # the annual notice's make-up Saturday is cancelled


def test_extension_without_a_date_of_issue_is_not_guessed():
    text = load(FIXTURES / "2020-spring-extension.txt")[1].replace("2020年1月26日", "")
    with pytest.raises(ValueError):  # nothing else in it: no days at all
        parse_notice(text)


def test_traditional_characters():
    parsed = read(FIXTURES / "2011-traditional.txt")
    assert parsed.makeup_workdays == [D(2011, 1, 30), D(2011, 2, 12), D(2011, 4, 2), D(2011, 10, 8), D(2011, 10, 9)]
    assert {d.name for d in parsed.days} >= {"春节", "国庆节", "劳动节"}


@pytest.mark.parametrize("style", ["1、", "(一)", "（一）", "（ 一 ）"])
def test_item_numbering_styles(style):
    text = load(FIXTURES / "2013.txt")[1]
    numerals = "一二三四五六七"
    for i, numeral in enumerate(numerals, start=1):
        marker = style.replace("1", str(i)).replace("一", numeral)
        text = text.replace(f"\n{numeral}、", f"\n{marker}")
    expected = {(d.date, d.kind) for d in read(FIXTURES / "2013.txt").days}
    assert {(d.date, d.kind) for d in parse_notice(text).days} == expected


def test_hao_for_ri_and_spaces_inside_dates():
    text = ("国务院办公厅关于2019年部分节假日安排的通知\n一、2019年5 月1号至4号放假调休，共4天。"
            "4月 28 号（星期日）、5月5 日（星期日）上班。")
    parsed = parse_notice(text)
    assert parsed.holidays == days_in_range(D(2019, 5, 1), D(2019, 5, 4))
    assert parsed.makeup_workdays == [D(2019, 4, 28), D(2019, 5, 5)]


# --- item 8: what is not used is listed ----------------------------------------------------------------
def test_sentences_not_used_are_listed():
    text = load(FIXTURES / "2026.txt")[1] + "\n八、另：3月8日妇女节女职工半天休息。"
    parsed = parse_notice(text)
    assert parsed.unused == ["3月8日妇女节女职工半天休息"]
    assert parsed.unsure
    assert any("鼓励单位和个人" in s for s in parsed.not_used)  # no date: listed, not doubtful
    clean = read(FIXTURES / "2026.txt")
    assert not clean.unsure and clean.not_used


def test_makeup_workday_on_a_weekday_is_refused():
    text = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日放假调休，共3天。1月5日上班。"
    parsed = parse_notice(text)
    assert parsed.makeup_workdays == []
    assert parsed.unsure and any("不是周末" in w for w in parsed.warnings)


def test_encouragement_and_rule_dates_are_not_days_off():
    p2024 = read(FIXTURES / "2024.txt")  # "鼓励各单位…安排职工在除夕（2月9日）休息"
    assert D(2024, 2, 9) not in p2024.holidays
    assert [s.status for s in p2024.sentences if "除夕" in s.text] == ["explains"]
    p2025 = read(FIXTURES / "2025.txt")  # preamble: "自2025年1月1日起…", "国庆节自10月1日起放假调休7天"
    preamble = [s for s in p2025.sentences if "全国年节及纪念日放假办法" in s.text or "优化完善" in s.text]
    assert len(preamble) == 2 and {s.status for s in preamble} == {"explains"}
    text = "国务院办公厅关于2025年部分节假日安排的通知\n自2025年3月3日起放假办法修订。\n一、元旦:1月1日放假1天。"
    assert parse_notice(text).holidays == [D(2025, 1, 1)]


_PIECES = ["一、", "（二）", "3、", "元旦", "春节：", "12月", "31日", "1月1日", "至", "—", "3日", "(星期六)",
           "（周日）",
           "放假", "补休", "调休", "上班", "调至", "起正常上班", "，", "。", "\n", "2027年", "号", "延长", "假期",
           "为法定节假日", "照常公休", "鼓励", "2月30日", "13月5日", "99日"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_text_gives_a_result_or_a_chinese_error(pieces):
    text = "国务院办公厅关于2026年部分节假日安排的通知\n" + "".join(pieces)
    try:
        parsed = parse_notice(text)
    except NoticeParseError as exc:
        assert re.search(r"[\u4e00-\u9fff]", str(exc))
        return
    assert parsed.days
    for day in parsed.days:
        assert day.kind in (HOLIDAY, MAKEUP_WORKDAY)
        if day.kind == MAKEUP_WORKDAY:
            assert day.date.weekday() >= 5


def test_a_year_that_contradicts_the_title_is_reported():
    parsed = parse_notice(load(FIXTURES / "2026.txt")[1], 2027)
    assert parsed.unsure and any("标题写明2026年" in w for w in parsed.warnings)
