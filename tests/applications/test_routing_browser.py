"""Issue 14's journey in Debian's chromium: counter intake for another agency → routed → signed for → answered
through the guided screen → the applicant is notified (test mail backend) → the superior's 督办 view shows the
case closed on time, with its time axis.

The clock is pinned to 2026-03-02 09:30 in Shanghai (a Monday) so every deadline falls in 2026.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.applications.models import Application, GuidedPath
from gongkai.applications.workflow import Status
from tests.conftest import AgencyFactory, member
from tests.staff.axe import violations

NOW = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)
SHOTS = os.environ.get("GONGKAI_SHOTS", "")


def _login(browser_page: Any, base: str, username: str) -> Any:
    page = browser_page.context.browser.new_context(locale="zh-CN").new_page()
    page.set_default_timeout(90_000)  # two cores shared with other suites: a slow first response is not a failure
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-12345678")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def _shot(page: Any, name: str) -> None:
    """Each page of the journey passes axe-core (WCAG 2.1 A/AA); optionally a screenshot for a person."""
    found = violations(page)
    assert not found, f"{name}: " + "\n".join(found)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_counter_route_sign_guided_notify_supervise(live_server: Any, browser_page: Any, monkeypatch: Any,
                                                    settings: Any) -> None:
    from gongkai.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    settings.GONGKAI_SMS_QUIET_HOURS = "22-8"
    county = AgencyFactory(name="示例县人民政府")
    desk = AgencyFactory(name="示例县政务服务中心", parent=county)
    roads = AgencyFactory(name="示例县交通运输局", parent=county)
    member(desk, Role.CLERK, username="desk")
    member(roads, Role.CLERK, Role.OFFICE_HEAD, username="roads")
    member(county, Role.SUPERIOR_VIEWER, username="county")
    base = live_server.url

    # 1. the counter registers a paper application for the roads bureau
    page = _login(browser_page, base, "desk")
    page.goto(f"{base}/staff/counter/?rows=1")
    page.select_option("#id_desk", str(desk.pk))
    page.select_option("#id_row-0-applicant_type", "natural_person")
    page.fill("#id_row-0-applicant_name", "李四")
    page.fill("#id_row-0-id_number", "110101199003071234")
    page.fill("#id_row-0-phone", "13800005678")
    page.fill("#id_row-0-email", "lisi@example.org")
    page.fill("#id_row-0-info_name", "2025年度农村公路养护资金分配表")
    page.select_option("#id_row-0-channel", "in_person")
    page.fill("#id_row-0-received_on", "2026-03-02")
    page.select_option("#id_row-0-to_agency", str(roads.pk))
    _shot(page, "01-counter")
    page.click("form.counter-batch button[type=submit]")
    page.wait_for_load_state()
    app = Application.objects.get()
    receipt = page.inner_text("section.receipt")
    assert app.tracking_code in receipt and "示例县交通运输局（已分办，待签收）" in receipt
    assert "2026年3月30日" in receipt
    _shot(page, "02-receipt")
    assert app.status == Status.TO_SIGN and app.agency == roads

    # 2. the roads bureau signs for it and answers through the guided screen
    staff = _login(browser_page, base, "roads")
    staff.goto(f"{base}/staff/applications/{app.pk}/")
    assert "分办与签收" in staff.content()
    staff.click("#act-sign summary")
    staff.click("#act-sign button[type=submit]")
    staff.wait_for_load_state()
    assert "签收：已完成" in staff.content()
    staff.click("text=按七个问题引导答复")
    for choice in ("内容明确，无需补正", "是政府信息", "由本机关负责公开", "有现成的信息", "可以全部公开"):
        before = staff.locator(".guided-candidates li").count()
        staff.click(f"button.choice:has-text('{choice}')")
        staff.wait_for_load_state()
        assert staff.locator(".guided-candidates li").count() <= before
    _shot(staff, "03-guided-question")
    staff.click("button.choice:has-text('提供该政府信息')")
    staff.wait_for_load_state()
    assert "《中华人民共和国政府信息公开条例》第三十六条第（二）项" in staff.input_value("#id_legal_basis")
    _shot(staff, "04-guided-answer")
    staff.click("form.guided-answer button[type=submit]")
    staff.wait_for_load_state()
    assert "已按引导作出答复" in staff.content() and "答复引导路径" in staff.content(), staff.inner_text("body")[:1500]
    assert "（roads，2026-03-02 09:30）" in staff.inner_text("ol.guided-path")  # the pinned clock, not the host's
    _shot(staff, "05-case-answered")
    app.refresh_from_db()
    assert (app.status, app.outcome, app.closed_on) == (Status.ANSWERED, "granted", dt.date(2026, 3, 2))
    assert [st["short"] for st in GuidedPath.objects.get(application=app).path] == [
        "补不补", "是不是政府信息", "谁负责", "有没有", "给不给", "怎么给"]

    # 3. the applicant was notified: the receipt and the answer, once each (captured by the test backend)
    to_applicant = [m for m in mail.outbox if m.to == ["lisi@example.org"]]
    assert [m.subject.split("（")[0] for m in to_applicant] == ["政府信息公开申请回执", "答复已作出"]
    assert app.tracking_code in to_applicant[1].body and "予以公开" in to_applicant[1].body
    assert "已发送" in staff.content()

    # 4. the superior's 督办 view: closed on time, with the time axis
    sup = _login(browser_page, base, "county")
    sup.goto(f"{base}/staff/supervision/{county.pk}/?year=2026&month=3")
    row = sup.locator("tr", has=sup.locator("th", has_text="示例县交通运输局"))
    assert row.locator("td[data-figure=closed_on_time]").inner_text() == "1"
    assert row.locator("td[data-figure=closed_late]").inner_text() == "0"
    _shot(sup, "06-supervision")
    sup.click("tfoot td[data-figure=closed_on_time] a")
    sup.wait_for_load_state()
    sup.click(f"text={app.number}")
    sup.wait_for_load_state()
    axis = sup.inner_text("ol.time-axis")
    assert "分办" in axis and "签收" in axis and "作出答复" in axis and "按期办结" in sup.content()
    assert "（一）予以公开" in axis and "granted" not in axis
    _shot(sup, "07-time-axis")
