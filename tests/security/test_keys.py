"""Keys (issue 9, item 2): no field key derived from SECRET_KEY, key files 0600, rotation, HMAC fingerprints.

Each test performs the attack or the failure it names and asserts it is refused: a copied database opened with
the published development SECRET_KEY, key files readable by others, an old key still needed after rotation, an
interrupted rotation redoing or losing work, a plain-hash fingerprint, a production start without keys, a
malformed key or a key equal to SECRET_KEY.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from gongkai.applications import crypto
from gongkai.applications import services as s
from gongkai.applications.models import ApplicantType, Application
from gongkai.core import events, keys
from gongkai.core.keys_check import key_settings
from gongkai.core.models import Event

ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = keys.generate_key(), keys.generate_key()
FP_A, FP_B = keys.generate_key(), keys.generate_key()
ID = "110101199003071234"


def submit(agency: Any, id_number: str = ID, info: str = "2025年度部门预算") -> Application:
    return s.application_submit(agency=agency, channel="in_person", data={
        "applicant_type": ApplicantType.NATURAL_PERSON, "applicant_name": "张三", "id_number": id_number,
        "info_name": info}, submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2))


def old_derived_key(secret: str) -> bytes:
    """How the key was derived before this fix: what an attacker holding the source would try."""
    return base64.urlsafe_b64encode(hashlib.sha256(("gongkai-field-key:" + secret).encode()).digest())


def stored(pk: int) -> tuple[str, str]:
    return Application.objects.filter(pk=pk).values_list("id_number_enc", "id_fingerprint").get()


# ------------------------------------------------------------------ the attack: copied database


@pytest.mark.django_db
def test_copied_database_with_published_secret_key_cannot_decrypt(agency: Any, tmp_path: Path) -> None:
    victim = keys.load({}, tmp_path / "victim")  # an embedded default install: nothing set in the environment
    assert victim.secret_key != keys.PUBLISHED_SECRET_KEY
    with override_settings(SECRET_KEY=keys.PUBLISHED_SECRET_KEY, GONGKAI_FIELD_KEYS=victim.field_keys,
                           GONGKAI_FINGERPRINT_KEY=victim.fingerprint_key):
        app = submit(agency)
        assert app.reveal_id_number() == ID
    token, fp = stored(app.pk)
    # The attacker has the row and the source code: the published secret and the old derivation.
    for secret in (keys.PUBLISHED_SECRET_KEY, victim.secret_key):
        with pytest.raises(InvalidToken):
            Fernet(old_derived_key(secret)).decrypt(token.encode())
        assert hashlib.sha256((secret + "|id|" + ID).encode()).hexdigest()[:32] != fp
    # ... and a fresh install of their own with the default settings (its own random keys).
    attacker = keys.load({}, tmp_path / "attacker")
    with override_settings(SECRET_KEY=keys.PUBLISHED_SECRET_KEY, GONGKAI_FIELD_KEYS=attacker.field_keys,
                           GONGKAI_FINGERPRINT_KEY=attacker.fingerprint_key):
        assert Application.objects.get(pk=app.pk).reveal_id_number() == crypto.UNREADABLE
        assert crypto.fingerprint(ID) != fp


def test_embedded_settings_generate_keys_once_and_never_use_the_published_secret(tmp_path: Path) -> None:
    """Two real starts of settings.base on the embedded default (no DATABASE_URL): keys made, then reused."""
    code = ("import json; from django.conf import settings as s; print(json.dumps("
            "[s.SECRET_KEY, s.GONGKAI_FIELD_KEYS, s.GONGKAI_FINGERPRINT_KEY]))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.config.settings.base")
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                                      text=True, check=True).stdout) for _ in range(2)]
    assert runs[0] == runs[1]
    secret, field, fp = runs[0]
    assert secret != keys.PUBLISHED_SECRET_KEY and len(secret) >= 50
    assert len(field) == 1 and field[0] != secret and fp not in (secret, field[0])
    for name in (keys.SECRET_KEY_FILE, keys.FIELD_KEYS_FILE, keys.FINGERPRINT_KEY_FILE):
        assert stat.S_IMODE((tmp_path / "keys" / name).stat().st_mode) == 0o600


# ------------------------------------------------------------------ key files


def test_key_files_are_created_0600_and_reused(tmp_path: Path) -> None:
    old_umask = os.umask(0)  # a permissive umask must not widen the files
    try:
        first = keys.load({}, tmp_path / "keys")
    finally:
        os.umask(old_umask)
    for name in (keys.SECRET_KEY_FILE, keys.FIELD_KEYS_FILE, keys.FINGERPRINT_KEY_FILE):
        assert stat.S_IMODE((tmp_path / "keys" / name).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    assert keys.load({}, tmp_path / "keys") == first
    assert len({first.secret_key, first.field_keys[0], first.fingerprint_key}) == 3
    keys.key_bytes(first.field_keys[0], "x")
    keys.key_bytes(first.fingerprint_key, "x")
    # Variables in the environment win and nothing is generated for them.
    given = keys.load({keys.FIELD_KEYS_ENV: f"{NEW}, {OLD}", keys.FINGERPRINT_KEY_ENV: FP_A}, tmp_path / "other")
    assert given.field_keys == [NEW, OLD] and given.fingerprint_key == FP_A
    assert not (tmp_path / "other" / keys.FIELD_KEYS_FILE).exists()


def test_loose_key_file_is_reported(tmp_path: Path) -> None:
    keys.load({}, tmp_path)
    (tmp_path / keys.FIELD_KEYS_FILE).chmod(0o644)
    with override_settings(GONGKAI_KEY_DIR=tmp_path):
        assert [m.id for m in key_settings()] == ["keys.W001"]


def test_workers_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    barrier = threading.Barrier(12)
    results: list[keys.Keys] = []

    def start() -> None:
        barrier.wait()
        results.append(keys.load({}, tmp_path))

    threads = [threading.Thread(target=start) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 12 and len(set(map(repr, results))) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [keys.FIELD_KEYS_FILE, keys.FINGERPRINT_KEY_FILE, keys.SECRET_KEY_FILE])  # no temporary file left


# ------------------------------------------------------------------ rotation


@pytest.mark.django_db
def test_rotate_reencrypts_everything_then_the_old_key_can_go(agency: Any, capsys: Any) -> None:
    with override_settings(GONGKAI_FIELD_KEYS=[OLD]):
        apps = [submit(agency, f"11010119900307{n:04d}") for n in range(5)]
        before = {a.pk: stored(a.pk)[0] for a in apps}
    with override_settings(GONGKAI_FIELD_KEYS=[NEW, OLD]):
        call_command("keys", "status")
        assert "密钥 2（仅用于解密" in capsys.readouterr().out
        call_command("keys", "rotate", "--no-progress", "--batch-size", "2")
        assert "重新加密 5 条" in capsys.readouterr().out
        call_command("keys", "status")
        out = capsys.readouterr().out
        assert "密钥 1（最新，用于加密，编号 " + keys.key_id(NEW) + "）：5 条" in out
        assert "可以从 GONGKAI_FIELD_KEYS 中删除旧密钥" in out
    with override_settings(GONGKAI_FIELD_KEYS=[NEW]):  # the old key removed
        for n, a in enumerate(apps):
            token = stored(a.pk)[0]
            assert token != before[a.pk]
            assert Application.objects.get(pk=a.pk).reveal_id_number() == f"11010119900307{n:04d}"
            with pytest.raises(InvalidToken):
                Fernet(OLD).decrypt(token.encode())
    assert Event.objects.filter(action="application.keys_rotated").count() == 3  # one per batch of 2


@pytest.mark.django_db
def test_rotation_resumes_after_an_interruption(agency: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with override_settings(GONGKAI_FIELD_KEYS=[OLD]):
        apps = [submit(agency, f"11010119900307{n:04d}") for n in range(7)]
    real_record = events.record
    calls = {"n": 0}

    def failing_second_batch(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk gone")  # inside the second batch's transaction
        return real_record(**kwargs)

    with override_settings(GONGKAI_FIELD_KEYS=[NEW, OLD]):
        monkeypatch.setattr(events, "record", failing_second_batch)
        with pytest.raises(CommandError, match=f"--after {apps[2].pk}"):
            call_command("keys", "rotate", "--no-progress", "--batch-size", "3")
        monkeypatch.setattr(events, "record", real_record)
        positions = [crypto.key_position(stored(a.pk)[0]) for a in apps]
        assert positions == [0, 0, 0, 1, 1, 1, 1]  # first batch committed, second rolled back whole
        done = {a.pk: stored(a.pk)[0] for a in apps[:3]}
        call_command("keys", "rotate", "--no-progress", "--batch-size", "3")
        assert [crypto.key_position(stored(a.pk)[0]) for a in apps] == [0] * 7
        assert {a.pk: stored(a.pk)[0] for a in apps[:3]} == done  # finished rows were skipped, not redone


@pytest.mark.django_db
def test_rotation_writes_no_identity_number_or_key_anywhere(agency: Any, capsys: Any,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    with override_settings(GONGKAI_FIELD_KEYS=[OLD]):
        submit(agency)
    caplog.set_level(logging.DEBUG)
    with override_settings(GONGKAI_FIELD_KEYS=[NEW, OLD], GONGKAI_FINGERPRINT_KEY=FP_B):
        call_command("keys", "rotate")  # with the progress bar
        call_command("keys", "status")
    out = capsys.readouterr()
    written = out.out + out.err + caplog.text + json.dumps(list(Event.objects.values("before", "after", "note")))
    for secret in (ID, NEW, OLD, FP_B):
        assert secret not in written


@pytest.mark.django_db
def test_new_fingerprint_key_rotation_recomputes_fingerprints(agency: Any) -> None:
    with override_settings(GONGKAI_FINGERPRINT_KEY=FP_A):
        first = submit(agency)
    with override_settings(GONGKAI_FINGERPRINT_KEY=FP_B):
        call_command("keys", "rotate", "--no-progress")
        assert stored(first.pk)[1] == crypto.fingerprint(ID)
        again = submit(agency)  # the same person asking again is still recognised as a duplicate
        assert again.duplicate_of_id == first.pk


@pytest.mark.django_db
def test_values_of_the_old_release_are_moved_off_the_published_key(agency: Any, capsys: Any) -> None:
    app = submit(agency)
    legacy = Fernet(old_derived_key(keys.PUBLISHED_SECRET_KEY)).encrypt(ID.encode()).decode()
    legacy_fp = hashlib.sha256((keys.PUBLISHED_SECRET_KEY + "|id|" + ID).encode()).hexdigest()[:32]
    Application.objects.filter(pk=app.pk).update(id_number_enc=legacy, id_fingerprint=legacy_fp)
    with pytest.raises(CommandError, match="1 条无法用已配置的任何密钥解密"):
        call_command("keys", "rotate", "--no-progress")  # without --legacy nothing opens it: left as it is
    assert stored(app.pk) == (legacy, legacy_fp)
    call_command("keys", "rotate", "--no-progress", "--legacy")
    token, fp = stored(app.pk)
    assert Application.objects.get(pk=app.pk).reveal_id_number() == ID and fp == crypto.fingerprint(ID)
    with pytest.raises(InvalidToken):
        Fernet(old_derived_key(keys.PUBLISHED_SECRET_KEY)).decrypt(token.encode())


# ------------------------------------------------------------------ fingerprint


def test_fingerprint_is_an_hmac_under_its_own_key() -> None:
    with override_settings(GONGKAI_FINGERPRINT_KEY=FP_A, SECRET_KEY="secret-one"):
        fp = crypto.fingerprint(" 110101199003071234 ")
        expected = hmac.new(keys.key_bytes(FP_A, "x"), b"gongkai-id|" + ID.encode(), hashlib.sha256).hexdigest()
        assert fp == expected[:32] == crypto.fingerprint(ID)
        # The old plain hash is not what is stored, so guessing ID numbers with SECRET_KEY finds nothing.
        assert fp != hashlib.sha256(("secret-one|id|" + ID).encode()).hexdigest()[:32]
    with override_settings(GONGKAI_FINGERPRINT_KEY=FP_A, SECRET_KEY="secret-two", GONGKAI_FIELD_KEYS=[NEW]):
        assert crypto.fingerprint(ID) == fp  # independent of SECRET_KEY and of the field key
    with override_settings(GONGKAI_FINGERPRINT_KEY=FP_B):
        assert crypto.fingerprint(ID) != fp


# ------------------------------------------------------------------ refusing bad configurations


def _ids(**settings: Any) -> list[str]:
    with override_settings(**settings):
        return [m.id for m in key_settings() if m.id]


def test_missing_keys_are_errors() -> None:
    assert _ids(GONGKAI_FIELD_KEYS=[]) == ["keys.E001"]
    assert _ids(GONGKAI_FINGERPRINT_KEY="") == ["keys.E004"]
    assert _ids(SECRET_KEY=keys.PUBLISHED_SECRET_KEY) == ["keys.E007"]
    assert _ids() == []


@pytest.mark.parametrize("bad", ["not-a-key", NEW[:-2] + "=", NEW[:10] + "+" + NEW[11:], NEW[:-1] + "A",
                                 base64.urlsafe_b64encode(b"x" * 31).decode()],
                         ids=["garbage", "too-short", "standard-alphabet", "no-padding", "31-bytes"])
def test_malformed_key_gives_one_clear_error(bad: str) -> None:
    with override_settings(GONGKAI_FIELD_KEYS=[NEW, bad]):
        errors = key_settings()
        assert [m.id for m in errors] == ["keys.E002"]
        assert "GONGKAI_FIELD_KEYS 的第 2 个密钥格式错误" in errors[0].msg and bad not in errors[0].msg
        crypto.fernets.cache_clear()
        with pytest.raises(ImproperlyConfigured) as exc:
            crypto.encrypt(ID)  # a request that got past the checks still gets the one line, not a traceback
        assert "GONGKAI_FIELD_KEYS" in str(exc.value) and "\n" not in str(exc.value)
    assert _ids(GONGKAI_FINGERPRINT_KEY=bad) == ["keys.E005"]


def test_key_equal_to_secret_key_is_refused() -> None:
    assert _ids(SECRET_KEY=NEW, GONGKAI_FIELD_KEYS=[NEW]) == ["keys.E003"]
    assert _ids(SECRET_KEY=FP_A, GONGKAI_FINGERPRINT_KEY=FP_A) == ["keys.E006"]
    assert _ids(GONGKAI_FIELD_KEYS=[FP_A], GONGKAI_FINGERPRINT_KEY=FP_A) == ["keys.E006"]


def _deploy_check(tmp_path: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_URL"))}
    env.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.config.settings.prod",
               GONGKAI_ALLOWED_HOSTS="gongkai.example.gov.cn", **env_vars)
    return subprocess.run([sys.executable, "-m", "django", "check", "--deploy"], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def test_production_refuses_to_start_without_explicit_keys(tmp_path: Path) -> None:
    """settings.prod with nothing but a secret key: the deploy check stops with the key errors, no traceback."""
    run = _deploy_check(tmp_path, GONGKAI_SECRET_KEY=keys.generate_secret_key())
    assert run.returncode != 0
    assert "keys.E001" in run.stderr and "keys.E004" in run.stderr and "Traceback" not in run.stderr
    run = _deploy_check(tmp_path, GONGKAI_SECRET_KEY=keys.generate_secret_key(),
                        GONGKAI_FIELD_KEYS=f"{NEW},{OLD[:20]}", GONGKAI_FINGERPRINT_KEY=FP_A)
    assert "keys.E002" in run.stderr and "GONGKAI_FIELD_KEYS" in run.stderr and "Traceback" not in run.stderr
    assert OLD[:20] not in run.stderr
    run = _deploy_check(tmp_path, GONGKAI_SECRET_KEY=keys.generate_secret_key(),
                        GONGKAI_FIELD_KEYS=f"{NEW},{OLD}", GONGKAI_FINGERPRINT_KEY=FP_A)
    assert "keys." not in run.stdout + run.stderr
