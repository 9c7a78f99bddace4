"""Appending to the event log, turning model instances into JSON-safe snapshots for it, and verifying it.

``record`` appends (the hash chain itself is kept by ``Event.save``); ``verify`` streams every chain and
reports its first broken link, for ``gongkai events verify``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from gongkai.core import clock, eventchain
from gongkai.core.actors import Actor, person
from gongkai.core.models import CHAIN_FIELDS, Event, EventChain


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
    if isinstance(value, FieldFile):  # an empty one has no url: hasattr(value, "url") would raise
        return value.name or None
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
    actor: Actor | None = None,
    agency: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Event:
    """Append one event. Must run inside the caller's transaction (services use ``atomic``)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events must be recorded inside the service's transaction")
    # SYSTEM and anonymous visitors leave the actor column empty: it points at real users only.
    return Event.objects.create(
        at=at or clock.now(),
        actor=person(actor) if actor is not None else None,
        # By id: core names agencies only through Event's own foreign key (it imports no app).
        agency_id=agency.pk if agency is not None else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        note=note,
    )


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link of one chain: which event (when known) and what differs, in Chinese."""

    chain: str
    agency_id: int | None
    event_id: int | None
    at: dt.datetime | None
    seq: int | None
    problem: str


@dataclass(frozen=True)
class ChainSummary:
    """One chain as verified: its key, agency, number of events read and last hash (for anchoring)."""

    chain: str
    agency_id: int | None
    events: int
    head_hash: str
    broken: ChainBreak | None


def verify(*, agency_id: int | None = None, only_agency: bool = False,
           chunk_size: int = 2000) -> Iterator[ChainSummary]:
    """Check every chain (or one agency's when ``only_agency``) and yield one summary per chain.

    Streams events in (agency, seq) order, so memory stays flat for millions of rows. Chain heads are
    read first: events appended while verify runs only extend a chain and are checked too.
    """
    heads_qs = EventChain.objects.all()
    events_qs = Event.objects.all()
    if only_agency:
        key = eventchain.chain_key(agency_id)
        heads_qs = heads_qs.filter(key=key)
        events_qs = (events_qs.filter(agency__isnull=True) if agency_id is None
                     else events_qs.filter(agency_id=agency_id))
    heads = {h.key: (h.length, h.head_hash) for h in heads_qs}
    rows = events_qs.order_by("agency_id", "seq").values_list("id", "hash", *CHAIN_FIELDS)
    checker: _ChainChecker | None = None
    for row in rows.iterator(chunk_size=chunk_size):
        event_id, stored_hash, fields = row[0], row[1], dict(zip(CHAIN_FIELDS, row[2:], strict=True))
        key = eventchain.chain_key(fields["agency_id"])  # type: ignore[arg-type]
        if checker is None or checker.key != key:
            if checker is not None:
                yield checker.finish()
            checker = _ChainChecker(key, fields["agency_id"], heads.pop(key, (0, eventchain.GENESIS)))  # type: ignore[arg-type]
        checker.check(event_id, stored_hash, fields)
    if checker is not None:
        yield checker.finish()
    for key, (length, head_hash) in heads.items():  # heads whose chain has no event left at all
        if length > 0:
            owner = None if key == eventchain.GLOBAL_CHAIN else int(key.split(":", 1)[1])
            yield ChainSummary(key, owner, 0, head_hash, ChainBreak(
                key, owner, None, None, None, f"链头记载 {length} 条记录，但一条也找不到：记录被整体删除"))


class _ChainChecker:
    def __init__(self, key: str, agency_id: int | None, head: tuple[int, str]) -> None:
        self.key, self.agency_id = key, agency_id
        self.head_length, self.head_hash = head
        self.count, self.last_seq, self.last_hash = 0, 0, eventchain.GENESIS
        self.last_id: int | None = None
        self.last_at: dt.datetime | None = None
        self.broken: ChainBreak | None = None

    def _break(self, event_id: int | None, at: dt.datetime | None, seq: int | None, problem: str) -> None:
        self.broken = ChainBreak(self.key, self.agency_id, event_id, at, seq, problem)

    def check(self, event_id: int, stored_hash: str, fields: dict[str, object]) -> None:
        self.count += 1
        if self.broken is not None:
            return  # only the first broken link per chain is reported
        seq, at, prev = cast(int, fields["seq"]), cast(dt.datetime, fields["at"]), fields["prev_hash"]
        computed = eventchain.event_hash(fields)
        if computed != stored_hash:
            self._break(event_id, at, seq, f"内容与哈希不符：该记录写入后被改动（存储 {stored_hash[:12]}…，"
                                            f"按内容计算 {computed[:12]}…）")
        elif seq != self.last_seq + 1:
            self._break(event_id, at, seq, f"链内序号应为 {self.last_seq + 1}，实为 {seq}：此前的记录缺失或序号被改动")
        elif prev != self.last_hash:
            self._break(event_id, at, seq, "记载的上一条哈希与上一条记录不衔接：此前的记录被删除、替换或改动")
        elif seq == self.head_length and stored_hash != self.head_hash:
            self._break(event_id, at, seq, "与链头记载的链尾哈希不符：链尾记录被替换")
        self.last_seq, self.last_hash, self.last_id, self.last_at = seq, stored_hash, event_id, at

    def finish(self) -> ChainSummary:
        if self.broken is None and self.last_seq < self.head_length:
            self._break(self.last_id, self.last_at, self.last_seq,
                        f"链头记载 {self.head_length} 条记录，实际只到第 {self.last_seq} 条：末尾的记录被删除")
        return ChainSummary(self.key, self.agency_id, self.count, self.last_hash, self.broken)
