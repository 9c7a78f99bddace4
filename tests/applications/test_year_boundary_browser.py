"""In Debian's chromium, across the year boundary (issue 11 items 14, 17, 20): an applicant applies online
on 2026-12-10 to an agency that confirms online receipt by hand; the office head confirms it the next day,
sees a provisional (暂估) due date in 2027 with its reason, approves an extension whose letter announces
the provisional date, and the applicant's status page shows the date once, marked 暂估, in Chinese only.

The clock is pinned to 2026-12-10 09:30 Shanghai; the seed calendar has no 2027 data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import OnlineReceipt, Role
from gongkai.applications.models import Application
from tests.conftest import AgencyFactory, member
from tests.staff.axe import violations

D = dt.date
NOW = dt.datetime(2026, 12, 10, 1, 30, tzinfo=dt.UTC)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_online_receipt_confirmed_then_provisional_due_date(live_server: Any, browser_page: Any,
                                                            monkeypatch: Any) -> None:
    from gongkai.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    agency = AgencyFactory(name="示例县教育局", online_receipt=OnlineReceipt.STAFF)
    member(agency, Role.CLERK, Role.OFFICE_HEAD, username="head")
    base = live_server.url
    page = browser_page

    page.goto(f"{base}/apply/")
    page.select_option("#id_agency", str(agency.pk))
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "张三")
    page.fill("#id_id_number", "110101199001061234")
    page.fill("#id_phone", "13800005678")
    page.fill("#id_info_name", "2026年学生资助资金分配表")
    page.click("#apply-form button[type=submit]")
    code = page.inner_text("#tracking-code").strip()
    app = Application.objects.get(tracking_code=code)
    assert app.received_on is None  # awaiting the agency's confirmation (Art. 31(3))

    staff = page.context.browser.new_context(locale="zh-CN").new_page()
    staff.goto(f"{base}/staff/login/")
    staff.fill("#id_username", "head")
    staff.fill("#id_password", "pw-12345678")
    staff.click("button[type=submit]")
    staff.goto(f"{base}/staff/applications/")
    assert "待确认收到" in staff.inner_text("table")
    staff.goto(f"{base}/staff/applications/{app.pk}/")
    assert "尚待本机关确认收到" in staff.inner_text(".explain")
    staff.click("#act-confirm_receipt summary")
    staff.fill("#act-confirm_receipt [name=on]", "2026-12-10")
    staff.click("#act-confirm_receipt button[type=submit]")
    staff.wait_for_load_state()
    assert "已完成" in staff.content()
    # 20 weekdays after 2026-12-10 with 2027 counted Monday–Friday
    assert staff.inner_text(".due-date") == "2027-01-07"
    assert "（暂估）" in staff.inner_text("#due-h + p")
    assert "按暂估截止日出具的文书" in staff.content()
    assert violations(staff) == []

    staff.click("#act-approve_extension summary")
    staff.fill("#act-approve_extension [name=on]", "2026-12-11")
    staff.fill("#act-approve_extension [name=days]", "10")
    staff.fill("#act-approve_extension [name=reason]", "需要汇总各校数据")
    staff.click("#act-approve_extension button[type=submit]")
    staff.wait_for_load_state()
    assert staff.inner_text(".due-date") == "2027-01-21"
    letter = Application.objects.get(pk=app.pk).letters.get()
    assert "本机关将于2027年1月21日（含当日）前作出答复" in letter.body

    page.goto(f"{base}/apply/status/")
    page.fill("#id_code", code)
    page.fill("#id_phone_tail", "5678")
    page.click("main button[type=submit]")
    text = page.inner_text("main")
    assert page.inner_text(".due-date") == "2027-01-21" and "（暂估）" in text
    assert text.count("2027年的节假日安排") == 1
    assert "holiday" not in text and "None" not in text
    assert violations(page) == []
