"""Writes on the standard directories: import a domain's directory for an agency (replacing that domain's
items, links kept where the item's 序号 stays), link and unlink a catalog record. Each is one transaction
and one event; permission through ``agencies.access`` (clerk, office head or admin of the agency)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.access import require_role
from gongkai.agencies.models import Agency, Role
from gongkai.catalog.models import Record
from gongkai.core import clock, events
from gongkai.core.actors import Actor
from gongkai.directories.declarations import DATA_DIR, DOMAIN_LABELS, STANDARD_DIRECTORIES
from gongkai.directories.models import DirectoryItem, ItemLink
from gongkai.directories.reader import ItemRow

WRITE_ROLES = (Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)


def standard_rows(domain: str) -> tuple[list[ItemRow], str]:
    """The shipped directory of a domain (rows, source URL)."""
    if domain not in STANDARD_DIRECTORIES:
        raise ValidationError(f"没有随平台提供的“{DOMAIN_LABELS.get(domain, domain)}”领域标准目录")
    data = json.loads((DATA_DIR / STANDARD_DIRECTORIES[domain]).read_text(encoding="utf-8"))
    return [ItemRow(**item) for item in data["items"]], str(data["source"]["url"])


def directory_import(*, agency: Agency, domain: str, rows: Sequence[ItemRow], source: str,
                     actor: Actor) -> list[DirectoryItem]:
    if domain not in DOMAIN_LABELS:
        raise ValidationError("未知的领域")
    require_role(actor, agency, *WRITE_ROLES)
    seqs = [r.seq for r in rows]
    if len(seqs) != len(set(seqs)):
        raise ValidationError("目录中有重复的序号")
    with transaction.atomic():
        existing = {i.seq: i for i in DirectoryItem.objects.select_for_update().filter(agency=agency, domain=domain)}
        before = len(existing)
        DirectoryItem.objects.filter(agency=agency, domain=domain).exclude(seq__in=seqs).delete()
        items = []
        for r in rows:
            item = existing.get(r.seq) or DirectoryItem(agency=agency, domain=domain, seq=r.seq)
            for name in ("level1", "level2", "content", "basis", "time_limit", "subject", "channels", "audience",
                         "mode", "levels"):
                setattr(item, name, getattr(r, name))
            item.limit_workdays = r.limit_workdays
            item.source = source[:500]
            item.save()
            items.append(item)
        events.record(action="directory.import", obj=agency, actor=actor, agency=agency,
                      before={"domain": domain, "items": before},
                      after={"domain": domain, "items": len(items), "source": source})
    return items


def directory_link(*, item: DirectoryItem, record: Record, actor: Actor) -> ItemLink:
    require_role(actor, item.agency, *WRITE_ROLES)
    if record.agency_id != item.agency_id:
        raise ValidationError("只能关联本机关的政府信息")
    with transaction.atomic():
        link, created = ItemLink.objects.get_or_create(item=item, record=record,
                                                       defaults={"linked_at": clock.now()})
        if created:
            events.record(action="directory.link", obj=item, actor=actor, agency=item.agency,
                          after={"record": record.pk, "title": record.title})
    return link


def directory_unlink(*, item: DirectoryItem, record: Record, actor: Actor) -> None:
    require_role(actor, item.agency, *WRITE_ROLES)
    with transaction.atomic():
        deleted, _ = ItemLink.objects.filter(item=item, record=record).delete()
        if deleted:
            events.record(action="directory.unlink", obj=item, actor=actor, agency=item.agency,
                          before={"record": record.pk, "title": record.title})
