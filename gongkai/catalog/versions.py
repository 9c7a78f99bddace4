"""The public catalog version: ``bump`` is called inside every catalog write that changes what the
portal shows (publish, withdraw, repeal, revise, generated publication, channel links, category
edits, bulk demo loads, agency edits); ``current`` reads it with one primary-key query.

Three kinds of scope share the ``PublicVersion`` table: an agency's **list** version (scope = agency id;
the platform is 0) changes with every such write and keys the agency's lists and columns; its **frame**
version (``frame_scope``) changes only with agency-wide writes (``bump``: categories, agency edits,
channels, generated publications, bulk loads); a record's own version (``record_scope``) changes when the
record or a record linked to it (interpretation, replacement) is published, withdrawn, repealed or
revised (``bump_for_records``). A record page keys on its frame and record versions
(``current_for_record``), so publishing one record does not invalidate every other record page of the
agency.

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
# Frame and record scopes are negative (even: an agency's frame, odd: a record); ids above this are not
# versioned per record (their pages key on the list version instead).
MAX_SCOPED_ID = 2**61


def frame_scope(agency_id: int) -> int:
    return -2 * int(agency_id)


def record_scope(record_id: int) -> int:
    return -(2 * int(record_id) + 1)


def _advance(scopes: set[int]) -> None:
    rows = PublicVersion.objects.filter(scope__in=scopes)
    if rows.update(version=F("version") + 1) < len(scopes):
        PublicVersion.objects.bulk_create(
            [PublicVersion(scope=s, version=secrets.randbits(62)) for s in scopes], ignore_conflicts=True)
        rows.update(version=F("version") + 1)  # also advances a row a concurrent writer just created


def bump(*agency_ids: int | None) -> None:
    """Advance the list and frame versions of the given agencies and the platform version (call inside the
    write's transaction): an agency-wide change, every public page of those agencies is rendered afresh."""
    ids = {int(a) for a in agency_ids if a}
    _advance({PLATFORM, *ids, *(frame_scope(a) for a in ids if a <= MAX_SCOPED_ID)})


def bump_for_records(record_ids: Iterable[int]) -> None:
    """A change of these records: advance the list versions of their agencies and of the agencies of every
    record linked to them (interpretations, replacements), whose pages show the link, and the record
    versions of all those records. Frames stay: the agencies' other record pages are still current."""
    ids = [int(i) for i in record_ids]
    if not ids:
        return
    linked = Record.objects.filter(pk__in=ids).values_list("interprets_id", "replaced_by_id")
    more = {x for pair in linked for x in pair if x}
    more |= set(Record.objects.filter(interprets_id__in=ids).values_list("pk", flat=True))
    more |= set(Record.objects.filter(replaced_by_id__in=ids).values_list("pk", flat=True))
    records = {*ids, *more}
    agencies = set(Record.objects.filter(pk__in=records).values_list("agency_id", flat=True))
    if any(r > MAX_SCOPED_ID for r in records) or any(a > MAX_SCOPED_ID for a in agencies):
        bump(*agencies)
        return
    _advance({PLATFORM, *agencies, *(record_scope(r) for r in records)})


def current(scope: int) -> int | None:
    """The version of ``scope`` (an agency id or ``PLATFORM``), or None if it has none yet."""
    with connection.cursor() as cur:
        cur.execute("SELECT version FROM catalog_publicversion WHERE scope = %s", [scope])
        row = cur.fetchone()
    return int(row[0]) if row else None


def current_for_record(record_id: int) -> tuple[int, str] | None:
    """(agency id, the record page's version) in one query, or None. The version names the agency's frame
    version and the record's own, each ``-`` while its row does not exist: nothing agency-wide (or nothing
    about this record) has changed since this release, and the first such change creates the row, so the
    key changes with it. The join on the list version keeps the old rule that an agency without any
    version row is not cached."""
    if int(record_id) > MAX_SCOPED_ID:
        return None
    with connection.cursor() as cur:
        cur.execute("SELECT r.agency_id, l.version, f.version, v.version FROM catalog_record r "
                    "JOIN catalog_publicversion l ON l.scope = r.agency_id "
                    "LEFT JOIN catalog_publicversion f ON f.scope = -2 * r.agency_id "
                    "LEFT JOIN catalog_publicversion v ON v.scope = %s WHERE r.id = %s",
                    [record_scope(record_id), record_id])
        row = cur.fetchone()
    if not row:
        return None
    agency_id, _listed, frame, own = row
    return int(agency_id), f"{'-' if frame is None else frame}.{'-' if own is None else own}"
