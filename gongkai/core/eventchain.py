"""Tamper evidence for the event log: the per-agency hash chain and the database triggers.

This module owns the canonical form of an event (what its SHA-256 covers), the chain keys (one chain per
agency, one for events without an agency), the triggers that make the events table append-only on
PostgreSQL and SQLite, and ``purge_allowed``: the single maintenance path (``flush`` under test settings)
that may empty the table. It imports no models so migrations can use it; ``core.models`` appends through it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TypeAlias

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

# JSON as stored in the event's before/after columns.
JSONValue: TypeAlias = bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"] | None

GENESIS = "0" * 64  # prev_hash of the first event in every chain
FORMAT_VERSION = 1  # bumped if the canonical form ever changes; part of every hash
GLOBAL_CHAIN = "global"
TABLE = "core_event"
PURGE_SETTING = "gongkai.allow_event_purge"
REFUSED_MESSAGE = "操作记录只能追加，不能修改或删除"


def chain_key(agency_id: int | None) -> str:
    """Key of the chain an event belongs to: its agency's, or the chain of events without an agency."""
    return GLOBAL_CHAIN if agency_id is None else f"agency:{agency_id}"


def normalize_json(value: object) -> JSONValue:
    """``value`` as it reads back from either database's JSON column, so hashes survive the round trip.

    PostgreSQL's jsonb keeps numbers as decimals and prints integral ones without a fraction (1e16 comes
    back as the int 10000000000000000), so integral floats are stored as that int; tuples become lists and
    keys strings exactly as ``json`` does.
    """
    loaded: JSONValue = json.loads(json.dumps(value, allow_nan=False))
    return _integral_floats_as_ints(loaded)


def _integral_floats_as_ints(value: JSONValue) -> JSONValue:
    if isinstance(value, float) and value.is_integer():
        # Through the decimal text json writes (1.5e+300), as the database parses it, not the binary value.
        return int(decimal.Decimal(repr(value)))
    if isinstance(value, list):
        return [_integral_floats_as_ints(v) for v in value]
    if isinstance(value, dict):
        return {k: _integral_floats_as_ints(v) for k, v in value.items()}
    return value


def utc_instant(at: dt.datetime) -> dt.datetime:
    """``at`` as an aware UTC instant (naive values are read in the default time zone, as Django stores them)."""
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    return at.astimezone(dt.UTC)


def event_hash(fields: Mapping[str, object]) -> str:
    """SHA-256 (hex) of the canonical JSON of one event's fields, including its position and prev_hash.

    ``fields`` holds seq, prev_hash, at, actor_id, agency_id, action, object_type, object_id, before,
    after, note — the values as the database returns them. The primary key is not covered: it is only
    known after the insert, and the (chain, seq) position plus prev_hash already pin the event's place.
    """
    at = fields["at"]
    if not isinstance(at, dt.datetime):
        raise TypeError("event time must be a datetime")
    canonical = {
        "v": FORMAT_VERSION,
        "seq": fields["seq"],
        "prev": fields["prev_hash"],
        "at": utc_instant(at).isoformat(),
        "actor": fields["actor_id"],
        "agency": fields["agency_id"],
        "action": fields["action"],
        "object_type": fields["object_type"],
        "object_id": fields["object_id"],
        "before": _integral_floats_as_ints(fields["before"]),  # type: ignore[arg-type]
        "after": _integral_floats_as_ints(fields["after"]),  # type: ignore[arg-type]
        "note": fields["note"],
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- triggers

# PostgreSQL: one function for both triggers. UPDATE is always refused. DELETE and TRUNCATE pass only when
# the session set gongkai.allow_event_purge AND the current role owns the table (or is a superuser): an
# application role that does not own the table can never purge, and an owner could drop the trigger anyway,
# so the escape hatch grants nothing the role did not already have.
PG_INSTALL = f"""
CREATE OR REPLACE FUNCTION gongkai_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'TRUNCATE')
       AND coalesce(current_setting('{PURGE_SETTING}', true), '') = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '{REFUSED_MESSAGE}（%）', TG_OP USING ERRCODE = 'integrity_constraint_violation';
END
$$;
DROP TRIGGER IF EXISTS core_event_append_only ON {TABLE};
CREATE TRIGGER core_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION gongkai_event_append_only();
DROP TRIGGER IF EXISTS core_event_no_truncate ON {TABLE};
CREATE TRIGGER core_event_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION gongkai_event_append_only();
"""
PG_DROP = f"""
DROP TRIGGER IF EXISTS core_event_append_only ON {TABLE};
DROP TRIGGER IF EXISTS core_event_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS gongkai_event_append_only();
"""
PG_TRIGGERS = ("core_event_append_only", "core_event_no_truncate")

# SQLite has no TRUNCATE and no session settings: the triggers are unconditional and ``purge_allowed``
# drops the delete trigger inside its own transaction and re-creates it before committing.
SQLITE_NO_UPDATE = (
    f"CREATE TRIGGER IF NOT EXISTS core_event_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED_MESSAGE}（UPDATE）'); END"
)
SQLITE_NO_DELETE = (
    f"CREATE TRIGGER IF NOT EXISTS core_event_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSED_MESSAGE}（DELETE）'); END"
)
SQLITE_TRIGGERS = ("core_event_no_update", "core_event_no_delete")


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    """Create (or re-create) the append-only triggers on the events table; idempotent."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_INSTALL)
        elif connection.vendor == "sqlite":
            cursor.execute(SQLITE_NO_UPDATE)
            cursor.execute(SQLITE_NO_DELETE)


def drop_triggers(connection: BaseDatabaseWrapper) -> None:
    """Remove the triggers (migration reversal only)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PG_DROP)
        elif connection.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def triggers_present(connection: BaseDatabaseWrapper) -> bool:
    """Whether every append-only trigger exists (False on databases without trigger support here)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND tgname = ANY(%s)",
                [TABLE, list(PG_TRIGGERS)],
            )
            return bool(cursor.fetchone()[0] == len(PG_TRIGGERS))
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s AND name IN (%s, %s)",
                [TABLE, *SQLITE_TRIGGERS],
            )
            return bool(cursor.fetchone()[0] == len(SQLITE_TRIGGERS))
    return False


INSTALLING_MIGRATION = ("core", "0004_event_append_only")


def ensure_triggers(connection: BaseDatabaseWrapper) -> None:
    """Re-install missing triggers once their migration is applied (not while migrated back before it).

    SQLite drops a table's triggers when a later migration rebuilds the table; this puts them back.
    """
    from django.db.migrations.recorder import MigrationRecorder

    if connection.vendor not in ("postgresql", "sqlite"):
        return
    recorder = MigrationRecorder(connection)
    if not recorder.has_table() or INSTALLING_MIGRATION not in recorder.applied_migrations():
        return
    if not triggers_present(connection):
        install_triggers(connection)


@contextmanager
def purge_allowed(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One transaction in which the events table may be emptied (DELETE/TRUNCATE); UPDATE stays refused.

    Only the ``flush`` command uses this, and only when settings.GONGKAI_ALLOW_EVENT_PURGE is true (test
    settings): the test runner flushes the database after transactional tests.
    """
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL {PURGE_SETTING} = 'on'")
            elif connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER IF EXISTS core_event_no_delete")
        yield
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(SQLITE_NO_DELETE)
