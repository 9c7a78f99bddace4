"""Demo data of the website annual report: the county's report on last year, filled with illustrative
entered figures (marked 示例 in the site identity), submitted (which freezes the catalog figures) and
published, so the portal home page lists it and the staff page shows a finished report."""

from __future__ import annotations

from gongkai.agencies.demo import DemoCounty
from gongkai.core import clock
from gongkai.core.actors import SYSTEM
from gongkai.formats import website as form
from gongkai.websites import services
from gongkai.websites.models import WebsiteReport

# Illustrative only: a demo site has no analytics, hotline or service hall to count.
DEMO_ENTERED: dict[str, int] = {
    "unique_visitors": 18_230, "total_visits": 96_410, "overview_updates": 12, "news_updates": 214,
    "responses": 6, "registered_users": 1_520, "online_cases": 3_880, "messages_received": 147,
    "messages_closed": 145, "messages_answered": 139, "interviews": 4,
}


def load(county: DemoCounty) -> None:
    agency = county.county
    year = clock.today().year - 1
    if WebsiteReport.objects.filter(agency=agency, year=year).exists():
        return
    report = services.website_report_create(agency=agency, year=year, actor=SYSTEM)
    assert set(DEMO_ENTERED) == set(form.ENTERED_KEYS)
    report = services.website_report_edit(
        report=report, actor=SYSTEM, entered=dict(DEMO_ENTERED),
        identity={"site_name": f"{agency.name}门户网站（示例）", "home_url": "https://demo.example.gov.cn/",
                  "host": agency.name, "site_code": "示例0000000001", "icp": "示例ICP备00000000号",
                  "police": "示例公网安备00000000000000号"},
        notes={"security": "（示例）全年开展网站安全检测，发现的问题均已整改。"})
    report = services.website_report_act(report=report, action="submit", actor=SYSTEM)
    services.website_report_act(report=report, action="publish", actor=SYSTEM)
