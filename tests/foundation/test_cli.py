"""The `gongkai` console front: own commands first, migrate-first on a fresh embedded data directory,
one line (exit 2) for a server database that is behind, the calendar warning only where it matters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai import cli


def test_help_lists_own_commands_first_with_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--help"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("  ")]
    assert listed[:4] == ["serve", "demo", "report", "ingest"]
    assert "退出状态" in out and "report：文件已写出但一致性校验有错误" in out
    assert "changepassword" not in out  # Django's own commands are behind `gongkai help --commands`


def _run(args: list[str], data_dir: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
    env.update(GONGKAI_DATA_DIR=str(data_dir), **extra_env)
    return subprocess.run([sys.executable, "-m", "gongkai.cli", *args], env=env, capture_output=True,
                          text=True, timeout=300)


def test_fresh_embedded_data_dir_is_migrated_first_and_quiet(tmp_path: Path) -> None:
    done = _run(["events", "verify"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "正在运行 gongkai migrate" in done.stderr
    assert "Traceback" not in done.stderr and "no such table" not in done.stderr
    assert "节假日安排数据" not in done.stderr  # the calendar warning is not printed before every command
    assert "No hostname was supplied" not in done.stderr
    again = _run(["events", "verify"], tmp_path)
    assert "gongkai migrate" not in again.stderr  # migrated once, not on every run
    check = _run(["check"], tmp_path)
    assert "节假日安排数据" in check.stderr + check.stdout  # …but `gongkai check` shows it


def test_server_database_behind_is_not_migrated_implicitly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    done = _run(["events", "verify"], tmp_path, DATABASE_URL=url, GONGKAI_DEBUG="1")
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last == "数据库尚未迁移到当前版本：请先运行 gongkai migrate，再运行 gongkai events。"
