"""The event log: an append-only record of who did what to which object, when, with before/after.

Every service write appends one ``Event`` in the same transaction as the change it records
(Principle 4). Rows cannot be updated or deleted through the ORM; no UI edits them; database triggers
refuse UPDATE and DELETE from any other path. Each event is hash-chained to the previous event of its
agency (``EventChain`` holds each chain's head and is locked to append), so ``gongkai events verify``
finds any row changed or removed behind the triggers' back (see ``core.eventchain``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.core import eventchain


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an event."""


class EventQuerySet(models.QuerySet["Event"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events are append-only")

    def bulk_create(self, objs: Iterable[Event], batch_size: int | None = None, ignore_conflicts: bool = False,
                    update_conflicts: bool = False, update_fields: Collection[str] | None = None,
                    unique_fields: Collection[str] | None = None) -> NoReturn:
        # Rows inserted in bulk would skip the hash chain; events are appended one by one through save().
        raise AppendOnlyError("events are appended one at a time")

    def for_object(self, obj: models.Model) -> EventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class Event(models.Model):
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # Agency whose data this event concerns; scopes who may read the log.
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("机关"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    action = models.CharField(_("动作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80)
    object_id = models.CharField(_("对象编号"), max_length=64)
    before = models.JSONField(_("变更前"), null=True, blank=True)
    after = models.JSONField(_("变更后"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True, default="")
    # Position in the agency's chain (1, 2, …), the previous event's hash and this event's own hash.
    seq = models.BigIntegerField(_("链内序号"), default=0, editable=False)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, default="", editable=False)
    hash = models.CharField(_("哈希"), max_length=64, default="", editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]
        constraints = [
            # One event per position per chain: a second safety net behind the chain-head lock.
            models.UniqueConstraint(fields=["agency", "seq"], name="core_event_agency_seq_uniq"),
            models.UniqueConstraint(fields=["seq"], condition=models.Q(agency__isnull=True),
                                    name="core_event_global_seq_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("events are append-only")
        using = kwargs.get("using") or router.db_for_write(Event, instance=self)
        # Joins the caller's transaction (services) or opens one: the chain head stays locked until commit,
        # so concurrent appends to one chain are serialized and get consecutive positions.
        with transaction.atomic(using=using, savepoint=False):
            head = EventChain.lock(eventchain.chain_key(self.agency_id), using=using)
            self.at = eventchain.utc_instant(self.at)
            self.before = eventchain.normalize_json(self.before) if self.before is not None else None
            self.after = eventchain.normalize_json(self.after) if self.after is not None else None
            self.seq = head.length + 1
            self.prev_hash = head.head_hash
            self.hash = eventchain.event_hash(self.chain_fields())
            super().save(*args, **kwargs)
            head.length, head.head_hash = self.seq, self.hash
            head.save(using=using, update_fields=["length", "head_hash"])

    def chain_fields(self) -> dict[str, object]:
        """The values the hash covers, as ``eventchain.event_hash`` expects them."""
        return {name: getattr(self, name) for name in CHAIN_FIELDS}

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("events are append-only")


CHAIN_FIELDS = ("seq", "prev_hash", "at", "actor_id", "agency_id", "action", "object_type", "object_id",
                "before", "after", "note")


class EventChain(models.Model):
    """Head of one hash chain (an agency's, or ``global`` for events without an agency).

    Appending locks this row (SELECT … FOR UPDATE) until the transaction commits; ``verify`` compares it with
    the chain's last event, which catches removal of the newest events.
    """

    key = models.CharField(_("链"), max_length=40, primary_key=True)
    length = models.BigIntegerField(_("记录数"), default=0)
    head_hash = models.CharField(_("链尾哈希"), max_length=64, default=eventchain.GENESIS)

    class Meta:
        verbose_name = _("操作记录链")
        verbose_name_plural = _("操作记录链")

    def __str__(self) -> str:
        return f"{self.key} #{self.length}"

    @staticmethod
    def lock(key: str, *, using: str) -> EventChain:
        """The chain head row, locked for this transaction; created on the chain's first event."""
        locked = EventChain.objects.using(using).select_for_update()
        head = locked.filter(key=key).first()
        if head is None:
            # ON CONFLICT DO NOTHING: two first appends at once both end up locking the one row.
            EventChain.objects.using(using).bulk_create([EventChain(key=key)], ignore_conflicts=True)
            head = locked.get(key=key)
        return head


class TaskClaim(models.Model):
    """One side effect of a background task that must happen at most once (``core.claims``).

    Tasks are acknowledged late and re-run after a worker dies, so a task that mails or notifies claims
    the effect's key here first; a re-run finds the key and skips it.
    """

    key = models.CharField(_("键"), max_length=200, primary_key=True)
    claimed_at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("任务执行记录")
        verbose_name_plural = _("任务执行记录")

    def __str__(self) -> str:
        return self.key
