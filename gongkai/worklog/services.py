"""Writes to the work ledger: create, update and delete an entry, each one transaction and one event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core import events
from gongkai.core.actors import Actor, person
from gongkai.worklog.models import WorkEntry

FIELDS = ["year", "kind", "occurred_on", "title", "quantity", "secondary", "principal_leader", "note"]


def entry_create(*, agency: Agency, data: dict[str, Any], actor: Actor) -> WorkEntry:
    with transaction.atomic():
        entry = WorkEntry(agency=agency, created_by=person(actor),
                          **{k: v for k, v in data.items() if k in FIELDS})
        entry.full_clean()
        entry.save()
        events.record(action="worklog.entry_created", obj=entry, agency=agency, actor=actor,
                      after=events.snapshot(entry, fields=FIELDS))
    return entry


def entry_update(*, entry: WorkEntry, data: dict[str, Any], actor: Actor) -> WorkEntry:
    with transaction.atomic():
        before = events.snapshot(entry, fields=FIELDS)
        for k, v in data.items():
            if k in FIELDS:
                setattr(entry, k, v)
        entry.full_clean()
        entry.save()
        events.record(action="worklog.entry_updated", obj=entry, agency=entry.agency, actor=actor,
                      before=before, after=events.snapshot(entry, fields=FIELDS))
    return entry


def entry_delete(*, entry: WorkEntry, actor: Actor) -> None:
    with transaction.atomic():
        events.record(action="worklog.entry_deleted", obj=entry, agency=entry.agency, actor=actor,
                      before=events.snapshot(entry, fields=FIELDS))
        entry.delete()
