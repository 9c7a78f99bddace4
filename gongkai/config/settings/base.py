"""Base settings shared by every deployment, read from the environment.

The embedded default is a SQLite file under ``GONGKAI_DATA_DIR`` with background tasks run
in-process; ``DATABASE_URL`` selects PostgreSQL and ``REDIS_URL`` (or ``CELERY_BROKER_URL``)
switches background tasks to Celery workers. See docs/deployment.md.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE

from gongkai.core import keys as gongkai_keys

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("GONGKAI_DEBUG", False)

# Keys (docs/decisions/0006-key-handling.md). Production (DATABASE_URL set without DEBUG; settings.prod
# always) takes every key from the environment and the keys.E00x system checks refuse to start without
# them: app servers sharing one database must share keys, so none may invent its own. The embedded
# default (SQLite under the data dir) generates random keys once into <data dir>/keys (0600) and reuses
# them; the published development secret is never used. GONGKAI_FIELD_KEYS: newest first (rotation).
GONGKAI_KEY_DIR = None if ("DATABASE_URL" in os.environ and not DEBUG) else DATA_DIR / "keys"
_keys = gongkai_keys.load(os.environ, GONGKAI_KEY_DIR)
SECRET_KEY = _keys.secret_key
GONGKAI_FIELD_KEYS = _keys.field_keys
GONGKAI_FINGERPRINT_KEY = _keys.fingerprint_key
ALLOWED_HOSTS = [h for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from its own static files instead of a CDN
    "axes",
    "django_ratelimit",
    "gongkai.core",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.search",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.notices",
    "gongkai.directories",
    "gongkai.websites",
    "gongkai.supervision",
    "gongkai.worklog",
    "gongkai.reports",
    "gongkai.ingest",
    "gongkai.portal",
    "gongkai.api",
    "gongkai.staff",
    "gongkai.counter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # HTTP hardening (docs/security.md "HTTP hardening"): CSP header, hostile-value guard, no-store on
    # personal pages, staff idle timeout, JSON-only API writes.
    "csp.middleware.CSPMiddleware",
    "gongkai.core.httpguard.RequestSanityMiddleware",
    "gongkai.core.httpguard.NoStoreMiddleware",
    "gongkai.core.httpguard.StaffIdleTimeoutMiddleware",
    "gongkai.core.httpguard.ApiJsonOnlyMiddleware",
    # A django-ratelimit refusal (Ratelimited) becomes the Chinese 429 page, not a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Turns a locked-out login into the lockout page (django-axes: keep it last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.config.urls"
WSGI_APPLICATION = "gongkai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context.site",
            ],
        },
    }
]

DEFAULT_SQLITE = f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"
if "DATABASE_URL" not in os.environ:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the public portal read while staff write; busy timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    # Keep each gunicorn thread's connection: opening one (and running the PRAGMAs) costs ~4 ms a request.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Behind pgbouncer in transaction pooling mode a server-side cursor (QuerySet.iterator: events verify, key
# rotation) could land on another connection: GONGKAI_PGBOUNCER=1 makes Django read such results client-side.
if env_bool("GONGKAI_PGBOUNCER", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks every login (staff page and /admin/) first and refuses a locked-out one.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Scaled deployments keep attachments and letters in S3-compatible object storage (django-storages) so app
# servers and workers share them without a network file system (docs/deployment.md). Files stay private:
# every download goes through the platform's views (access checks), never a public bucket URL.
if os.environ.get("GONGKAI_S3_BUCKET"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ["GONGKAI_S3_BUCKET"],
        "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
        "access_key": os.environ.get("GONGKAI_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("GONGKAI_S3_SECRET_KEY") or None,
        "location": os.environ.get("GONGKAI_S3_PREFIX", "media"),
        "default_acl": "private", "querystring_auth": True, "file_overwrite": False,
    }}
# Uploads (gongkai.core.uploads, docs/security.md "Uploads"). Every multipart body streams through the
# guarded handler into a temporary file and is stopped as soon as a cap is passed; the upload views also
# refuse a body whose declared length is over their cap before reading it. Form fields other than files
# are held in memory only up to DATA_UPLOAD_MAX_MEMORY_SIZE.
FILE_UPLOAD_HANDLERS = ["gongkai.core.uploads.GuardedUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Public application form (/apply/): per file, all files of one application, number of files.
GONGKAI_UPLOAD_PUBLIC_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_UPLOAD_PUBLIC_MAX_FILE_BYTES", 10 * 1024 * 1024))
GONGKAI_UPLOAD_PUBLIC_MAX_REQUEST_BYTES = int(os.environ.get("GONGKAI_UPLOAD_PUBLIC_MAX_REQUEST_BYTES",
                                                             30 * 1024 * 1024))
GONGKAI_UPLOAD_PUBLIC_MAX_FILES = int(os.environ.get("GONGKAI_UPLOAD_PUBLIC_MAX_FILES", 5))
# Staff uploads (catalog attachments, and the default for any other multipart request).
GONGKAI_UPLOAD_STAFF_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_UPLOAD_STAFF_MAX_FILE_BYTES", 20 * 1024 * 1024))
GONGKAI_UPLOAD_STAFF_MAX_REQUEST_BYTES = int(os.environ.get("GONGKAI_UPLOAD_STAFF_MAX_REQUEST_BYTES",
                                                            20 * 1024 * 1024))
GONGKAI_UPLOAD_STAFF_MAX_FILES = int(os.environ.get("GONGKAI_UPLOAD_STAFF_MAX_FILES", 5))
# The counter's batch intake (gongkai.counter): up to 50 paper applications, each with its scans.
GONGKAI_UPLOAD_COUNTER_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_UPLOAD_COUNTER_MAX_FILE_BYTES",
                                                           20 * 1024 * 1024))
GONGKAI_UPLOAD_COUNTER_MAX_REQUEST_BYTES = int(os.environ.get("GONGKAI_UPLOAD_COUNTER_MAX_REQUEST_BYTES",
                                                              200 * 1024 * 1024))
GONGKAI_UPLOAD_COUNTER_MAX_FILES = int(os.environ.get("GONGKAI_UPLOAD_COUNTER_MAX_FILES", 100))
# Published annual reports (staff import page and POST /api/ingest/parse): one file, at most the size the
# ingest readers accept (gongkai.ingest.readers.MAX_FILE_BYTES; docs/ingest.md "Limits").
GONGKAI_UPLOAD_INGEST_MAX_FILE_BYTES = int(os.environ.get("GONGKAI_UPLOAD_INGEST_MAX_FILE_BYTES", 30 * 1024 * 1024))
GONGKAI_UPLOAD_INGEST_MAX_REQUEST_BYTES = int(os.environ.get("GONGKAI_UPLOAD_INGEST_MAX_REQUEST_BYTES",
                                                             30 * 1024 * 1024))
GONGKAI_UPLOAD_INGEST_MAX_FILES = 1
# Uploads are refused (507) when storing one would leave less than this free under MEDIA_ROOT.
GONGKAI_UPLOAD_DISK_FLOOR_BYTES = int(os.environ.get("GONGKAI_UPLOAD_DISK_FLOOR_BYTES", 1024 * 1024 * 1024))

# Content-Security-Policy (django-csp 4): everything from the platform itself; no inline script at all.
# <style> blocks carry the per-request nonce ({{ request.csp_nonce }}); style *attributes* stay allowed
# (style-src-attr) because the annual-report tables set column widths inline, shared with PDF output,
# and a style attribute cannot run script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],  # the nonce appears only on responses whose template used it
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Staff sessions end after this many minutes without a request (sliding; gongkai.core.httpguard).
GONGKAI_STAFF_IDLE_MINUTES = int(os.environ.get("GONGKAI_STAFF_IDLE_MINUTES", "30"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600  # an absolute cap on top of the idle timeout
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"

# Single sign-on for staff (统一身份认证, OpenID Connect; gongkai.agencies.sso). Off unless a client id is set.
GONGKAI_OIDC_ENABLED = bool(os.environ.get("GONGKAI_OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("GONGKAI_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("GONGKAI_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("GONGKAI_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("GONGKAI_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("GONGKAI_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("GONGKAI_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("GONGKAI_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("GONGKAI_OIDC_SCOPES", "openid profile")
GONGKAI_OIDC_ISSUER = os.environ.get("GONGKAI_OIDC_ISSUER", OIDC_OP_TOKEN_ENDPOINT)
GONGKAI_OIDC_ROLES_CLAIM = os.environ.get("GONGKAI_OIDC_ROLES_CLAIM", "gongkai_roles")
GONGKAI_OIDC_LABEL = os.environ.get("GONGKAI_OIDC_LABEL", "统一身份认证登录")
LOGIN_REDIRECT_URL_FAILURE = "/staff/login/?sso=failed"
OIDC_AUTHENTICATION_CALLBACK_URL = "sso-callback"
if GONGKAI_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "gongkai.agencies.sso.StaffOIDCBackend"]
LOGOUT_REDIRECT_URL = "/"

# Background tasks: Celery with Redis when a broker URL is given, otherwise in-process (eager).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager mode sends nothing; the in-memory transport keeps kombu from announcing a default AMQP host
# ("No hostname was supplied") on every command of the embedded default.
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_BACKEND = None
# A task is acknowledged only after it ran, and a worker that dies mid-task (killed, out of memory) gives
# it back: nothing queued is lost. Every task is idempotent for this reason (re-indexing replaces the
# entry; a reminder is claimed once per user and day in core.claims before it is sent). One task at a
# time per worker process, so a dying worker holds back no prefetched queue. On Redis an unacknowledged
# task returns to the queue after the visibility timeout, which must exceed the longest task.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
_VISIBILITY = int(os.environ.get("GONGKAI_TASK_VISIBILITY_SECONDS", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY,
    # kombu sweeps abandoned tasks back about every interval × throttle seconds (default 10 × 10 = 100 s);
    # keep that well under a short visibility timeout.
    "unacked_restore_interval": min(10, max(1, _VISIBILITY // 8)),
    "unacked_restore_throttle": 10 if _VISIBILITY >= 600 else 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With workers (scaled deployment), `celery -A gongkai.config beat` sends staff the due-soon and overdue
# reminders every morning at 08:00 (TIME_ZONE); in-process deployments can run the same task from cron.
# GONGKAI_REMINDER_EVERY_SECONDS replaces the daily time by an interval (the topology test uses seconds;
# the once-a-day claim keeps repeated runs from mailing anyone twice).
_REMINDER_EVERY = os.environ.get("GONGKAI_REMINDER_EVERY_SECONDS", "")
CELERY_BEAT_SCHEDULE = {
    "due-reminders": {"task": "gongkai.applications.tasks.send_due_reminders",
                      "schedule": float(_REMINDER_EVERY) if _REMINDER_EVERY else crontab(hour=8, minute=0)},
    # notices (docs/applications.md "Notices"): retries and SMS held over quiet hours; overdue warnings
    "send-due-notices": {"task": "gongkai.notices.tasks.send_due_notices", "schedule": 60.0},
    "warn-overdue": {"task": "gongkai.notices.tasks.warn_overdue", "schedule": crontab(hour=8, minute=30)},
}

# Notices to applicants and staff (docs/applications.md "Notices"): SMS backend (dotted path; the console
# backend logs and keeps messages), quiet hours for SMS in Asia/Shanghai ("22-8"), and the Alibaba Cloud
# SMS adapter's account, signature and per-notice template codes (JSON objects).
GONGKAI_SMS_BACKEND = os.environ.get("GONGKAI_SMS_BACKEND", "gongkai.notices.sms.ConsoleSms")
GONGKAI_SMS_QUIET_HOURS = os.environ.get("GONGKAI_SMS_QUIET_HOURS", "22-8")
GONGKAI_SMS_FILE = os.environ.get("GONGKAI_SMS_FILE", "")
GONGKAI_ALIYUN_SMS = json.loads(os.environ.get("GONGKAI_ALIYUN_SMS", "{}"))
GONGKAI_SMS_TEMPLATES = json.loads(os.environ.get("GONGKAI_SMS_TEMPLATES", "{}"))

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_URL"]}}

# Login lockout (django-axes, docs/security.md): failures are counted per username AND client IP, so one
# address cannot lock every account and a clerk is not locked out by someone guessing elsewhere. After
# GONGKAI_LOGIN_FAILURE_LIMIT failures that pair is refused for GONGKAI_LOGIN_COOLOFF_MINUTES; an agency
# admin (staff page "登录锁定") or `gongkai axes_reset_username NAME` unlocks sooner.
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.agencies.lockout.lockout_response"  # Chinese page with how to get unlocked
AXES_HTTP_RESPONSE_CODE = 429
# Behind nginx every request comes from 127.0.0.1: GONGKAI_PROXY_COUNT says how many trusted proxies append
# to X-Forwarded-For, and axes, django-ratelimit and the API throttle all take the client address from it.
# 0 (the default) trusts no header, so a client cannot pick its own address.
GONGKAI_PROXY_COUNT = int(os.environ.get("GONGKAI_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "gongkai.agencies.lockout.client_ip"
RATELIMIT_IP_META_KEY = "gongkai.agencies.lockout.client_ip"
NINJA_NUM_PROXIES = GONGKAI_PROXY_COUNT

# Request rate limits (django-ratelimit on the public pages, ninja throttles on the API). Counters live in
# the default cache: with REDIS_URL they are shared by every worker and server; the embedded default's
# local-memory cache counts per worker process, so there a limit is effectively multiplied by the number
# of gunicorn workers (2) — a documented, deliberate exception (django_ratelimit.E003 silenced below).
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "gongkai.applications.public_views.ratelimited"
GONGKAI_RATE_LOOKUP_IP = os.environ.get("GONGKAI_RATE_LOOKUP_IP", "20/h")  # status lookups per client IP
GONGKAI_RATE_LOOKUP_CODE = os.environ.get("GONGKAI_RATE_LOOKUP_CODE", "5/h")  # per tracking code, any IP
GONGKAI_RATE_APPLY_IP = os.environ.get("GONGKAI_RATE_APPLY_IP", "10/h")  # public application submissions
GONGKAI_RATE_FEES_IP = os.environ.get("GONGKAI_RATE_FEES_IP", "60/m")  # fee calculator requests
GONGKAI_RATE_API_ANON = os.environ.get("GONGKAI_RATE_API_ANON", "60/m")  # API, per IP without a login
GONGKAI_RATE_API_USER = os.environ.get("GONGKAI_RATE_API_USER", "600/m")  # API, per logged-in user
SILENCED_SYSTEM_CHECKS = [
    # Django's own RedisCache increments atomically; django-ratelimit only lists django-redis as supported.
    "django_ratelimit.W001",
]
if not os.environ.get("REDIS_URL"):
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

EMAIL_BACKEND = os.environ.get("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
# Directory of the file-based mail backend (GONGKAI_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend).
if os.environ.get("GONGKAI_EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["GONGKAI_EMAIL_FILE_PATH"]

# Site identity for the page meta tags of 政府网站 (spec §6.4).
GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "政府信息公开平台")
GONGKAI_SITE_DOMAIN = os.environ.get("GONGKAI_SITE_DOMAIN", "127.0.0.1:8000")
GONGKAI_SITE_ID_CODE = os.environ.get("GONGKAI_SITE_ID_CODE", "0000000000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "WARNING")},
    # WeasyPrint's font subsetting (fontTools) warns about every CJK font table it drops; operators cannot
    # act on it and it buries the command's own output.
    "loggers": {"fontTools": {"level": "ERROR"}},
}
