"""Production settings: everything from the environment, secure cookies, a real secret key required."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if os.environ.get("GONGKAI_SECRET_KEY") in (None, "", "dev-insecure-key-change-me"):
    if not os.environ.get("GONGKAI_ALLOW_DEV_KEY"):
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY must be set in production")
SESSION_COOKIE_SECURE = os.environ.get("GONGKAI_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
