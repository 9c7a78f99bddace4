"""Request throttles for the whole JSON API: per client IP without a login, per user with one.

django-ninja's own throttling keeps each client's recent request times in the default cache (Redis
when configured, so every worker and server counts together). The rates are read from settings on
every request (``GONGKAI_RATE_API_ANON``, ``GONGKAI_RATE_API_USER``) so the environment or a test
override applies without re-importing the API. Over the limit the API answers 429 with a Chinese
``detail`` and ``Retry-After``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from gongkai.agencies.lockout import client_ip


class _SettingsRateThrottle(SimpleRateThrottle):
    setting = ""

    def __init__(self) -> None:
        super().__init__(rate=self._current())

    def _current(self) -> str:
        return str(getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        rate = self._current()
        if rate != self.rate:
            self.rate = rate
            self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)

    def get_ident(self, request: HttpRequest) -> str:
        # One definition of the client address for lockouts, rate limits and the API (GONGKAI_PROXY_COUNT).
        return client_ip(request)


class AnonThrottle(_SettingsRateThrottle):
    """Requests without a logged-in user, per client IP."""

    scope = "gk_api_anon"
    setting = "GONGKAI_RATE_API_ANON"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(_SettingsRateThrottle):
    """Requests of a logged-in user, per user (whatever address they come from)."""

    scope = "gk_api_user"
    setting = "GONGKAI_RATE_API_USER"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}
