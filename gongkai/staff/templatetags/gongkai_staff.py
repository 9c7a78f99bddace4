"""Template tags for staff pages: the navigation, built from the URL names the installed apps define."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()

# (label, url name). Sections whose URL name is not defined yet are left out.
STAFF_NAV = [
    ("工作台", "staff-dashboard"),
    ("公开目录", "catalog:list"),
    ("标准目录", "directories:list"),
    ("依申请公开", "applications:list"),
    ("窗口登记", "counter:batch"),
    ("督办", "supervision:home"),
    ("复议诉讼", "appeals:list"),
    ("工作台账", "worklog:list"),
    ("年度报告", "reports:list"),
    ("网站年度报表", "websites:list"),
    ("年报导入", "ingest:list"),
    ("机关", "agencies:list"),
    ("工作日历", "workdays:list"),
]


@register.simple_tag
def staff_nav() -> list[tuple[str, str]]:
    items = []
    for label, name in STAFF_NAV:
        try:
            items.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return items
