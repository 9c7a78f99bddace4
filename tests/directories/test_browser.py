"""The county's standard directory on the portal, in Debian's chromium: one item linked to its record (the
link opens the record page), one item published after its time limit and flagged, the rest not yet
published; axe-core clean, no horizontal scroll at 390 px; screenshots kept in docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services as catalog_services
from gongkai.core.actors import SYSTEM
from gongkai.directories import services
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, member
from tests.portal.test_browser import check


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_county_directory_on_the_portal(live_server: Any, browser_page: Any) -> None:
    agency = AgencyFactory(name="示例县人民政府", code="11330100009")
    catalog_services.categories_ensure(agency=agency, actor=SYSTEM)
    org = {"agency": agency, **{role: member(agency, getattr(Role, role.upper()))
                                for role in ("clerk", "reviewer", "approver")}}
    org["approver2"] = member(agency, Role.APPROVER)
    rows, source = services.standard_rows("compulsory_education")
    items = services.directory_import(agency=agency, domain="compulsory_education", rows=rows, source=source,
                                      actor=SYSTEM)
    laws = publish(org, draft(org, title="示例县教育法律法规汇编", formed_on=dt.date(2026, 3, 2)),
                   now=dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC))
    stats = publish(org, draft(org, title="2025年示例县教育事业发展主要情况", formed_on=dt.date(2026, 1, 5)),
                    now=dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC))
    services.directory_link(item=items[0], record=laws, actor=SYSTEM)
    services.directory_link(item=items[2], record=stats, actor=SYSTEM)
    page, base = browser_page, live_server.url

    page.goto(f"{base}/directory/{agency.pk}/")
    assert page.locator("h1").inner_text() == "基层政务公开标准目录"
    rows_text = page.locator("table.data tbody tr").all_inner_texts()
    assert "已公开" in rows_text[0] and "示例县教育法律法规汇编" in rows_text[0]
    assert "超过公开时限" in rows_text[2]
    assert "暂未公开" in rows_text[1] and "暂未公开" in rows_text[3]
    check(page, "directory")
    page.set_viewport_size({"width": 390, "height": 844})
    check(page, "directory_390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("text=示例县教育法律法规汇编")
    page.wait_for_url(f"{base}/record/{laws.pk}/")
    assert "示例县教育法律法规汇编" in page.locator("h1").inner_text()
