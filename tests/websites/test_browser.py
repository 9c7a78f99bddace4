"""The website annual report in Debian's chromium: the portal home page links the published report, the
report page shows the identity, the computed and entered figures and the 1月31日 deadline; the staff page
keeps typed values after a refused edit; axe-core clean, no horizontal scroll at 390 px; screenshots in
docs/screenshots/ (public_website_report*.png)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import Membership, Role
from gongkai.catalog import services as catalog_services
from gongkai.core.actors import SYSTEM
from gongkai.formats import website as form
from gongkai.websites import services
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, UserFactory, member
from tests.portal.test_browser import check


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_published_website_report_on_the_home_page(live_server: Any, browser_page: Any) -> None:
    agency = AgencyFactory(name="示例县人民政府", code="11330100019")
    catalog_services.categories_ensure(agency=agency, actor=SYSTEM)
    org = {"agency": agency, **{role: member(agency, getattr(Role, role.upper()))
                                for role in ("clerk", "reviewer", "approver")}}
    org["approver2"] = member(agency, Role.APPROVER)
    publish(org, draft(org, title="示例县2025年政务公开工作要点"), now=dt.datetime(2025, 4, 1, 2, tzinfo=dt.UTC))
    report = services.website_report_create(agency=agency, year=2025, actor=SYSTEM)
    report = services.website_report_edit(
        report=report, actor=SYSTEM, entered={k: 2 for k in form.ENTERED_KEYS} | {"total_visits": 4321},
        identity={"site_name": "示例县人民政府门户网站", "home_url": "https://www.example.gov.cn/",
                  "host": "示例县人民政府办公室", "site_code": "3300000001", "icp": "浙ICP备00000000号",
                  "police": "浙公网安备00000000000000号"},
        notes={"innovation": "开设长者模式。"})
    for action in ("submit", "publish"):
        report = services.website_report_act(report=report, action=action, actor=SYSTEM)
    page, base = browser_page, live_server.url

    page.goto(f"{base}/")
    page.click("text=示例县人民政府2025年度政府网站工作年度报表")
    page.wait_for_url(f"{base}/wangzhan/{report.pk}/")
    table = page.locator("table.website-report").inner_text()
    for text in ("3300000001", "4321", "开设长者模式。", "信息公开目录信息更新量"):
        assert text in table, text
    row = page.locator("table.website-report tr", has_text="信息公开目录信息更新量").inner_text()
    assert "1" in row and "平台统计" in row
    assert "应于2026年1月31日前发布" in page.locator("p.meta").first.inner_text()
    check(page, "website_report")
    page.set_viewport_size({"width": 390, "height": 844})
    check(page, "website_report_390")

    page.set_viewport_size({"width": 1280, "height": 900})
    clerk = UserFactory(username="wz_clerk")
    clerk.set_password("pw-website-2026")
    clerk.save()
    Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
    page.goto(f"{base}/staff/login/")
    page.fill("input[name=username]", "wz_clerk")
    page.fill("input[name=password]", "pw-website-2026")
    page.click("button[type=submit]")
    page.goto(f"{base}/staff/websites/?agency={agency.pk}")
    page.fill("#year", "2024")
    page.click("text=新建报表")
    page.fill("#id_site_name", "示例县人民政府门户网站")
    page.fill("#id_total_visits", "一万")
    page.click("text=保存")
    assert "“网站总访问量”须填写不小于 0 的整数" in page.content()
    assert page.input_value("#id_site_name") == "示例县人民政府门户网站"
    assert page.input_value("#id_total_visits") == "一万"
    check(page)
