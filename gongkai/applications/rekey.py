"""Re-keying of stored identity numbers: re-encrypt under the newest field key, recompute fingerprints.

This module owns the write side of key rotation (``gongkai keys rotate``) and its read-only census
(``gongkai keys status``). Work goes in batches by primary key; each batch is one transaction with one
event, so an interruption loses at most the batch in flight, and a rerun skips every value already under the
newest key with a current fingerprint (progress is detectable, never trusted from a file). Values are handled
in memory only: nothing here logs or prints an identity number or key material.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from cryptography.fernet import InvalidToken
from django.db import transaction

from gongkai.applications import crypto
from gongkai.applications.models import Application
from gongkai.core import events, keys

# How earlier releases derived the field key when none was configured (prefix + SECRET_KEY, SHA-256).
_LEGACY_PREFIX = "gongkai-field-key:"


def legacy_keys(secrets: Sequence[str]) -> list[str]:
    """Field keys earlier releases derived from these SECRET_KEY values; decrypt-only, for ``--legacy``."""
    return [base64.urlsafe_b64encode(hashlib.sha256((_LEGACY_PREFIX + s).encode()).digest()).decode()
            for s in dict.fromkeys(secrets) if s]


@dataclass
class BatchResult:
    last_pk: int | None = None  # None: nothing left after ``after_pk``
    scanned: int = 0
    reencrypted: int = 0
    fingerprints: int = 0
    unreadable: list[int] = field(default_factory=list)


def _rows(after_pk: int, size: int) -> list[tuple[int, str, str]]:
    return list(Application.objects.filter(pk__gt=after_pk).exclude(id_number_enc="").order_by("pk")
                .values_list("pk", "id_number_enc", "id_fingerprint")[:size])


def rekey_batch(*, after_pk: int, size: int, extra_keys: Sequence[str] = ()) -> BatchResult:
    """Re-key the next ``size`` encrypted values after ``after_pk``, in one transaction with one event."""
    key_list = [*crypto.field_keys(), *extra_keys]
    multi = crypto.multi(key_list)
    result = BatchResult()
    with transaction.atomic():
        rows = _rows(after_pk, size)
        if not rows:
            return result
        for pk, token, old_fp in rows:
            result.scanned += 1
            position = crypto.key_position(token, key_list)
            if position is None:
                result.unreadable.append(pk)
                continue
            plain = multi.decrypt(token.encode()).decode()
            new_token = token if position == 0 else multi.rotate(token.encode()).decode()
            new_fp = crypto.fingerprint(plain)
            if new_token == token and new_fp == old_fp:
                continue
            # Conditional on the value read, so a concurrent write of the same row is never overwritten.
            Application.objects.filter(pk=pk, id_number_enc=token).update(id_number_enc=new_token,
                                                                           id_fingerprint=new_fp)
            result.reencrypted += new_token != token
            result.fingerprints += new_fp != old_fp
        result.last_pk = rows[-1][0]
        if result.reencrypted or result.fingerprints:
            events.record(action="application.keys_rotated", obj=Application(pk=result.last_pk), after={
                "first_pk": rows[0][0], "last_pk": result.last_pk, "reencrypted": result.reencrypted,
                "fingerprints": result.fingerprints, "key": keys.key_id(key_list[0])})
    return result


def rekey_all(*, after_pk: int = 0, size: int = 500, extra_keys: Sequence[str] = ()) -> Iterator[BatchResult]:
    """Batches from ``after_pk`` to the end; each yielded result is already committed."""
    while True:
        result = rekey_batch(after_pk=after_pk, size=size, extra_keys=extra_keys)
        if result.last_pk is None:
            return
        yield result
        after_pk = result.last_pk


@dataclass
class Census:
    by_key: Counter[int] = field(default_factory=Counter)  # key position (0 = newest; past the list: legacy)
    unreadable: int = 0
    stale_fingerprints: int = 0
    total: int = 0


def census(*, extra_keys: Sequence[str] = (), size: int = 2000) -> Census:
    """How many stored values each key opens, and how many fingerprints are not under the current key."""
    key_list = [*crypto.field_keys(), *extra_keys]
    multi = crypto.multi(key_list)
    out = Census()
    after_pk = 0
    while rows := _rows(after_pk, size):
        for _pk, token, old_fp in rows:
            out.total += 1
            position = crypto.key_position(token, key_list)
            if position is None:
                out.unreadable += 1
                continue
            out.by_key[position] += 1
            try:
                plain = multi.decrypt(token.encode()).decode()
            except InvalidToken:  # pragma: no cover - key_position just opened it
                continue
            out.stale_fingerprints += crypto.fingerprint(plain) != old_fp
        after_pk = rows[-1][0]
    return out
