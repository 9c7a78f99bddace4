"""Demo data of the public site: the site identity of the demo county's portal (footer and absolute
links), so the demo shows a complete footer. Kept when a row already exists (an admin's edits win)."""

from __future__ import annotations

from gongkai.agencies.demo import DemoCounty
from gongkai.portal.models import SiteSettings


def load(county: DemoCounty) -> None:
    if SiteSettings.objects.exists():
        return
    name = county.county.name
    SiteSettings.objects.create(
        site_name=f"{name}政府信息公开平台", base_url="https://www.example.gov.cn",
        organiser=f"{name}办公室", operator=f"{name}政务服务数据管理中心",
        contact="联系电话 0000-00000000（示例）", site_code="0000000000",
        icp_number="ICP备00000000号（示例）", police_number="公网安备 00000000000000号（示例）")
