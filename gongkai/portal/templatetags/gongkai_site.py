"""Template tags of the public frame (``base.html``): the site identity for the footer and meta tags,
the visitor's 长者模式 flag, and the toggle link that sets it without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from gongkai.portal import site

register = template.Library()


@register.simple_tag
def site_identity() -> site.SiteIdentity:
    return site.current()


@register.simple_tag(takes_context=True)
def elder_mode(context: template.Context) -> bool:
    request: HttpRequest | None = context.get("request")
    return site.is_elder(request)


@register.simple_tag(takes_context=True)
def mode_switch_url(context: template.Context, mode: str) -> str:
    """Link to switch to ``mode`` and come back to this page."""
    request: HttpRequest | None = context.get("request")
    # The path only: a cached page must not carry one visitor's query string to the next.
    back = request.path if request is not None else "/"
    return _reverse("portal:mode") + "?" + urlencode({"set": mode, "next": back})


def _reverse(name: str) -> str:
    """The URL of ``name``, or "" where it is not routed (an error page under a test's own URLconf must
    still render rather than fail on its menu)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


# The header menu of every public page, in the order gov.cn portals use; a section is current when the
# page's path lies under it (the home only on "/").
MENU: tuple[tuple[str, str], ...] = (
    ("首页", "portal:home"),
    ("政府信息公开", "portal:agencies"),
    ("依申请公开", "apply:form"),
    ("政策文件", "portal:policies"),
    ("年度报告", "nianbao:list"),
    ("申请查询", "apply:lookup"),
)


@register.simple_tag(takes_context=True)
def site_menu(context: template.Context) -> list[dict[str, str | bool]]:
    request: HttpRequest | None = context.get("request")
    path = request.path if request is not None else ""
    items: list[dict[str, str | bool]] = []
    best = ""
    for label, name in MENU:
        url = _reverse(name)
        if not url:
            continue
        hit = path == url if url == "/" else path.startswith(url)
        # /apply/status/ lies under /apply/ too: the longest matching section wins.
        if hit and len(url) > len(best):
            best = url
        items.append({"label": label, "url": url})
    for item in items:
        item["current"] = item["url"] == best
    if path.startswith(("/gk/", "/record/")) and not best:
        for item in items:
            item["current"] = item["url"] == _reverse("portal:agencies")
    return items


FOOTER: tuple[tuple[str, str], ...] = (
    ("依申请公开", "apply:form"),
    ("申请查询", "apply:lookup"),
    ("信息处理费计算", "apply:fees"),
    ("年度报告", "nianbao:list"),
    ("政策文件", "portal:policies"),
)


@register.simple_tag
def footer_links() -> list[dict[str, str]]:
    return [{"label": label, "url": url} for label, name in FOOTER if (url := _reverse(name))]
