"""Site identity and the visitor's display mode, read by every public page.

``current()`` returns the ``SiteSettings`` row (or an unsaved default) as a plain ``SiteIdentity``;
it is kept per process for ``TTL_SECONDS`` and dropped at once in the process that saves the row, so a
change made in /admin/ shows everywhere within that time. ``absolute(path)`` builds a full link from the
configured site address (never from the request's host, so a page built behind a proxy does not link to
127.0.0.1).

长者模式 (适老化, 《互联网应用适老化及无障碍改造专项行动方案》工信部信管〔2020〕200号) is a cookie set by a
plain GET link (``mode_switch``): it works without JavaScript, and ``is_elder(request)`` tells templates
and the page cache which rendering the visitor gets.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest

from gongkai.portal.models import SiteSettings

TTL_SECONDS = 30
MODE_COOKIE = "gk_mode"
ELDER = "elder"


@dataclass(frozen=True)
class SiteIdentity:
    site_name: str
    base_url: str
    organiser: str
    operator: str
    contact: str
    site_code: str
    icp_number: str
    police_number: str
    stamp: str  # changes whenever the row is saved; part of the portal page-cache key

    @property
    def domain(self) -> str:
        """The host of ``base_url`` (the SiteDomain meta tag of spec §6.4)."""
        return urlsplit(self.base_url).netloc


_memo: tuple[float, SiteIdentity] | None = None


def _load() -> SiteIdentity:
    row = SiteSettings.objects.order_by("pk").first()
    domain = settings.GONGKAI_SITE_DOMAIN
    fallback = domain if domain.startswith(("http://", "https://")) else f"https://{domain}"
    if row is None:
        return SiteIdentity(site_name=settings.GONGKAI_SITE_NAME, base_url=fallback.rstrip("/"), organiser="",
                            operator="", contact="", site_code=settings.GONGKAI_SITE_ID_CODE, icp_number="",
                            police_number="", stamp="")
    return SiteIdentity(site_name=row.site_name, base_url=(row.base_url or fallback).rstrip("/"),
                        organiser=row.organiser, operator=row.operator, contact=row.contact,
                        site_code=row.site_code or settings.GONGKAI_SITE_ID_CODE, icp_number=row.icp_number,
                        police_number=row.police_number, stamp=row.updated_at.isoformat())


def current() -> SiteIdentity:
    global _memo
    now = time.monotonic()
    if _memo is None or now - _memo[0] > TTL_SECONDS:
        _memo = (now, _load())
    return _memo[1]


def forget() -> None:
    global _memo
    _memo = None


@receiver(post_save, sender=SiteSettings, dispatch_uid="portal-site-settings-saved")
def _saved(**_: object) -> None:
    forget()


def absolute(path: str) -> str:
    """``path`` (starting with /) under the configured site address."""
    return current().base_url + path


def is_elder(request: HttpRequest | None) -> bool:
    return request is not None and request.COOKIES.get(MODE_COOKIE) == ELDER
