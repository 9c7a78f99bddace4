"""Test settings: fast password hashing, in-memory caches, eager tasks, media in a temp dir."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES

SECRET_KEY = "test-secret-key"
# Fixed test keys (never used anywhere else), so tests do not depend on generated key files.
GONGKAI_KEY_DIR = None
GONGKAI_FIELD_KEYS = ["dGVzdC1maWVsZC1rZXktMDAwMDAwMDAwMDAwMDAwMDA="]
GONGKAI_FINGERPRINT_KEY = "dGVzdC1maW5nZXJwcmludC1rZXktMDAwMDAwMDAwMDA="
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = ""
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests run in one process, so the local-memory cache is shared by every request django-ratelimit counts;
# the "not a shared cache" error only matters for multi-process deployments.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="gongkai-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="gongkai-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The test runner flushes the database after transactional tests; only here may flush empty the event log.
GONGKAI_ALLOW_EVENT_PURGE = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": None}
