"""Issue 11 items 11–20: the clock, fees and letters state the law of their day.

Each test fails on the code before issue 11: an extension after the deadline revived an overdue case,
a 0 元 fee notice paused the clock, an Art. 35 date was rolled, every case got the 2019 periods, the
month's "prior" counted applications by name, letters offered direct litigation after 2024 and called
the fee notice 本答复, and a case whose due date fell in a year without calendar data had no date.
Law facts: 国务院令第711号 Art. 31, 33, 35; 国务院令第492号 Art. 24; 国办函〔2020〕109号 Art. 4 (text as
published at http://www.xinhui.gov.cn/zwgk/zdlyxxgk/hjbhxxgk/tzgg/content/post_2365222.html);
行政复议法 (2023) Art. 23 ¶1 (4) (ADR 0010).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications import letters, selectors
from gongkai.applications import services as s
from gongkai.applications.models import ApplicantType, Application, FeeNotice, LetterKind, Outcome
from gongkai.applications.workflow import Status
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.formats import law
from gongkai.workdays.services import get_calendar
from tests.conftest import member

D = dt.date
pytestmark = pytest.mark.django_db
ID_A = "110101199003071233"
ID_B = "110101198805055679"
MARCH_2 = D(2026, 3, 2)


def submit(agency: Any, received: dt.date = MARCH_2, **over: Any) -> Application:
    data = {"applicant_type": ApplicantType.NATURAL_PERSON, "applicant_name": "张三", "id_number": ID_A,
            "phone": "13800001234", "info_name": "2025年度部门预算", "info_doc_number": "", "info_description": ""}
    data.update(over)
    return s.application_submit(agency=agency, data=data, channel="in_person",
                                submitted_at=dt.datetime(received.year, received.month, received.day, 9, tzinfo=dt.UTC),
                                received_on=received)


# ---------------------------------------------------------------- 11: no extension after the deadline

def test_extension_after_the_deadline_is_refused_and_the_case_stays_overdue(agency: Any) -> None:
    app = submit(agency)
    assert app.due_on == D(2026, 3, 30)
    with pytest.raises(ValidationError, match="2026-03-30届满"):
        s.extension_approve(application=app, on=D(2026, 3, 31), days=20, reason="量大", actor=SYSTEM)
    app.refresh_from_db()
    assert app.due_on == D(2026, 3, 30) and not app.clock_events.filter(kind="extension_approved").exists()
    assert not app.letters.exists()
    _soon, overdue = selectors.due_buckets([agency.pk], today=D(2026, 4, 1))
    assert app in overdue


def test_extension_on_the_due_date_itself_is_allowed(agency: Any) -> None:
    app = submit(agency)
    s.extension_approve(application=app, on=D(2026, 3, 30), days=5, reason="量大", actor=SYSTEM)
    app.refresh_from_db()
    assert app.due_on == get_calendar().add_workdays(D(2026, 3, 30), 5)


# ---------------------------------------------------------------- 12: no 0 元 fee notice

@pytest.mark.parametrize(("method", "count"), [("pieces", 10), ("pages", 30)])
def test_a_fee_notice_of_zero_yuan_is_refused(agency: Any, method: str, count: int) -> None:
    app = submit(agency)
    with pytest.raises(ValidationError, match="0元"):
        s.fee_notice_send(application=app, method=method, count=count, sent_on=D(2026, 3, 3),
                          received_on=D(2026, 3, 4), prior=0, actor=SYSTEM)
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and app.due_on == D(2026, 3, 30)  # clock not paused
    assert not FeeNotice.objects.exists() and not app.letters.exists()


# ---------------------------------------------------------------- 13: Art. 35 date as told

def test_art35_date_on_a_holiday_is_kept_as_told(agency: Any) -> None:
    app = submit(agency)
    s.art35_deadline_set(application=app, on=D(2026, 3, 5), until=D(2026, 5, 2), reason="申请数量大", actor=SYSTEM)
    app.refresh_from_db()
    assert not get_calendar().is_workday(D(2026, 5, 2))
    assert app.due_on == D(2026, 5, 2)
    assert any("不顺延" in line for line in selectors.explain(app).lines())


# ---------------------------------------------------------------- 15: the 2008 regulation by receipt date

def test_regime_is_chosen_by_receipt_date_from_the_declaration() -> None:
    assert law.clock_regime(D(2019, 5, 14)) is law.REGULATION_2008
    assert law.clock_regime(D(2019, 5, 15)) is law.REGULATION_2019
    assert law.clock_regime(D(2008, 5, 1)) is law.REGULATION_2008
    for regime in law.CLOCK_REGIMES:  # law as data: each regime names its article and its days of force
        assert regime.law.startswith("《中华人民共和国政府信息公开条例》") and regime.answer_article
        assert regime.in_force <= (regime.until or D(9999, 1, 1))


def test_applications_before_2019_05_15_get_15_plus_15_workdays(agency: Any) -> None:
    cal = get_calendar()
    old = submit(agency, received=D(2019, 5, 14))
    new = submit(agency, received=D(2019, 5, 15), info_name="另一项")
    assert old.due_on == cal.add_workdays(D(2019, 5, 14), 15)
    assert new.due_on == cal.add_workdays(D(2019, 5, 15), 20)
    lines = selectors.explain(old).lines()
    assert any("15个工作日" in line and "国务院令第492号" in line and "第二十四条" in line for line in lines)
    with pytest.raises(ValidationError, match="1至15个工作日"):
        s.extension_approve(application=old, on=D(2019, 5, 20), days=20, reason="量大", actor=SYSTEM)
    s.extension_approve(application=old, on=D(2019, 5, 20), days=15, reason="量大", actor=SYSTEM)
    old.refresh_from_db()
    assert old.due_on == cal.add_workdays(D(2019, 5, 14), 30)
    text = old.letters.get(kind=LetterKind.EXTENSION).body
    assert "不能在15个工作日内作出答复" in text and "（国务院令第492号）第二十四条第二款" in text


# ---------------------------------------------------------------- 16: pieces by identity number

def test_prior_counts_pieces_of_the_month_matched_by_identity_number(agency: Any) -> None:
    first = submit(agency, received=D(2026, 3, 2))
    n1 = s.fee_notice_send(application=first, method="pieces", count=15, sent_on=D(2026, 3, 3),
                           received_on=D(2026, 3, 4), actor=SYSTEM)
    assert (n1.prior, n1.amount) == (0, 500)  # pieces 11–15 at 100 元
    second = submit(agency, received=D(2026, 3, 10), info_name="第二项")
    n2 = s.fee_notice_send(application=second, method="pieces", count=1, sent_on=D(2026, 3, 11),
                           received_on=D(2026, 3, 12), actor=SYSTEM)
    assert (n2.prior, n2.amount) == (15, 100)  # the 16th piece of the month costs 100 元, not 0


def test_same_name_is_not_the_same_applicant_and_next_month_starts_again(agency: Any) -> None:
    first = submit(agency, received=D(2026, 3, 2))
    s.fee_notice_send(application=first, method="pieces", count=15, sent_on=D(2026, 3, 3),
                      received_on=D(2026, 3, 4), actor=SYSTEM)
    namesake = submit(agency, received=D(2026, 3, 10), id_number=ID_B, info_name="同名者")
    assert selectors.month_pieces_before(namesake) == 0
    april = submit(agency, received=D(2026, 4, 1), info_name="四月")
    assert selectors.month_pieces_before(april) == 0
    third = submit(agency, received=D(2026, 3, 20), info_name="第三项")
    assert selectors.month_pieces_before(third) == 15  # first (15 billed); the namesake is another person
    # an earlier application of the month without a fee notice counts as one piece
    fourth = submit(agency, received=D(2026, 3, 25), info_name="第四项")
    assert selectors.month_pieces_before(fourth) == 16


def test_without_an_identity_number_prior_must_be_stated(agency: Any) -> None:
    app = submit(agency, id_number="")
    with pytest.raises(ValidationError, match="本月此前已计件数"):
        s.fee_notice_send(application=app, method="pieces", count=12, sent_on=D(2026, 3, 3),
                          received_on=D(2026, 3, 4), actor=SYSTEM)
    notice = s.fee_notice_send(application=app, method="pieces", count=12, sent_on=D(2026, 3, 3),
                               received_on=D(2026, 3, 4), prior=3, actor=SYSTEM)
    assert notice.amount == 500  # pieces 4–15: 11–15 at 100 元


# ---------------------------------------------------------------- 17: no None, regeneration keeps the old one

def test_a_template_that_would_print_a_blank_deadline_is_refused_on_save() -> None:
    problems = letters.check("extension", "{{ 申请人姓名 }}：本机关将于（含当日）前作出答复。")
    assert problems and "未填写日期" in problems[0]
    assert letters.check("extension", "{{ 申请人姓名 }}：答复期限None。")


def test_regenerating_a_letter_keeps_the_old_version(agency: Any, client: Any) -> None:
    app = submit(agency)
    s.extension_approve(application=app, on=D(2026, 3, 20), days=10, reason="量大", actor=SYSTEM)
    old = app.letters.get()
    # a letter issued before the fix, as stored then
    type(old).objects.filter(pk=old.pk).update(body=old.body.replace("2026年4月14日（含当日）前", "None前"))
    old.refresh_from_db()
    user = member(agency)
    client.force_login(user)
    r = client.post(f"/staff/applications/{app.pk}/letters/{old.pk}/regenerate/", {"reason": "原文书日期显示为None"})
    assert r.status_code == 302
    new = app.letters.get(supersedes=old)
    old.refresh_from_db()
    assert "None" in old.body  # the delivered version is kept unchanged
    assert "None" not in new.body and "本机关将于2026年4月14日（含当日）前作出答复" in new.body
    assert new.regenerated_reason == "原文书日期显示为None"
    event = Event.objects.get(action="application.letter_regenerated", object_id=str(app.pk))
    assert event.before["letter"] == old.pk and event.after["letter"] == new.pk
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "更正版" in page and "已由更正版取代" in page
    with pytest.raises(ValidationError, match="已有更正版本"):
        s.letter_regenerate(letter=old, on=D(2026, 3, 21), reason="再来", actor=user)
    with pytest.raises(ValidationError, match="原因"):
        s.letter_regenerate(letter=new, on=D(2026, 3, 21), reason=" ", actor=user)


# ---------------------------------------------------------------- 18: remedies by the answer date

def test_remedy_clause_follows_the_law_of_the_answer_date(agency: Any) -> None:
    before = submit(agency, received=D(2023, 12, 1))
    s.application_answer(application=before, outcome=Outcome.STATE_SECRET, on=D(2023, 12, 29), actor=SYSTEM)
    after = submit(agency, received=D(2023, 12, 20), info_name="跨年")
    s.application_answer(application=after, outcome=Outcome.STATE_SECRET, on=D(2024, 1, 2), actor=SYSTEM)
    granted = submit(agency, received=D(2024, 3, 1), info_name="公开")
    s.application_answer(application=granted, outcome=Outcome.GRANTED, on=D(2024, 3, 5), actor=SYSTEM)
    old_text = before.letters.get().body
    new_text = after.letters.get().body
    assert "或者自收到本答复之日起6个月内向人民法院提起行政诉讼" in old_text and "应当先申请行政复议" not in old_text
    assert "应当先申请行政复议" in new_text and "第二十三条第一款第四项" in new_text
    assert "6个月内" not in new_text and "15日内向人民法院提起行政诉讼" in new_text
    assert "6个月内向人民法院提起行政诉讼" in granted.letters.get().body


def test_review_first_covers_every_refusal_row_and_not_a_grant() -> None:
    on = D(2024, 6, 1)
    refusals = [o for o in Outcome.values if o not in ("granted", "other.other")]
    assert all(law.review_first(on, o) for o in refusals)
    assert not law.review_first(on, "granted") and not law.review_first(on, "other.other")
    assert not any(law.review_first(D(2023, 12, 31), o) for o in Outcome.values)


# ---------------------------------------------------------------- 19: wording

def test_fee_notice_says_this_notice_and_deadlines_say_inclusive(agency: Any) -> None:
    app = submit(agency)
    notice = s.fee_notice_send(application=app, method="pages", count=31, sent_on=D(2026, 3, 3),
                               received_on=D(2026, 3, 4), actor=SYSTEM)
    text = app.letters.get(kind=LetterKind.FEE).body
    assert "本答复" not in text and "如对本通知不服" in text
    assert f"即于{notice.pay_by.year}年{notice.pay_by.month}月{notice.pay_by.day}日（含当日）前缴纳" in text
    other = submit(agency, info_name="补正")
    s.correction_request(application=other, on=D(2026, 3, 3), until=D(2026, 3, 20), note="请写明年度", actor=SYSTEM)
    assert "请您于2026年3月20日（含当日）前对以下内容作出补正" in other.letters.get().body


# ---------------------------------------------------------------- 20: the year boundary

def _add_year(year: int, holidays: list[dt.date]) -> None:
    from gongkai.workdays.models import CalendarDay, CalendarYear, DayKind
    from gongkai.workdays.signals import calendar_changed

    cy = CalendarYear.objects.create(year=year, source=f"测试：{year}年安排")
    for day in holidays:
        CalendarDay.objects.create(calendar_year=cy, date=day, kind=DayKind.HOLIDAY, name="元旦")
    calendar_changed.send(sender=CalendarYear, years=[year])


def test_provisional_date_is_recomputed_when_the_notice_arrives(agency: Any) -> None:
    app = submit(agency, received=D(2026, 12, 10))
    assert app.due_on == D(2027, 1, 7) and app.due_provisional
    _add_year(2027, [D(2027, 1, 1)])  # 元旦 on a Friday: one weekday less in the period
    app.refresh_from_db()
    assert app.due_on == D(2027, 1, 8) and not app.due_provisional
    assert app.due_on >= D(2027, 1, 7)


def test_pages_show_the_provisional_date_once_in_chinese_and_never_on_closed_cases(agency: Any, client: Any) -> None:
    app = submit(agency, received=D(2026, 12, 10))
    user = member(agency)
    client.force_login(user)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "2027-01-07" in page and "（暂估）" in page
    assert page.count("2027年的节假日安排") == 1 and "按暂估截止日出具的文书" in page
    assert "no holiday data" not in page and "无法计算" not in page
    listing = client.get("/staff/applications/").content.decode()
    assert "暂估" in listing
    client.logout()
    client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "1234"})
    public = client.get(f"/apply/status/{app.tracking_code}/").content.decode()
    assert "（暂估）" in public and public.count("2027年的节假日安排") == 1
    assert "按暂估截止日出具的文书" not in public  # the staff-only note
    s.application_answer(application=app, outcome=Outcome.GRANTED, on=D(2026, 12, 20), actor=SYSTEM)
    app.refresh_from_db()
    res = selectors.explain(app)
    assert not res.provisional and res.error == "" and res.due is None
    assert not any("2027年的节假日安排" in line or "暂估" in line for line in res.lines())
    client.force_login(user)
    closed_page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "2027年的节假日安排" not in closed_page and "暂估" not in closed_page


# ---------------------------------------------------------------- 14: online receipt = the day both sides confirm

def _online(agency: Any, client: Any, when: dt.datetime) -> Application:
    from gongkai.applications.models import Channel

    return s.application_submit(agency=agency, data={
        "applicant_type": ApplicantType.NATURAL_PERSON, "applicant_name": "王五", "id_number": ID_B,
        "phone": "13900005678", "info_name": "某项信息"}, channel=Channel.ONLINE, submitted_at=when,
        received_on=when.date(), actor=client)


def test_online_application_waits_for_staff_confirmation_when_the_agency_says_so(agency: Any, client: Any,
                                                                                 monkeypatch: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.agencies.models import OnlineReceipt
    from gongkai.core import clock

    agency.online_receipt = OnlineReceipt.STAFF
    agency.save()
    # submitted on Friday 2026-03-06 (Asia/Shanghai), confirmed by staff on Monday 2026-03-09
    app = _online(agency, AnonymousUser(), dt.datetime(2026, 3, 6, 2, tzinfo=dt.UTC))
    assert app.received_on is None and app.due_on is None and not app.clock_events.exists()
    assert selectors.explain(app).lines()[0].startswith("申请已提交，尚待本机关确认收到")
    with pytest.raises(ValidationError, match="请先确认收到"):
        s.extension_approve(application=app, on=D(2026, 3, 9), days=5, reason="量大", actor=SYSTEM)
    monkeypatch.setattr(clock, "today", lambda: D(2026, 3, 9))
    with pytest.raises(ValidationError, match="不能早于提交之日"):
        s.receipt_confirm(application=app, on=D(2026, 3, 5), actor=SYSTEM)
    user = member(agency)
    client.force_login(user)
    r = client.post(f"/staff/applications/{app.pk}/act/confirm_receipt/", {"on": "2026-03-09"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.received_on == D(2026, 3, 9)
    assert app.due_on == get_calendar().add_workdays(D(2026, 3, 9), 20)  # counted from the confirmation
    assert Event.objects.filter(action="application.confirm_receipt", object_id=str(app.pk)).count() == 1
    with pytest.raises(ValidationError, match="已于2026-03-09确认收到"):
        s.receipt_confirm(application=app, on=D(2026, 3, 9), actor=user)


def test_automatic_confirmation_is_the_default_rule(agency: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    app = _online(agency, AnonymousUser(), dt.datetime(2026, 3, 6, 2, tzinfo=dt.UTC))
    assert app.received_on == D(2026, 3, 6)
    assert app.due_on == get_calendar().add_workdays(D(2026, 3, 6), 20)


def test_dashboard_counts_provisional_and_unconfirmed_cases(agency: Any, client: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.agencies.models import OnlineReceipt

    submit(agency, received=D(2026, 12, 10))
    agency.online_receipt = OnlineReceipt.STAFF
    agency.save()
    _online(agency, AnonymousUser(), dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC))
    client.force_login(member(agency))
    page = client.get("/staff/").content.decode()
    assert "1件申请的答复截止日为暂估日期" in page and "1件网上申请待确认收到" in page
    assert "件申请的答复期限无法计算" not in page


def test_confirm_receipt_is_offered_only_while_awaiting_confirmation(agency: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from gongkai.agencies.models import OnlineReceipt
    from gongkai.applications import actions

    assert "confirm_receipt" not in [a.name for a in actions.available(submit(agency))]
    agency.online_receipt = OnlineReceipt.STAFF
    agency.save()
    waiting = _online(agency, AnonymousUser(), dt.datetime(2026, 3, 6, 2, tzinfo=dt.UTC))
    names = [a.name for a in actions.available(waiting)]
    assert "confirm_receipt" in names and "answer" not in names and "request_correction" not in names


def test_api_submission_awaiting_confirmation_has_no_receipt_day_yet(agency: Any, client: Any) -> None:
    import json

    from gongkai.agencies.models import OnlineReceipt

    agency.online_receipt = OnlineReceipt.STAFF
    agency.save()
    r = client.post("/api/applications/submit", json.dumps({
        "agency_id": agency.pk, "applicant_type": "natural_person", "applicant_name": "王五",
        "id_number": ID_B, "phone": "13912345678", "info_name": "低保名单"}), content_type="application/json")
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["received_on"] is None and body["due_on"] is None and body["due_error"] == ""
    status = client.post("/api/applications/status", json.dumps({"code": body["tracking_code"], "phone_tail": "5678"}),
                         content_type="application/json").json()
    assert status["explanation"][0].startswith("申请已提交，尚待本机关确认收到") and status["steps"] == []


# ---------------------------------------------------------------- closing for lapse only after the period

def test_no_closing_for_unpaid_fee_inside_the_payment_window(agency: Any) -> None:
    app = submit(agency)
    notice = s.fee_notice_send(application=app, method="pages", count=31, sent_on=D(2026, 3, 3),
                               received_on=D(2026, 3, 4), actor=SYSTEM)
    end = get_calendar().add_workdays(D(2026, 3, 4), 20)
    assert notice.pay_by == end
    with pytest.raises(ValidationError, match="期满后才能按逾期未缴费"):
        s.application_close_fee_unpaid(application=app, on=end, actor=SYSTEM)
    s.application_close_fee_unpaid(application=app, on=end + dt.timedelta(days=1), actor=SYSTEM)
    app.refresh_from_db()
    assert app.outcome == Outcome.FEE_UNPAID


def test_no_closing_for_unpaid_fee_while_the_window_is_provisional(agency: Any) -> None:
    app = submit(agency, received=D(2026, 12, 1))
    notice = s.fee_notice_send(application=app, method="pages", count=31, sent_on=D(2026, 12, 14),
                               received_on=D(2026, 12, 15), actor=SYSTEM)
    assert notice.pay_by == D(2027, 1, 12)  # 20 weekdays, 2027 counted Monday–Friday
    with pytest.raises(ValidationError, match="暂估"):
        s.application_close_fee_unpaid(application=app, on=D(2027, 1, 20), actor=SYSTEM)
    _add_year(2027, [D(2027, 1, 1)])
    notice.refresh_from_db()
    assert notice.pay_by == D(2027, 1, 13)  # recomputed on import: 元旦 moved it one workday
    s.application_close_fee_unpaid(application=app, on=D(2027, 1, 20), actor=SYSTEM)


def test_no_closing_for_missing_correction_before_its_period_ends(agency: Any) -> None:
    app = submit(agency)
    s.correction_request(application=app, on=D(2026, 3, 3), until=D(2026, 3, 20), note="请写明年度", actor=SYSTEM)
    with pytest.raises(ValidationError, match="补正期限为2026-03-20"):
        s.application_close_no_correction(application=app, on=D(2026, 3, 20), actor=SYSTEM)
    s.application_close_no_correction(application=app, on=D(2026, 3, 23), actor=SYSTEM)
    app.refresh_from_db()
    assert app.outcome == Outcome.NO_CORRECTION


def test_api_marks_a_provisional_due_date(agency: Any, client: Any) -> None:
    import json

    app = submit(agency, received=D(2026, 12, 10))
    status = client.post("/api/applications/status", json.dumps({"code": app.tracking_code, "phone_tail": "1234"}),
                         content_type="application/json").json()
    assert status["due_on"] == "2027-01-07" and status["due_provisional"] is True
    client.force_login(member(agency))
    case = client.get(f"/api/applications/{app.pk}").json()
    assert case["due_on"] == "2027-01-07" and case["due_provisional"] is True


def test_a_regenerated_answer_keeps_the_remedy_law_of_its_decision_day(agency: Any) -> None:
    app = submit(agency, received=D(2023, 12, 1))
    s.application_answer(application=app, outcome=Outcome.STATE_SECRET, on=D(2023, 12, 29), actor=SYSTEM)
    old = app.letters.get()
    new = s.letter_regenerate(letter=old, on=D(2026, 3, 2), reason="按现行模板重新出具", actor=SYSTEM)
    assert new.issued_on == D(2026, 3, 2) and new.supersedes == old
    assert "6个月内向人民法院提起行政诉讼" in new.body and "应当先申请行政复议" not in new.body
