"""The notice import in Debian's chromium: paste, preview (conflict, unused sentence), refused without the
tick, saved with it; preview and year page pass axe-core (WCAG 2.1 A/AA) and fit a 390 px screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gongkai.workdays.models import CalendarDay
from tests.conftest import UserFactory
from tests.staff.axe import violations

TEXT = ((Path(__file__).resolve().parents[1] / "fixtures" / "notices" / "2020.txt").read_text(encoding="utf-8")
        .partition("\n")[2] + "\n八、另：3月8日妇女节女职工半天休息。")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_preview_confirm_and_year_page(live_server: Any, browser_page: Any) -> None:
    UserFactory(username="platform", is_superuser=True, is_staff=True)
    base, page = live_server.url, browser_page
    page.goto(f"{base}/staff/login/")
    page.fill("#id_username", "platform")
    page.fill("#id_password", "pw-12345678")
    page.click("form:has(#id_username) button[type=submit]")

    page.goto(f"{base}/staff/calendar/import/")
    page.fill("#t", TEXT)
    page.click("form:has(#t) button[type=submit]")
    page.wait_for_load_state()
    # The seed (chinese-calendar) has 2020-02-01 as a day off (after the extension); the annual notice says 上班.
    assert "与已保存数据冲突的日期" in page.content()
    assert "3月8日妇女节女职工半天休息" in page.inner_text("ul.unused")
    assert violations(page) == []

    page.click("text=确认合并保存")
    page.wait_for_load_state()
    assert "请先逐项核对" in page.content()
    assert CalendarDay.objects.get(date=dt.date(2020, 2, 1)).kind == "holiday"

    page.check("#checked")
    page.click("text=确认合并保存")
    page.wait_for_load_state()
    assert page.url.endswith("/staff/calendar/2020/")
    assert CalendarDay.objects.get(date=dt.date(2020, 2, 1)).kind == "makeup_workday"
    assert "国办发明电〔2019〕16号" in page.content()
    assert violations(page) == []

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/staff/calendar/import/")
    page.fill("#t", TEXT)
    page.click("form:has(#t) button[type=submit]")
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
