"""End to end in Debian's chromium: an applicant applies online; staff send a correction notice, receive the
correction, consult a third party, extend, and answer with 部分公开; the applicant's status page shows each step,
the due dates, and the answer letter.

The clock is pinned to 2026-03-02 (a Monday) so every deadline falls in 2026, which has calendar data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.applications.models import Application
from tests.conftest import AgencyFactory, member

D = dt.date
NOW = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai


def _act(page: Any, base: str, app_id: int, name: str, fields: dict[str, str]) -> None:
    page.goto(f"{base}/staff/applications/{app_id}/")
    page.click(f"#act-{name} summary")
    for field, value in fields.items():
        locator = page.locator(f"#act-{name} [name={field}]")
        if locator.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)
    page.click(f"#act-{name} button[type=submit]")
    page.wait_for_load_state()
    assert "已完成" in page.content(), page.content()[:3000]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_apply_correct_consult_extend_answer(live_server: Any, browser_page: Any, monkeypatch: Any) -> None:
    from gongkai.core import clock
    from gongkai.workdays.services import get_calendar

    monkeypatch.setattr(clock, "now", lambda: NOW)
    cal = get_calendar()
    agency = AgencyFactory(name="示例县教育局")
    head = member(agency, Role.CLERK, Role.OFFICE_HEAD, username="head")
    assert head
    base = live_server.url
    page = browser_page

    # 1. the applicant applies online
    page.goto(f"{base}/apply/")
    page.select_option("#id_agency", str(agency.pk))
    page.select_option("#id_applicant_type", "natural_person")
    page.fill("#id_applicant_name", "张三")
    page.fill("#id_id_number", "110101199001061234")  # GB 11643 check digit valid
    page.fill("#id_phone", "13800005678")
    page.fill("#id_info_name", "2025年教师招聘面试评分细则")
    page.fill("#id_info_description", "面试评分标准及各考官评分")
    page.click("#apply-form button[type=submit]")
    code = page.inner_text("#tracking-code").strip()
    app = Application.objects.get(tracking_code=code)
    assert app.received_on == D(2026, 3, 2)
    page.click("text=查看办理进度")
    assert page.inner_text(".due-date") == "2026-03-30"
    assert "110***********1234" in page.content() and "110101199001061234" not in page.content()

    # 2. staff work the case
    staff = page.context.browser.new_context(locale="zh-CN").new_page()
    staff.goto(f"{base}/staff/login/")
    staff.fill("#id_username", "head")
    staff.fill("#id_password", "pw-12345678")
    staff.click("button[type=submit]")
    _act(staff, base, app.pk, "request_correction", {"on": "2026-03-04", "until": "2026-03-20",
                                                      "note": "请说明所需评分细则对应的招聘批次"})
    _act(staff, base, app.pk, "receive_correction", {"on": "2026-03-09"})
    _act(staff, base, app.pk, "open_consultation", {"on": "2026-03-10", "party": "third_party",
                                                     "party_name": "面试考官所在单位"})
    _act(staff, base, app.pk, "close_consultation", {"on": "2026-03-17", "ref": "c1"})
    _act(staff, base, app.pk, "approve_extension", {"on": "2026-03-20", "days": "10", "reason": "需逐份审查评分表"})
    restarted = cal.add_workdays(D(2026, 3, 9), 20)
    paused = cal.add_workdays(restarted, 5)  # (03-10, 03-17] removed 5 workdays
    extended = cal.add_workdays(paused, 10)
    assert staff.inner_text(".due-date") == extended.isoformat()
    _act(staff, base, app.pk, "answer", {"on": "2026-04-15", "outcome": "partial",
                                         "answer_text": "考官个人信息涉及第三方合法权益，不予公开"})
    assert "部分公开" in staff.inner_text(".outcome")

    # 3. the applicant sees each step, the due dates, and the answer letter
    page.goto(f"{base}/apply/status/")
    page.fill("#id_code", code)
    page.fill("#id_phone_tail", "5678")
    page.click("button[type=submit]")
    steps = page.inner_text(".steps")
    for label in ("收到申请", "发出补正告知", "收到补正材料", "征求意见", "征求意见结束", "批准延期答复", "作出答复"):
        assert label in steps, steps
    assert page.inner_text(".due-date") == extended.isoformat()
    explain = page.inner_text(".explain")
    assert "2026-03-09" in explain and "延期10个工作日" in explain and "不计入5个工作日" in explain
    assert "部分公开" in page.inner_text(".outcome")
    with page.expect_download() as dl:
        page.click(".letters >> text=政府信息公开申请答复书 >> xpath=.. >> text=PDF")
    path = dl.value.path()
    assert path is not None and open(path, "rb").read(4) == b"%PDF"
    assert re.search(r"补正申请告知书", page.inner_text(".letters"))
