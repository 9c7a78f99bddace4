"""Importing a notice merges into the calendar, keeps each day's source, and asks before doubtful saves.

Issue 11 items 8 (preview lists unused sentences, saving a doubtful notice needs confirmation),
9 (merge, not replace; conflicts shown first) and 10 (seed 2005-12-31 corrected).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.workdays import selectors, services
from gongkai.workdays.models import CalendarDay, CalendarYear, HolidayNotice, Origin
from gongkai.workdays.notice import parse_notice
from gongkai.workdays.signals import calendar_changed
from tests.conftest import UserFactory, member

D = dt.date
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "notices"


def text_of(stem: str) -> str:
    return (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8").partition("\n")[2]


def clear_years(*years: int) -> None:
    CalendarDay.objects.filter(calendar_year__year__in=years).delete()
    CalendarDay.objects.filter(date__year__in=years).delete()


def do_import(stem: str, *, confirmed: bool = False) -> CalendarYear:
    text = text_of(stem)
    return services.year_import_notice(parsed=parse_notice(text, int(stem[:4])), text=text, source="",
                                       actor=SYSTEM, confirmed=confirmed)


def day(date: dt.date) -> CalendarDay:
    return CalendarDay.objects.select_related("notice").get(date=date)


def test_seed_2005_12_31_is_a_makeup_workday_from_the_2006_notice(calendar):
    d = day(D(2005, 12, 31))
    assert d.kind == "makeup_workday" and d.origin == Origin.NOTICE
    assert d.notice is not None and d.notice.doc_number == "国办发明电〔2005〕35号"
    assert calendar.is_workday(D(2005, 12, 31))
    assert calendar.add_workdays(D(2005, 12, 30), 1) == D(2005, 12, 31)


def test_reimporting_a_year_keeps_supplementary_and_next_year_days(db):
    clear_years(2018, 2019)
    do_import("2019")
    do_import("2019-labour-day")
    labour = day(D(2019, 5, 2))
    assert labour.kind == "holiday" and "劳动节" in labour.notice.title
    assert day(D(2018, 12, 29)).notice.year == 2019  # announced by the 2019 notice
    do_import("2018")  # re-importing 2018 must not erase 2018-12-29..31 (set by notice 2019)
    assert day(D(2018, 12, 29)).kind == "makeup_workday"
    assert day(D(2018, 12, 30)).notice.year == 2019
    plan = selectors.notice_merge_plan(parse_notice(text_of("2019"), 2019))
    assert {k.date for k in plan.kept} >= {D(2019, 5, 2), D(2019, 5, 3), D(2019, 5, 4), D(2019, 4, 28), D(2019, 5, 5)}
    assert plan.conflicts == []
    do_import("2019")  # re-import the annual notice: the supplement's days stay
    for d in (D(2019, 5, 2), D(2019, 5, 3), D(2019, 5, 4)):
        assert day(d).kind == "holiday" and "劳动节" in day(d).notice.title
    assert day(D(2019, 5, 5)).kind == "makeup_workday"
    assert day(D(2019, 5, 1)).notice.title == "国务院办公厅关于2019年部分节假日安排的通知"  # first source kept
    assert HolidayNotice.objects.filter(year=2019).count() == 3


def test_conflict_is_refused_until_confirmed_then_the_notice_wins(db):
    clear_years(2020)
    do_import("2020")
    assert day(D(2020, 2, 1)).kind == "makeup_workday"
    parsed = parse_notice(text_of("2020-spring-extension"))
    plan = selectors.notice_merge_plan(parsed)
    assert [(c.date, c.existing_kind, c.kind) for c in plan.conflicts] == [(D(2020, 2, 1), "makeup_workday", "holiday")]
    with pytest.raises(services.NoticeNeedsConfirmation, match="冲突"):
        do_import("2020-spring-extension")
    assert day(D(2020, 2, 1)).kind == "makeup_workday"  # nothing written
    do_import("2020-spring-extension", confirmed=True)
    assert day(D(2020, 2, 1)).kind == "holiday" and day(D(2020, 2, 1)).notice.doc_number == ""
    assert "延长" in day(D(2020, 2, 1)).notice.title
    assert day(D(2020, 1, 19)).kind == "makeup_workday"  # annual notice's other make-up day kept
    # Re-importing the annual notice now conflicts again and is refused: the extension is not erased.
    with pytest.raises(services.NoticeNeedsConfirmation):
        do_import("2020")
    assert day(D(2020, 2, 1)).kind == "holiday"
    from gongkai.workdays.services import get_calendar

    cal = get_calendar()
    assert not cal.is_workday(D(2020, 2, 1)) and cal.is_workday(D(2020, 2, 3))


def test_seed_days_confirmed_by_a_notice_take_it_as_source(db):
    do_import("2026")
    d = day(D(2026, 2, 14))
    assert d.origin == Origin.NOTICE and d.notice.year == 2026
    assert Event.objects.filter(action="calendar.year_imported").count() == 1


def test_doubtful_notice_needs_confirmation(db):
    text = text_of("2026") + "\n八、另：3月8日妇女节女职工半天休息。"
    parsed = parse_notice(text)
    with pytest.raises(services.NoticeNeedsConfirmation, match="未能识别"):
        services.year_import_notice(parsed=parsed, text=text, source="", actor=SYSTEM)
    assert not HolidayNotice.objects.filter(year=2026).exists()
    services.year_import_notice(parsed=parsed, text=text, source="", actor=SYSTEM, confirmed=True)
    assert HolidayNotice.objects.filter(year=2026).count() == 1
    event = Event.objects.get(action="calendar.year_imported")
    assert event.after["unused_sentences"] == ["3月8日妇女节女职工半天休息"]


def test_import_announces_every_touched_year(db, django_capture_on_commit_callbacks):
    clear_years(2018, 2019)
    seen: list[list[int]] = []

    def receiver(sender, years, **kwargs):
        seen.append(years)

    calendar_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            do_import("2019")
    finally:
        calendar_changed.disconnect(receiver)
    assert seen == [[2018, 2019]]


# --- staff page -------------------------------------------------------------------------------------
@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_preview_lists_unused_sentences_and_needs_the_tick(admin_client):
    text = text_of("2026") + "\n八、另：3月8日妇女节女职工半天休息。"
    url = reverse("workdays:import")
    r = admin_client.post(url, {"text": text})
    page = r.content.decode()
    assert r.status_code == 200
    assert "含日期但未能识别的句子" in page and "3月8日妇女节女职工半天休息" in page
    assert "鼓励单位和个人" in page  # a sentence without a date, listed too
    assert 'name="checked"' in page
    r = admin_client.post(url, {"text": text, "confirm": "1", "year": "2026"})
    assert "请先逐项核对" in r.content.decode()
    assert not HolidayNotice.objects.filter(year=2026).exists()
    r = admin_client.post(url, {"text": text, "confirm": "1", "year": "2026", "checked": "1"})
    assert r.status_code == 302 and HolidayNotice.objects.filter(year=2026).count() == 1


def test_preview_shows_conflicts_and_kept_days(admin_client):
    clear_years(2020)
    do_import("2020")
    r = admin_client.post(reverse("workdays:import"), {"text": text_of("2020-spring-extension")})
    page = r.content.decode()
    assert "与已保存数据冲突的日期" in page and "2020-02-01" in page
    assert "保留的日期" in page and "2020-01-19" in page
    assert "None" not in page


def test_clean_notice_saves_without_tick_and_year_page_names_sources(admin_client):
    text = text_of("2026")
    r = admin_client.post(reverse("workdays:import"), {"text": text})
    assert 'name="checked"' not in r.content.decode()
    r = admin_client.post(reverse("workdays:import"), {"text": text, "confirm": "1", "year": "2026"})
    assert r.status_code == 302
    page = admin_client.get(reverse("workdays:year", args=[2026])).content.decode()
    assert "国务院办公厅关于2026年部分节假日安排的通知" in page
    page2005 = admin_client.get(reverse("workdays:year", args=[2005])).content.decode()
    assert "国办发明电〔2005〕35号" in page2005 and "chinese-calendar 数据包" in page2005


def test_bad_year_is_a_chinese_error(admin_client):
    r = admin_client.post(reverse("workdays:import"), {"text": text_of("2026"), "year": "20x6"})
    assert "年份应为四位数字" in r.content.decode()


def test_only_platform_admins_import(client, agency):
    client.force_login(member(agency))
    assert client.post(reverse("workdays:import"), {"text": text_of("2026")}).status_code == 403


# --- command line -------------------------------------------------------------------------------------
def test_cli_shows_conflict_and_saves_only_with_confirm(db, tmp_path, capsys):
    clear_years(2020)
    do_import("2020")
    f = tmp_path / "ext.txt"
    f.write_text(text_of("2020-spring-extension"), encoding="utf-8")
    call_command("calendar", "import-notice", str(f), "--dry-run")
    out = capsys.readouterr().out
    assert "2020-02-01 holiday 春节 [冲突：将改为本通知所写]（原为调休上班" in out
    with pytest.raises(CommandError, match="--confirm"):
        call_command("calendar", "import-notice", str(f))
    assert day(D(2020, 2, 1)).kind == "makeup_workday"
    call_command("calendar", "import-notice", str(f), "--confirm")
    assert day(D(2020, 2, 1)).kind == "holiday"


def test_cli_lists_unused_sentences(db, tmp_path, capsys):
    f = tmp_path / "n.txt"
    f.write_text(text_of("2026") + "\n八、另：3月8日妇女节女职工半天休息。", encoding="utf-8")
    call_command("calendar", "import-notice", str(f), "--dry-run")
    err = capsys.readouterr().err
    assert "未使用的句子（含日期）：3月8日妇女节女职工半天休息" in err
    assert "未使用的句子（不含日期）：鼓励单位和个人结合落实带薪年休假等制度" in err
