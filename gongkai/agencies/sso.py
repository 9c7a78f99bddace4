"""Single sign-on for staff (统一身份认证) through OpenID Connect, on mozilla-django-oidc.

Off unless ``GONGKAI_OIDC_CLIENT_ID`` is set (docs/deployment.md). The provider names the person
(issuer + ``sub``) and, in a configured claim (default ``gongkai_roles``), their posts as
"发布机构代码:role" strings; ``services.sso_sign_in`` creates or updates the account and sets its
memberships to exactly those posts, with one event. Local accounts keep signing in with a password.
The two views 404 while SSO is off, so the URLs can always be mounted.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from gongkai.agencies import services
from gongkai.core.actors import SYSTEM

logger = logging.getLogger("gongkai.security")


class StaffOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # the library ships no types
    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        # The library skips the audience check; an ID token minted for another client is refused (OIDC Core
        # §3.1.3.7 item 3).
        audience = payload.get("aud")
        if settings.OIDC_RP_CLIENT_ID not in (audience if isinstance(audience, list) else [audience]):
            raise SuspiciousOperation("ID token audience is not this client")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User | None:
        claims = dict(payload)
        userinfo = self.get_userinfo(access_token, id_token, payload) or {}
        if userinfo.get("sub") not in (None, payload.get("sub")):
            return None  # OIDC Core §5.3.2: a userinfo response for another subject is not used
        claims.update(userinfo)
        if not claims.get("sub"):
            return None
        return services.sso_sign_in(issuer=settings.GONGKAI_OIDC_ISSUER, claims=claims,
                                    roles_claim=settings.GONGKAI_OIDC_ROLES_CLAIM, actor=SYSTEM)


def _enabled() -> None:
    if not getattr(settings, "GONGKAI_OIDC_ENABLED", False):
        raise Http404("single sign-on is not configured")


def sso_start(request: HttpRequest) -> HttpResponse:
    _enabled()
    response: HttpResponse = OIDCAuthenticationRequestView.as_view()(request)
    return response


def sso_callback(request: HttpRequest) -> HttpResponse:
    _enabled()
    try:
        response: HttpResponse = OIDCAuthenticationCallbackView.as_view()(request)
    except SuspiciousOperation:
        # A forged, expired or misdirected token, or a replayed state: nobody is signed in; the person is
        # sent back to the login page with a message in Chinese, the details go to the security log.
        logger.warning("single sign-on refused", exc_info=True)
        return redirect(settings.LOGIN_REDIRECT_URL_FAILURE)
    return response
