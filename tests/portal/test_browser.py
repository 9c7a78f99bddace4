"""The citizen's journeys in Debian's chromium, each page checked by axe-core (WCAG 2.0/2.1 A and AA,
zero violations) and measured at 390 px (no horizontal page scroll), in the standard and the 长者模式
rendering; with GONGKAI_SCREENSHOTS=1 screenshots of the pages go to docs/screenshots/public_*.png.

Journey: home → 政府信息公开 → agency column → 条件检索 (有效性 已修改) → record → policy with its 解读 beside it →
the agency's 依申请公开 (agency preselected) → a bad ID number refused → a good one → 回执 → status; then the
annual report on the portal (agency column → /nianbao/ page).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from gongkai.applications.models import Application

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NOW = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the current page, as 'rule: target' lines."""
    page.evaluate(_axe_source())
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    return [f"{v['id']}: {n['target']}" for v in result["violations"] for n in v["nodes"]]


def check(page: Any, name: str | None = None) -> None:
    """Zero axe violations, no horizontal page scroll at this width, and (optionally) a screenshot."""
    found = axe_violations(page)
    assert found == [], (page.url, found)
    width = page.viewport_size["width"]
    scroll = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll <= width, (page.url, scroll, width)
    if name and os.environ.get("GONGKAI_SCREENSHOTS") == "1":  # refresh docs/screenshots only when asked
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"public_{name}.png"))


def _published_report(agency: Any) -> Any:
    from gongkai.core.actors import SYSTEM
    from gongkai.reports import services as report_services

    report = report_services.report_create(agency=agency, year=2025, actor=SYSTEM)
    report_services.report_update(report=report, actor=SYSTEM, narrative={
        "overview": "2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "problems": "一是政策解读形式较单一；二是将加强培训。", "other": "本年度未收取信息处理费。"})
    for action in ("submit", "accept", "publish"):
        report = report_services.report_act(report=report, action=action, actor=SYSTEM)
    assert report.status == "published", report.status
    return report


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_citizen_journey(live_server: Any, browser_page: Any, catalog: dict[str, Any], monkeypatch: Any) -> None:
    from gongkai.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    page, base, agency = browser_page, live_server.url, catalog["agency"]
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base}/")
    check(page, "home")
    page.click(".site-nav >> text=政府信息公开")
    check(page, "agencies")
    page.click(f".agency-cards >> text={agency.name}")
    page.click("nav.columns >> text=法定主动公开内容")
    check(page, "content")
    page.select_option("#id_validity", "amended")
    page.click("#record-filters button[type=submit]")
    rows = page.locator("table.records td.c-title a")
    assert rows.count() == 1 and rows.first.inner_text() == catalog["old"].title
    check(page, "content_filtered")
    rows.first.click()
    assert page.inner_text("#record-validity") == "已修改"
    page.goto(f"{base}/zhengce/")
    check(page, "policies")
    page.click(f".policy-list >> text={catalog['policy'].title}")
    assert catalog["reading"].title in page.inner_text("aside.related")
    check(page, "record_policy")
    page.click("aside.related a.related-interpretation")
    assert catalog["policy"].title in page.inner_text("aside.related")
    check(page, "record_interpretation")

    # The agency's 依申请公开 link preselects it; a bad ID is refused with the reason, then a good one passes.
    page.click("nav.columns >> text=依申请公开")
    assert page.eval_on_selector("#id_agency", "e => e.value") == str(agency.pk)
    page.fill("#id_applicant_name", "张三")
    page.fill("#id_id_number", "110101199001011234")
    page.fill("#id_phone", "13800005678")
    page.fill("#id_info_name", "2025年义务教育招生入学工作方案的附件")
    page.click("#apply-form button[type=submit]")
    assert "居民身份证号码校验位不正确" in page.inner_text("#id_id_number_error")
    page.locator("#id_id_number").scroll_into_view_if_needed()
    check(page, "apply_bad_id")
    page.fill("#id_id_number", "110101199001061234")
    page.click("#apply-form button[type=submit]")
    code = page.inner_text("#tracking-code").strip()
    app = Application.objects.get(tracking_code=code)
    assert page.inner_text("#received-on") == "2026年3月2日"
    due = app.due_on
    assert due is not None and page.inner_text("#due-on") == f"{due.year}年{due.month}月{due.day}日"
    check(page, "receipt")
    page.click("text=查看办理进度")
    assert "受理机关收到您的申请" in page.inner_text(".steps")
    check(page, "status")
    page.goto(f"{base}/apply/status/")
    page.fill("#id_code", code)
    page.fill("#id_phone_tail", "0000")
    page.click("main button[type=submit]")
    assert "查询码或电话号码不正确" in page.inner_text(".msg-error")
    assert page.eval_on_selector(".msg-error", "e => getComputedStyle(e).color") == "rgb(168, 7, 26)"
    check(page, "lookup_error")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_annual_report_on_the_portal(live_server: Any, browser_page: Any, catalog: dict[str, Any]) -> None:
    page, base, agency = browser_page, live_server.url, catalog["agency"]
    report = _published_report(agency)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/gk/{agency.pk}/annual-reports/")
    check(page, "annual_reports_agency")
    page.click(f".report-years >> text={report.title}")
    assert page.url.endswith(f"/nianbao/{report.pk}/")
    check(page, "nianbao_report")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    check(page, "nianbao_report_390")
    page.goto(f"{base}/nianbao/")
    check(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_public_page_at_390px_and_in_elder_mode(live_server: Any, browser_page: Any,
                                                     catalog: dict[str, Any]) -> None:
    page, base, agency = browser_page, live_server.url, catalog["agency"]
    urls = ["/", "/gk/", f"/gk/{agency.pk}/", f"/gk/{agency.pk}/guide/", f"/gk/{agency.pk}/rules/",
            f"/gk/{agency.pk}/content/", f"/gk/{agency.pk}/annual-reports/", f"/record/{catalog['policy'].pk}/",
            f"/record/{catalog['old'].pk}/", "/zhengce/", "/apply/", "/apply/status/",
            "/apply/fees/?method=pieces&count=12", "/nianbao/", "/search/?q=招生", "/no-such-page/"]
    page.set_viewport_size({"width": 390, "height": 844})
    for url in urls:
        page.goto(base + url)
        check(page, {"/": "home_390", f"/gk/{agency.pk}/content/": "content_390"}.get(url))
    # 长者模式 by its link (no JavaScript involved: a GET that sets a cookie), on every page again.
    page.goto(f"{base}/gk/{agency.pk}/content/")
    page.click(".modes a")
    assert page.eval_on_selector("html", "e => e.className") == "elder"
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    assert page.url.endswith(f"/gk/{agency.pk}/content/")
    for url in urls:
        page.goto(base + url)
        check(page, {"/": "home_elder_390", f"/gk/{agency.pk}/content/": "content_elder_390"}.get(url))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/")
    check(page, "home_elder")
    page.click(".modes a")
    assert page.eval_on_selector("html", "e => e.className") == ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_elder_mode_works_with_javascript_off(live_server: Any, chromium_path: str, catalog: dict[str, Any]) -> None:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_context(java_script_enabled=False, locale="zh-CN").new_page()
            page.goto(live_server.url + "/zhengce/")
            page.click(".modes a")
            assert page.eval_on_selector("html", "e => e.className") == "elder"
            assert "退出长者模式" in page.inner_text(".modes")
        finally:
            browser.close()
