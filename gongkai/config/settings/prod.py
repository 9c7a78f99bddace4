"""Production settings: everything from the environment, secure cookies, a real secret key required."""

from __future__ import annotations

import os

from gongkai.core import keys as gongkai_keys

from .base import *  # noqa: F403

# Keys come from the environment only, on SQLite too: nothing is generated, and the keys.E00x system
# checks (run by `gongkai serve` and `check --deploy`) refuse to start without GONGKAI_SECRET_KEY,
# GONGKAI_FIELD_KEYS and GONGKAI_FINGERPRINT_KEY, each valid and distinct (docs/deployment.md).
GONGKAI_KEY_DIR = None
_keys = gongkai_keys.load(os.environ, None)
SECRET_KEY = _keys.secret_key
GONGKAI_FIELD_KEYS = _keys.field_keys
GONGKAI_FINGERPRINT_KEY = _keys.fingerprint_key
SESSION_COOKIE_SECURE = os.environ.get("GONGKAI_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HTTPS: redirect plain HTTP (GONGKAI_SSL_REDIRECT=0 when the proxy already does it) and tell browsers to use
# HTTPS only (HSTS; GONGKAI_HSTS_SECONDS=0 switches it off, e.g. while a certificate is being set up).
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("GONGKAI_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_INCLUDE_SUBDOMAINS", False)  # noqa: F405
SECURE_HSTS_PRELOAD = False
# /healthz answers the load balancer over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
