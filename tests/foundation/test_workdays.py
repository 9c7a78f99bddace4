"""Workday calendar: counting convention, the 2026 notice, seeded data, failing closed for 2027."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays.counting import CalendarYearMissing, WorkdayCalendar, YearData
from gongkai.workdays.models import CalendarDay, CalendarYear
from gongkai.workdays.notice import NoticeParseError, parse_notice

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "holiday-notice-2026.txt"
NOTICE_2026 = SPEC.read_text(encoding="utf-8") if SPEC.exists() else (
    Path(__file__).parent / "holiday-notice-2026.txt").read_text(encoding="utf-8")

D = dt.date


def test_spec_example_spring_festival(calendar):
    # spec §8.2: received 2026-02-06 → 20th workday 2026-03-12 (9-day Spring Festival skipped,
    # make-up Saturdays 02-14 and 02-28 counted).
    assert calendar.add_workdays(D(2026, 2, 6), 20) == D(2026, 3, 12)


def test_national_day_2026(calendar):
    # 2026-09-28 (Mon): workdays after it are 09-29, 09-30, then 10-01..07 off, 10-08, 10-09, 10-10 (Sat, make-up).
    assert calendar.add_workdays(D(2026, 9, 28), 3) == D(2026, 10, 8)
    assert calendar.add_workdays(D(2026, 9, 28), 5) == D(2026, 10, 10)
    assert calendar.is_workday(D(2026, 9, 20))  # Sunday make-up day
    assert not calendar.is_workday(D(2026, 10, 5))


def test_start_day_not_counted(calendar):
    assert calendar.add_workdays(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert calendar.add_workdays(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Friday → Monday
    assert calendar.workdays_between(D(2026, 3, 2), D(2026, 3, 9)) == 5


def test_2027_fails_closed_with_year_named(calendar):
    with pytest.raises(CalendarYearMissing) as exc:
        calendar.add_workdays(D(2026, 12, 15), 20)
    assert exc.value.year == 2027
    assert "2027" in str(exc.value)
    with pytest.raises(CalendarYearMissing):
        calendar.is_workday(D(2027, 1, 4))


def test_seeded_years(db):
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert set(range(2004, 2027)) <= years
    assert 2027 not in years


def test_notice_2026_parses_exactly():
    parsed = parse_notice(NOTICE_2026)
    assert parsed.year == 2026
    assert parsed.makeup_workdays == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                                      D(2026, 9, 20), D(2026, 10, 10)]
    expected: list[dt.date] = []
    for first, last in [((1, 1), (1, 3)), ((2, 15), (2, 23)), ((4, 4), (4, 6)), ((5, 1), (5, 5)),
                        ((6, 19), (6, 21)), ((9, 25), (9, 27)), ((10, 1), (10, 7))]:
        day = D(2026, *first)
        while day <= D(2026, *last):
            expected.append(day)
            day += dt.timedelta(days=1)
    assert parsed.holidays == expected
    assert parsed.warnings == []


def test_notice_matches_package_data(db):
    parsed = parse_notice(NOTICE_2026)
    cy = CalendarYear.objects.get(year=2026)
    stored = {(d.date, d.kind) for d in CalendarDay.objects.filter(calendar_year=cy)}
    assert stored == {(d.date, d.kind) for d in parsed.days}


def test_notice_cross_year_and_fullwidth():
    text = ("国务院办公厅关于2019年部分节假日安排的通知\n一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。"
            "2018年12月29日（星期六）上班。\n二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。")
    parsed = parse_notice(text)
    assert parsed.holidays[:3] == [D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)]
    assert parsed.makeup_workdays == [D(2018, 12, 29), D(2019, 2, 2), D(2019, 2, 3)]


def test_notice_garbage_rejected():
    with pytest.raises(NoticeParseError):
        parse_notice("这不是通知")


def test_cli_due_and_missing_year(db, capsys):
    call_command("calendar", "due", "2026-02-06", "20")
    assert capsys.readouterr().out.strip() == "2026-03-12"
    with pytest.raises(CommandError, match="2027"):
        call_command("calendar", "due", "2026-12-20", "20")


# Not a real notice (the 2027 notice is not out): weekday notes consistent with 2027's calendar.
NOTICE_2027_SYNTHETIC = ("国务院办公厅关于2027年部分节假日安排的通知\n"
                         "一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
                         "二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。\n")


def test_cli_import_notice_for_new_year(db, tmp_path, capsys):
    f = tmp_path / "n.txt"
    f.write_text(NOTICE_2027_SYNTHETIC, encoding="utf-8")
    call_command("calendar", "import-notice", str(f), "--dry-run")
    out = capsys.readouterr().out.splitlines()
    assert "2027-02-13 makeup_workday 春节 [新增]" in out
    assert not CalendarYear.objects.filter(year=2027).exists()
    call_command("calendar", "import-notice", str(f))
    assert CalendarYear.objects.filter(year=2027).exists()
    from gongkai.workdays.services import get_calendar

    assert get_calendar().is_workday(D(2027, 2, 13))  # stored as a make-up Saturday
    assert not get_calendar().is_workday(D(2027, 2, 8))
    from gongkai.core.models import Event

    assert Event.objects.filter(action="calendar.year_imported").count() == 1


def test_cli_refuses_a_shifted_notice_without_confirmation(db, tmp_path, capsys):
    # The 2026 text with its year changed: every weekday note now contradicts the calendar.
    f = tmp_path / "n.txt"
    f.write_text(NOTICE_2026.replace("2026", "2027"), encoding="utf-8")
    with pytest.raises(CommandError, match="--confirm"):
        call_command("calendar", "import-notice", str(f))
    assert "请核对年份" in capsys.readouterr().err
    assert not CalendarYear.objects.filter(year=2027).exists()


def _synthetic() -> WorkdayCalendar:
    return WorkdayCalendar([YearData(y) for y in range(2000, 2031)])


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2001, 1, 1), D(2028, 12, 31)), st.integers(0, 60))
def test_add_and_count_are_inverse(start, n):
    cal = _synthetic()
    due = cal.add_workdays(start, n)
    assert cal.workdays_between(start, due) == n
    if n:
        assert cal.is_workday(due)
