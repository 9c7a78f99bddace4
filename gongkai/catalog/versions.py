"""The public catalog version: ``bump`` is called inside every catalog write that changes what the
portal shows (publish, withdraw, repeal, revise, generated publication, channel links, category
edits, bulk demo loads, agency edits); ``current`` reads it with one primary-key query.

A scope's first row starts at a random 62-bit value, so a version number is never reused after a
rollback or a database restore and a cache entry cannot outlive the data it was rendered from.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import connection
from django.db.models import F

from gongkai.catalog.models import PublicVersion, Record

PLATFORM = 0  # the scope of platform-wide pages (portal home)


def bump(*agency_ids: int | None) -> None:
    """Advance the version of the given agencies and of the platform (call inside the write's transaction)."""
    scopes = {PLATFORM, *(int(a) for a in agency_ids if a)}
    rows = PublicVersion.objects.filter(scope__in=scopes)
    if rows.update(version=F("version") + 1) < len(scopes):
        PublicVersion.objects.bulk_create(
            [PublicVersion(scope=s, version=secrets.randbits(62)) for s in scopes], ignore_conflicts=True)
        rows.update(version=F("version") + 1)  # also advances a row a concurrent writer just created


def bump_for_records(record_ids: Iterable[int]) -> None:
    """Bump the agencies of the records and of every record linked to them (interpretations,
    replacements), whose pages show the link."""
    ids = [int(i) for i in record_ids]
    if not ids:
        return
    linked = Record.objects.filter(pk__in=ids).values_list("interprets_id", "replaced_by_id")
    more = {x for pair in linked for x in pair if x}
    agencies = set(Record.objects.filter(pk__in={*ids, *more}).values_list("agency_id", flat=True))
    agencies |= set(Record.objects.filter(interprets_id__in=ids).values_list("agency_id", flat=True))
    agencies |= set(Record.objects.filter(replaced_by_id__in=ids).values_list("agency_id", flat=True))
    bump(*agencies)


def current(scope: int) -> int | None:
    """The version of ``scope`` (an agency id or ``PLATFORM``), or None if it has none yet."""
    with connection.cursor() as cur:
        cur.execute("SELECT version FROM catalog_publicversion WHERE scope = %s", [scope])
        row = cur.fetchone()
    return int(row[0]) if row else None


def current_for_record(record_id: int) -> tuple[int, int] | None:
    """(agency id, version) of the record's agency in one query, or None."""
    with connection.cursor() as cur:
        cur.execute("SELECT r.agency_id, v.version FROM catalog_record r JOIN catalog_publicversion v "
                    "ON v.scope = r.agency_id WHERE r.id = %s", [record_id])
        row = cur.fetchone()
    return (int(row[0]), int(row[1])) if row else None
