"""`{% sso_label %}`: the single sign-on button's label on the staff login page, or "" while SSO is off."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sso_label() -> str:
    return str(settings.GONGKAI_OIDC_LABEL) if getattr(settings, "GONGKAI_OIDC_ENABLED", False) else ""
