"""Encryption and masking of applicants' identity-document numbers (Fernet, key from settings).

The key is ``settings.GONGKAI_FIELD_KEY`` (urlsafe base64 of 32 bytes) or, when unset, derived from
``SECRET_KEY`` so the embedded default works; production sets its own key.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(key_setting: str, secret: str) -> Fernet:
    if key_setting:
        return Fernet(key_setting.encode())
    derived = hashlib.sha256(("gongkai-field-key:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def fernet() -> Fernet:
    return _fernet(getattr(settings, "GONGKAI_FIELD_KEY", "") or "", settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return "（无法解密：密钥已更换）"


def mask(value: str) -> str:
    """Show the first and the last 4 characters only: 110***********123X."""
    if not value:
        return ""
    if len(value) <= 4:
        return "*" * len(value)
    keep_head = 1 if len(value) < 10 else 3
    return value[:keep_head] + "*" * (len(value) - keep_head - 4) + value[-4:]


def fingerprint(value: str) -> str:
    """A keyed hash of a normalized ID number, to find the same applicant without decrypting."""
    norm = value.strip().upper()
    if not norm:
        return ""
    return hashlib.sha256((settings.SECRET_KEY + "|id|" + norm).encode()).hexdigest()[:32]
