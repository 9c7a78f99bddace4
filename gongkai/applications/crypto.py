"""Encryption, fingerprinting and masking of applicants' identity-document numbers.

Values are encrypted with ``MultiFernet`` over ``settings.GONGKAI_FIELD_KEYS`` (newest first: new values use
the first key, any listed key decrypts, ``gongkai keys rotate`` moves old values to the first key). The
duplicate-detection fingerprint is an HMAC-SHA256 under its own ``settings.GONGKAI_FINGERPRINT_KEY``. Neither
key is derived from SECRET_KEY, so a copied database plus the source code reveals nothing. Where the keys
come from is ``gongkai.core.keys`` (docs/decisions/0006-key-handling.md).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# keys_check: imported with the models, so the keys.E00x system checks are registered whenever the app loads.
from gongkai.core import keys, keys_check  # noqa: F401

UNREADABLE = "（无法解密：密钥已更换）"


def field_keys() -> tuple[str, ...]:
    return tuple(getattr(settings, "GONGKAI_FIELD_KEYS", ()) or ())


@lru_cache(maxsize=8)
def fernets(key_list: tuple[str, ...]) -> tuple[Fernet, ...]:
    """One Fernet per key, newest first; ImproperlyConfigured (one line naming the variable) when unusable."""
    if not key_list:
        raise ImproperlyConfigured(f"{keys.FIELD_KEYS_ENV} 未设置 / is not set (see `gongkai check`).")
    out = []
    for position, key in enumerate(key_list, start=1):
        try:
            keys.key_bytes(key, keys.FIELD_KEYS_ENV, position)
        except keys.KeyFormatError as exc:
            raise ImproperlyConfigured(str(exc)) from None
        out.append(Fernet(key))
    return tuple(out)


def multi(key_list: Sequence[str] | None = None) -> MultiFernet:
    return MultiFernet(list(fernets(tuple(key_list) if key_list is not None else field_keys())))


def encrypt(value: str) -> str:
    return multi().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return multi().decrypt(token.encode()).decode()
    except InvalidToken:
        return UNREADABLE


def key_position(token: str, key_list: Sequence[str] | None = None) -> int | None:
    """Index (0 = newest) of the key that encrypted ``token``, None when no listed key opens it."""
    for index, f in enumerate(fernets(tuple(key_list) if key_list is not None else field_keys())):
        try:
            f.decrypt(token.encode())
        except InvalidToken:
            continue
        return index
    return None


def mask(value: str) -> str:
    """Show the first and the last 4 characters only: 110***********123X."""
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    keep_head = 1 if len(value) < 10 else 3
    return value[:keep_head] + "*" * (len(value) - keep_head - 4) + value[-4:]


@lru_cache(maxsize=4)
def _fingerprint_key(key: str) -> bytes:
    try:
        return keys.key_bytes(key, keys.FINGERPRINT_KEY_ENV)
    except keys.KeyFormatError as exc:
        raise ImproperlyConfigured(str(exc)) from None


def fingerprint(value: str, key: str | None = None) -> str:
    """HMAC-SHA256 of the normalized ID number under the fingerprint key: finds the same applicant without
    decrypting, and cannot be recomputed (or brute-forced over the small ID space) without that key."""
    norm = value.strip().upper()
    if not norm:
        return ""
    secret = _fingerprint_key(key if key is not None else str(getattr(settings, "GONGKAI_FINGERPRINT_KEY", "")))
    return hmac.new(secret, b"gongkai-id|" + norm.encode(), hashlib.sha256).hexdigest()[:32]
