"""Template context shared by every page: the site identity used in the government meta tags."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.GONGKAI_SITE_NAME,
        "SITE_DOMAIN": settings.GONGKAI_SITE_DOMAIN,
        "SITE_ID_CODE": settings.GONGKAI_SITE_ID_CODE,
    }
