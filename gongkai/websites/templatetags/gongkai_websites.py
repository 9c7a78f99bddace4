"""``{% website_reports_home %}``: the published website annual reports on the portal home page, where
国办函〔2018〕12号 requires them ("在本网站首页显著位置发布"). A tag, so the portal never imports this app."""

from __future__ import annotations

from django import template

from gongkai.formats import website as form
from gongkai.websites import selectors

register = template.Library()


@register.inclusion_tag("websites/home_section.html")
def website_reports_home() -> dict[str, object]:
    return {"reports": selectors.published_reports(), "form_title": form.FORM_TITLE}
