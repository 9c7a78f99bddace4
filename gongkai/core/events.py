"""Appending to the event log, and turning model instances into JSON-safe snapshots for it."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from gongkai.core import clock
from gongkai.core.models import Event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return getattr(value, "name", None) or None
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None,
             exclude: Iterable[str] = ()) -> dict[str, Any]:
    """Concrete field values of ``obj`` as JSON-safe data (FKs by id), for before/after."""
    skip = set(exclude)
    out: dict[str, Any] = {}
    wanted = set(fields) if fields is not None else None
    for field in obj._meta.concrete_fields:
        if field.name in skip or (wanted is not None and field.name not in wanted):
            continue
        out[field.attname] = _jsonable(getattr(obj, field.attname))
    return out


def record(
    *,
    action: str,
    obj: models.Model,
    actor: Any = None,
    agency: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Event:
    """Append one event. Must run inside the caller's transaction (services use ``atomic``)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events must be recorded inside the service's transaction")
    user = actor if getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        at=at or clock.now(),
        actor=user,
        agency=agency,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
    )
