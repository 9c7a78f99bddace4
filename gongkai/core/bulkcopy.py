"""Bulk inserts for generated data (``gongkai demo --scale``): COPY on PostgreSQL, one executemany on SQLite.

Django's ``bulk_create`` builds a model instance and an INSERT parameter list per row; at a million rows
that alone takes longer than the whole budget. Here rows are plain dicts keyed by column (attname); every
column a row leaves out gets the field's default, computed once per batch (``auto_now``/``auto_now_add``
columns get the batch's time). Primary keys are reserved first (``reserve_ids``) so callers can link
rows (a record and its search entry, an application and its clock events) before writing them. Bulk rows
skip ``save()``, signals and per-row events: callers record one summary event per batch.
Call inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.db.models.fields import NOT_PROVIDED
from psycopg.types.json import Jsonb

Row = Mapping[str, object]


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """``n`` new primary keys for ``model``: from its sequence on PostgreSQL, after the current maximum on
    SQLite (the generator is the only writer there; the caller's transaction holds the write lock)."""
    if n <= 0:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column  # type: ignore[union-attr]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, n])
            return [int(r[0]) for r in cur.fetchall()]
        cur.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        start = int(cur.fetchone()[0]) + 1
    return list(range(start, start + n))


def _defaults(model: type[models.Model], given: Iterable[str], now: dt.datetime) -> dict[str, object]:
    out: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        if field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: object = now
        elif field.default is not NOT_PROVIDED:
            value = field.get_default()
        elif field.null:
            value = None
        elif field.primary_key:
            continue
        else:
            raise ValueError(f"{model._meta.label}.{field.attname} has no default: give it in every row")
        out[field.attname] = value
    return out


def insert(model: type[models.Model], rows: Sequence[Row], *, now: dt.datetime) -> int:
    """Write ``rows`` (dicts of attname → value, all with the same keys) into ``model``'s table."""
    if not rows:
        return 0
    given = list(rows[0])
    defaults = _defaults(model, given, now)
    columns = given + list(defaults)
    fields = {f.attname: f for f in model._meta.concrete_fields}
    pg = connection.vendor == "postgresql"
    # psycopg adapts dates, aware datetimes and decimals itself (JSON needs its wrapper); SQLite takes the
    # text Django would store (naive UTC datetimes, JSON text), so those columns go through the field.
    convert = (models.JSONField,) if pg else (models.JSONField, models.DateField, models.DecimalField)

    def prep(field: models.Field[object, object], value: object) -> object:
        if value is None:
            return None
        if pg:
            return Jsonb(value)
        return field.get_db_prep_save(value, connection)

    fixed = tuple(prep(fields[c], v) if isinstance(fields[c], convert) else v for c, v in defaults.items())
    table = model._meta.db_table
    quoted = ", ".join(f'"{fields[c].column}"' for c in columns)
    converted = [(i, fields[c]) for i, c in enumerate(given) if isinstance(fields[c], convert)]

    def values(row: Row) -> tuple[object, ...]:
        vals = [row[c] for c in given]
        for i, field in converted:
            vals[i] = prep(field, vals[i])
        return (*vals, *fixed)

    with connection.cursor() as cur:
        if pg:
            raw = cur.cursor  # psycopg's own cursor behind Django's wrapper
            with raw.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:  # type: ignore[union-attr]
                for row in rows:
                    copy.write_row(values(row))
        else:
            marks = ", ".join(["%s"] * len(columns))
            params: list[Any] = [values(row) for row in rows]  # sqlite3 adapts the plain values
            cur.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', params)
    return len(rows)


BATCH_EVENT_LABEL = "批量生成数据"


def record_batch(*, obj: models.Model, rows: int, first_id: int, last_id: int, now: dt.datetime,
                 **extra: int | str | bool) -> None:
    """The one event of a bulk batch (instead of one per row): what was written, as ids first..last of
    ``obj``'s type. Appended through ``core.events.record``, so the hash chain stays valid."""
    from gongkai.core import events
    from gongkai.core.actors import SYSTEM

    events.record(action="demo.bulk_generated", obj=obj, actor=SYSTEM, at=now,
                  after={"rows": rows, "first_id": first_id, "last_id": last_id, **extra})
