"""System checks on the key settings: refuse to start without valid, distinct keys (keys.E001–E007, keys.W001).

Registered without a tag, so they run on every management command that checks (``gongkai serve`` runs
``check`` before gunicorn) and under ``check --deploy``. In production (settings.prod, or ``DATABASE_URL``
set without DEBUG) nothing is generated, so a key missing from the environment ends here, before any request.
Messages are Chinese and English and never contain key material.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from gongkai.core import keys

_GENERATE = ("运行 gongkai keys generate 生成新密钥，写入环境变量（见 docs/deployment.md）。"
             "/ Run `gongkai keys generate`.")


def _field_key_errors(field_keys: Sequence[str], secret_key: str) -> list[CheckMessage]:
    if not field_keys:
        return [Error(
            f"未设置字段加密密钥 {keys.FIELD_KEYS_ENV}：生产环境必须在环境变量中提供，且不得与 SECRET_KEY 相同。"
            f"/ {keys.FIELD_KEYS_ENV} is not set; production requires an explicit field-encryption key.",
            hint=_GENERATE, id="keys.E001")]
    out: list[CheckMessage] = []
    for position, key in enumerate(field_keys, start=1):
        try:
            keys.key_bytes(key, keys.FIELD_KEYS_ENV, position)
        except keys.KeyFormatError as exc:
            out.append(Error(str(exc), hint=_GENERATE, id="keys.E002"))
        if key == secret_key:
            out.append(Error(
                f"{keys.FIELD_KEYS_ENV} 的第 {position} 个密钥与 SECRET_KEY 相同：两者必须是不同的随机密钥。"
                f"/ {keys.FIELD_KEYS_ENV} (key #{position}) must differ from SECRET_KEY.",
                hint=_GENERATE, id="keys.E003"))
    return out


def _fingerprint_key_errors(fingerprint_key: str, field_keys: Sequence[str], secret_key: str) -> list[CheckMessage]:
    name = keys.FINGERPRINT_KEY_ENV
    if not fingerprint_key:
        return [Error(
            f"未设置证件号码指纹密钥 {name}：生产环境必须在环境变量中提供。"
            f"/ {name} is not set; production requires an explicit fingerprint key.",
            hint=_GENERATE, id="keys.E004")]
    out: list[CheckMessage] = []
    try:
        keys.key_bytes(fingerprint_key, name)
    except keys.KeyFormatError as exc:
        out.append(Error(str(exc), hint=_GENERATE, id="keys.E005"))
    if fingerprint_key == secret_key or fingerprint_key in field_keys:
        out.append(Error(
            f"{name} 与 SECRET_KEY 或字段加密密钥相同：指纹密钥必须单独生成。"
            f"/ {name} must differ from SECRET_KEY and from every field-encryption key.",
            hint=_GENERATE, id="keys.E006"))
    return out


@register()
def key_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    secret_key = str(getattr(settings, "SECRET_KEY", "") or "")
    field_keys = list(getattr(settings, "GONGKAI_FIELD_KEYS", []) or [])
    fingerprint_key = str(getattr(settings, "GONGKAI_FINGERPRINT_KEY", "") or "")
    out = _field_key_errors(field_keys, secret_key)
    out += _fingerprint_key_errors(fingerprint_key, field_keys, secret_key)
    if secret_key in ("", keys.PUBLISHED_SECRET_KEY):
        out.append(Error(
            f"SECRET_KEY 未设置或仍是源代码中公开的默认值：请在环境变量 {keys.SECRET_KEY_ENV} 中设置随机密钥。"
            f"/ {keys.SECRET_KEY_ENV} is unset or the published default.",
            hint="python -c \"import secrets; print(secrets.token_urlsafe(50))\"", id="keys.E007"))
    key_dir: Path | None = getattr(settings, "GONGKAI_KEY_DIR", None)
    for path in keys.loose_key_files(key_dir):
        out.append(Warning(
            f"密钥文件 {path} 可被其他用户读取，应为 0600。/ Key file {path} is readable by group or others.",
            hint=f"chmod 600 {path}", id="keys.W001"))
    return out
