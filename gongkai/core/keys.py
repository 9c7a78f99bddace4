"""Key material: where the secret, field-encryption and fingerprint keys come from, and what a valid one is.

This module owns the rules of docs/decisions/0006-key-handling.md at the floor of the project: reading the
keys from the environment (``GONGKAI_SECRET_KEY``, ``GONGKAI_FIELD_KEYS`` newest first, ``GONGKAI_FINGERPRINT_KEY``),
checking their format (urlsafe base64 of 32 random bytes), naming a key without revealing it, and, on the
embedded default, generating random keys once into ``<data dir>/keys`` (files created with mode 0600, safe when
several gunicorn workers start at once) and reusing them on later starts. It reads no Django settings, so the
settings modules can call it; ``gongkai.core.keys_check`` turns its findings into system checks, and
``gongkai.applications.crypto`` uses the keys.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

SECRET_KEY_ENV = "GONGKAI_SECRET_KEY"
FIELD_KEYS_ENV = "GONGKAI_FIELD_KEYS"
# Single-key name of earlier releases; still read so an upgraded deployment keeps decrypting.
LEGACY_FIELD_KEY_ENV = "GONGKAI_FIELD_KEY"
FINGERPRINT_KEY_ENV = "GONGKAI_FINGERPRINT_KEY"

# The development secret earlier releases shipped in the source: anyone can read it, so it is never a key.
PUBLISHED_SECRET_KEY = "dev-insecure-key-change-me"

SECRET_KEY_FILE = "secret.key"
FIELD_KEYS_FILE = "field.keys"
FINGERPRINT_KEY_FILE = "fingerprint.key"

# 32 bytes in urlsafe base64 are exactly 43 alphabet characters and one "=" (what Fernet.generate_key gives).
_KEY_RE = re.compile(r"[A-Za-z0-9_-]{43}=")


class KeyFormatError(ValueError):
    """A key that is not urlsafe base64 of 32 bytes. The message names the variable, never the key."""


def generate_key() -> str:
    """A new random key for ``GONGKAI_FIELD_KEYS`` or ``GONGKAI_FINGERPRINT_KEY``."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def generate_secret_key() -> str:
    return secrets.token_urlsafe(50)


def format_error(variable: str, position: int | None = None) -> str:
    which = f"{variable} 的第 {position} 个密钥" if position else f"{variable} "
    where = f"{variable} (key #{position})" if position else variable
    return (f"{which}格式错误：应为 32 字节随机数的 urlsafe base64 编码（44 个字符），"
            f"可用 gongkai keys generate 生成。/ {where} is not urlsafe base64 of 32 bytes.")


def key_bytes(key: str, variable: str, position: int | None = None) -> bytes:
    """The 32 raw bytes of ``key``; ``KeyFormatError`` (one line naming ``variable``) when malformed."""
    # Strict pattern first: the base64 decoder silently drops stray characters, which would let a typo pass.
    if not _KEY_RE.fullmatch(key):
        raise KeyFormatError(format_error(variable, position))
    return base64.urlsafe_b64decode(key.encode("ascii"))


def key_id(key: str) -> str:
    """A short, stable name for a key (to compare servers and read `keys status`); reveals nothing of it."""
    return hashlib.sha256(b"gongkai-key-id|" + key.encode("utf-8")).hexdigest()[:8]


def split_keys(raw: str) -> list[str]:
    """Comma- or newline-separated keys, newest first; blanks and ``#`` comment lines dropped."""
    parts = re.split(r"[,\n]", raw)
    return [p.strip() for p in parts if p.strip() and not p.strip().startswith("#")]


def read_or_create(path: Path, make: Callable[[], str]) -> str:
    """The text of ``path``; when it does not exist yet, create it with ``make()`` and mode 0600, then read it.

    Two workers may start at the same moment: each writes a private temporary file (O_CREAT|O_EXCL, 0600) and
    publishes it with ``os.link``, which fails when the name exists. So the first one wins, the other reads the
    winner's keys, and nobody ever reads a half-written file.
    """
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(make() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8")


def loose_key_files(key_dir: Path | None) -> list[Path]:
    """Key files in ``key_dir`` that the group or others may read (should be 0600)."""
    if key_dir is None:
        return []
    out = []
    for name in (SECRET_KEY_FILE, FIELD_KEYS_FILE, FINGERPRINT_KEY_FILE):
        try:
            mode = (key_dir / name).stat().st_mode
        except FileNotFoundError:
            continue
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            out.append(key_dir / name)
    return out


@dataclass(frozen=True)
class Keys:
    secret_key: str
    field_keys: list[str]
    fingerprint_key: str


def load(environ: Mapping[str, str], key_dir: Path | None) -> Keys:
    """The keys for the settings: each from the environment, else (``key_dir`` given) from its file there.

    ``key_dir`` is None in production, where nothing is generated: a missing key stays empty (a missing
    secret key becomes the published one) and the ``keys.E…`` system checks refuse to start. Formats are
    not checked here but by those checks, so a malformed key gives one clear message instead of a traceback.
    """
    secret = environ.get(SECRET_KEY_ENV, "").strip()
    if not secret:
        secret = (read_or_create(key_dir / SECRET_KEY_FILE, generate_secret_key).strip() if key_dir
                  else PUBLISHED_SECRET_KEY)
    field = split_keys(environ.get(FIELD_KEYS_ENV, "")) or split_keys(environ.get(LEGACY_FIELD_KEY_ENV, ""))
    if not field and key_dir:
        field = split_keys(read_or_create(key_dir / FIELD_KEYS_FILE, generate_key))
    fingerprint = environ.get(FINGERPRINT_KEY_ENV, "").strip()
    if not fingerprint and key_dir:
        fingerprint = read_or_create(key_dir / FINGERPRINT_KEY_FILE, generate_key).strip()
    return Keys(secret_key=secret, field_keys=field, fingerprint_key=fingerprint)
