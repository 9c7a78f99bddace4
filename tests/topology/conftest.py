"""The scaled topology as a session fixture: a scratch PostgreSQL database, a Redis database, a Celery worker and
beat, and two gunicorn app servers with the production settings, on loopback ports picked free.

Runs on the PostgreSQL leg of scripts/test.sh (``DATABASE_URL`` names the server; the topology creates and
drops its own database ``gk_topology_<pid>`` there). Redis: ``GONGKAI_TEST_REDIS`` (default
``redis://127.0.0.1:6379/15``), flushed before and after. Without PostgreSQL or Redis the tests are skipped,
except under ``CI=true``, where a missing service fails the run. Everything started is stopped by finalizers,
whole process groups at a time.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.topology.harness import PYTHON, ROOT, Topology

DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
SEED_RECORDS = 4


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"topology: {reason} (required in CI)")
    pytest.skip(f"topology: {reason}")


def _pg_server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("topology runs on the PostgreSQL leg (DATABASE_URL=postgres://…)")
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def _admin_connect(server: str) -> Any:
    import psycopg

    return psycopg.connect(server.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True,
                           connect_timeout=5)


def _key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture(scope="session")
def topology() -> Iterator[dict[str, Any]]:
    server = _pg_server()
    try:
        _admin_connect(server).close()
    except Exception as exc:  # psycopg.OperationalError and friends
        _unavailable(f"PostgreSQL not reachable at {server}: {exc}")
    import redis

    redis_url = os.environ.get("GONGKAI_TEST_REDIS", DEFAULT_REDIS)
    broker = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
    try:
        broker.ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis not reachable at {redis_url}: {exc}")

    db_name = f"gk_topology_{os.getpid()}"
    root = Path(tempfile.mkdtemp(prefix="gk-topology-"))
    (root / "mail").mkdir()
    (root / "marks").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "CELERY_", "DJANGO_"))}
    env.update(
        PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="gongkai.config.settings.prod",
        DATABASE_URL=f"{server}/{db_name}", REDIS_URL=redis_url,
        GONGKAI_SECRET_KEY=secrets.token_urlsafe(50), GONGKAI_FIELD_KEYS=_key(), GONGKAI_FINGERPRINT_KEY=_key(),
        GONGKAI_DATA_DIR=str(root / "data"), GONGKAI_MEDIA_ROOT=str(root / "media"),
        GONGKAI_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback stands in for nginx's TLS: no redirect, no secure-only cookies, no HSTS.
        GONGKAI_SSL_REDIRECT="0", GONGKAI_SECURE_COOKIES="0", GONGKAI_HSTS_SECONDS="0",
        GONGKAI_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        GONGKAI_EMAIL_FILE_PATH=str(root / "mail"),
        # Short schedules for the test: beat sends the reminder every 3 s; an unacknowledged task returns to
        # the queue 8 s after its worker died.
        GONGKAI_REMINDER_EVERY_SECONDS="3", GONGKAI_TASK_VISIBILITY_SECONDS="8",
        GONGKAI_TOPOLOGY_MARKS=str(root / "marks"),
    )
    topo = Topology(root=root, env=env)
    with _admin_connect(server) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"')
    broker.flushdb()
    try:
        topo.run(PYTHON, "-m", "gongkai.cli", "migrate", "--no-input", "-v", "0")
        # Seeded in-process (no broker: tasks eager), before any worker exists.
        seed_env = {k: v for k, v in env.items() if k != "REDIS_URL"}
        seed = json.loads(topo.run(PYTHON, "-m", "tests.topology.seed", str(SEED_RECORDS), env=seed_env)
                          .strip().splitlines()[-1])
        topo.start_worker()
        topo.start_beat()
        topo.start_server("A")
        topo.start_server("B")
        yield {"topo": topo, "seed": seed, "db": f"{server}/{db_name}", "redis": broker}
    finally:
        topo.stop_all()
        broker.flushdb()
        with _admin_connect(server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        shutil.rmtree(root, ignore_errors=True)
