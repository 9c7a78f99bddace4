"""The deployment configuration (docs/deployment.md, deploy/): object storage for attachments and the
systemd units' commands, checked without any outside service."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _settings_probe(tmp_path: Path, extra: dict[str, str], code: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(DJANGO_SETTINGS_MODULE="gongkai.config.settings.base", GONGKAI_DATA_DIR=str(tmp_path),
               PYTHONPATH=str(ROOT), **extra)
    done = subprocess.run([sys.executable, "-c", "import django, json; django.setup()\n" + code], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_s3_bucket_switches_attachments_to_private_object_storage(tmp_path: Path) -> None:
    code = ("from django.core.files.storage import storages; s = storages[\"default\"]\n"
            "print(json.dumps({'cls': type(s).__name__, 'bucket': s.bucket_name, 'location': s.location,"
            " 'acl': s.default_acl, 'signed': s.querystring_auth, 'endpoint': s.endpoint_url,"
            " 'overwrite': s.file_overwrite}))")
    got = _settings_probe(tmp_path, {"GONGKAI_S3_BUCKET": "gk-media", "GONGKAI_S3_ENDPOINT_URL": "https://oss.example",
                                     "GONGKAI_S3_ACCESS_KEY": "a", "GONGKAI_S3_SECRET_KEY": "b"}, code)
    assert got == {"cls": "S3Storage", "bucket": "gk-media", "location": "media", "acl": "private", "signed": True,
                   "endpoint": "https://oss.example", "overwrite": False}


def test_without_a_bucket_files_stay_on_the_file_system(tmp_path: Path) -> None:
    code = ("from django.core.files.storage import storages; s = storages[\"default\"]\n"
            "print(json.dumps({'cls': type(s).__name__}))")
    assert _settings_probe(tmp_path, {}, code) == {"cls": "FileSystemStorage"}


def test_systemd_units_run_commands_that_exist() -> None:
    units = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
    assert {u.name for u in units} == {"gongkai-web.service", "gongkai-worker.service", "gongkai-beat.service"}
    for unit in units:
        line = next(ln for ln in unit.read_text().splitlines() if ln.startswith("ExecStart="))
        argv = shlex.split(line.removeprefix("ExecStart="))
        tool = Path(argv[0]).name  # /opt/gongkai/.venv/bin/<tool> in production; the same tool here
        assert (Path(sys.executable).parent / tool).exists(), tool
        if tool == "celery":
            assert argv[1:3] == ["-A", "gongkai.config"] and argv[3] in {"worker", "beat"}
        else:
            assert argv[1:3] == ["serve", "--no-migrate"]
    env = (ROOT / "deploy" / "gongkai.env.example").read_text()
    for name in ("GONGKAI_SECRET_KEY", "GONGKAI_FIELD_KEYS", "GONGKAI_FINGERPRINT_KEY", "DATABASE_URL", "REDIS_URL",
                 "CELERY_BROKER_URL", "GONGKAI_S3_BUCKET"):
        assert f"\n{name}=" in env, name
