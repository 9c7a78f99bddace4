"""App config of the 政府网站工作年度报表 (website annual work report); registers its event labels."""

from __future__ import annotations

from django.apps import AppConfig


class WebsitesConfig(AppConfig):
    name = "gongkai.websites"
    label = "websites"
    verbose_name = "政府网站工作年度报表"

    def ready(self) -> None:
        from gongkai.core.eventlabels import register

        register({"website_report.create": "新建网站年度报表", "website_report.edit": "修改网站年度报表",
                  "website_report.submit": "报送网站年度报表", "website_report.return": "退回网站年度报表",
                  "website_report.publish": "发布网站年度报表"})
