"""Every write to the catalog: one ``transaction.atomic`` and one event per call.

Records move through the transition table of ``workflow.py``; publication allocates the 索引号 from a
per-issuer, per-period counter row locked with ``SELECT … FOR UPDATE`` inside the same transaction,
so concurrent publishers never get a duplicate or leave a gap. Published records change only through
recorded acts: ``record_revise`` (a visible ``RecordRevision``), ``record_withdraw``, ``record_repeal``.
Search indexing runs after commit through the task queue (``tasks.index_record``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import nh3
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, Role
from gongkai.catalog import attachments as att
from gongkai.catalog import versions
from gongkai.catalog.models import (
    Attachment,
    ChannelPublication,
    ChannelTally,
    IndexCounter,
    InfoCategory,
    PeriodFigures,
    Record,
    RecordRevision,
    ReviewDecision,
    ReviewOpinion,
)
from gongkai.catalog.rules import (
    DEFAULT_CATEGORIES,
    Channel,
    Disclosure,
    Validity,
    format_index_number,
    index_period,
    normalise_doc_number,
    publication_due,
)
from gongkai.catalog.taxonomy import TOPIC_PATHS
from gongkai.catalog.workflow import EDITABLE, TABLE, Action, Status
from gongkai.core import clock, events, scrub
from gongkai.core.actors import SYSTEM, Actor, person
from gongkai.core.events import snapshot
from gongkai.core.workflow import TransitionError
from gongkai.workdays.counting import CalendarYearMissing
from gongkai.workdays.services import get_calendar

logger = logging.getLogger(__name__)

# Fields a drafter may set, and that a revision of a published record may correct.
EDITABLE_FIELDS = (
    "title", "doc_number", "topic", "category", "keywords", "issuing_organ", "department", "written_on",
    "formed_on", "disclosure", "legal_ground", "form", "kind", "interprets", "summary", "body",
)
REVISABLE_FIELDS = tuple(f for f in EDITABLE_FIELDS if f != "disclosure")
_SNAP_EXCLUDE = ("body",)


def sanitise_html(body: str) -> str:
    """Rich text reduced to nh3's safe default tag/attribute set."""
    return nh3.clean(body or "")


def _require(actor: Actor, agency: Agency, *roles: str) -> None:
    if not has_role(actor, agency, *roles):
        raise PermissionDenied(f"需要以下岗位之一：{'、'.join(str(Role(r).label) for r in roles)}")


def _due(formed_on: dt.date | None) -> dt.date | None:
    if formed_on is None:
        return None
    try:
        return publication_due(formed_on, get_calendar())
    except CalendarYearMissing:
        return None  # shown on the dashboard with the calendar's message; never guessed


def _schedule_index(record_id: int) -> None:
    from gongkai.catalog.tasks import index_record

    transaction.on_commit(lambda: index_record.delay(record_id))


def _apply(record: Record, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name not in data:
            continue
        value = data[name]
        if name == "body":
            value = sanitise_html(value or "")
        elif name == "doc_number":
            value = normalise_doc_number(value or "")
        elif name in {"title", "keywords", "issuing_organ", "department", "summary", "legal_ground"}:
            value = (value or "").strip()
        setattr(record, name, value)
    if record.category_id is not None and record.category.agency_id != record.agency_id:
        raise ValidationError({"category": "信息分类不属于本机关"})
    if record.topic and record.topic not in TOPIC_PATHS:
        raise ValidationError({"topic": f"主题分类“{record.topic}”不在分类表中"})
    if record.interprets_id is not None:
        target = record.interprets
        if target is None or (target.agency_id != record.agency_id and target.status != Status.PUBLISHED):
            raise ValidationError({"interprets": "所解读的政策须为本机关的信息或已发布的信息"})
    record.clean()
    record.due_on = _due(record.formed_on)


# ---------------------------------------------------------------- categories


def categories_ensure(*, agency: Agency, actor: Actor) -> list[InfoCategory]:
    """The agency's category list, creating the defaults the first time (one event when created)."""
    existing = list(InfoCategory.objects.filter(agency=agency))
    if existing:
        return existing
    with transaction.atomic():
        # Lock the agency row: locking an empty category set locks nothing, so two first requests
        # could both create the defaults and collide on the unique (agency, name) constraint.
        list(Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk", flat=True))
        have = set(InfoCategory.objects.filter(agency=agency).values_list("name", flat=True))
        if have:
            return list(InfoCategory.objects.filter(agency=agency))
        created = InfoCategory.objects.bulk_create(
            [InfoCategory(agency=agency, name=n, ordering=i * 10) for i, n in enumerate(DEFAULT_CATEGORIES)]
        )
        events.record(action="catalog.categories.defaults", obj=agency, actor=actor, agency=agency,
                      after={"names": list(DEFAULT_CATEGORIES)})
        versions.bump(agency.pk)
    return created


def category_named(agency: Agency, name: str, *, actor: Actor) -> InfoCategory:
    categories_ensure(agency=agency, actor=actor)
    try:
        return InfoCategory.objects.get(agency=agency, name=name)
    except InfoCategory.DoesNotExist:
        return category_create(agency=agency, name=name, actor=actor)


def category_create(*, agency: Agency, name: str, ordering: int = 1000, description: str = "",
                    actor: Actor) -> InfoCategory:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "分类名称不能为空"})
    with transaction.atomic():
        if InfoCategory.objects.filter(agency=agency, name=name).exists():
            raise ValidationError({"name": f"分类“{name}”已存在"})
        cat = InfoCategory.objects.create(agency=agency, name=name, ordering=ordering, description=description)
        events.record(action="catalog.category.create", obj=cat, actor=actor, agency=agency, after=snapshot(cat))
        versions.bump(agency.pk)
    return cat


def category_update(*, category: InfoCategory, name: str, ordering: int, description: str = "",
                    actor: Actor) -> InfoCategory:
    with transaction.atomic():
        before = snapshot(category)
        category.name, category.ordering, category.description = name.strip(), ordering, description
        category.full_clean()
        category.save()
        events.record(action="catalog.category.update", obj=category, actor=actor, agency=category.agency,
                      before=before, after=snapshot(category))
        versions.bump(category.agency_id)
    return category


# ---------------------------------------------------------------- drafting


def record_create(*, agency: Agency, data: Mapping[str, Any], actor: Actor, now: dt.datetime | None = None) -> Record:
    """A new draft. ``data`` holds the EDITABLE_FIELDS (category as an InfoCategory)."""
    _require(actor, agency, Role.CLERK)
    now = now or clock.now()
    with transaction.atomic():
        record = Record(agency=agency, status=Status.DRAFT, created_by=person(actor),
                        created_at=now, updated_at=now)
        _apply(record, data, EDITABLE_FIELDS)
        record.save()
        events.record(action="catalog.record.create", obj=record, actor=actor, agency=agency, at=now,
                      after=snapshot(record, exclude=_SNAP_EXCLUDE))
    return record


def record_update(*, record: Record, data: Mapping[str, Any], actor: Actor, now: dt.datetime | None = None) -> Record:
    """Edit a draft or returned record; anything else goes through ``record_revise``."""
    _require(actor, record.agency, Role.CLERK)
    now = now or clock.now()
    with transaction.atomic():
        record = Record.objects.select_for_update().get(pk=record.pk)
        if record.status not in EDITABLE:
            raise TransitionError(f"“{record.get_status_display()}”状态的信息不能直接修改")
        before = snapshot(record, exclude=_SNAP_EXCLUDE)
        _apply(record, data, EDITABLE_FIELDS)
        record.updated_at = now
        record.save()
        events.record(action="catalog.record.update", obj=record, actor=actor, agency=record.agency, at=now,
                      before=before, after=snapshot(record, exclude=_SNAP_EXCLUDE))
    return record


def attachment_add(*, record: Record, name: str, data: bytes, actor: Actor, title: str = "",
                   now: dt.datetime | None = None) -> Attachment:
    """Check and store a file on an editable record and extract its text for search. ``title`` is the
    name readers see (blank: the file name); the new attachment goes last."""
    _require(actor, record.agency, Role.CLERK)
    checked = att.check(name, data)
    text, error = att.safe_extract(checked.kind, data, checked.name)
    public, scrub_note = _public_copy(checked.kind, data)
    now = now or clock.now()
    with transaction.atomic():
        record = Record.objects.select_for_update().get(pk=record.pk)
        if record.status not in EDITABLE:
            raise TransitionError("只能在草稿或退回状态下添加附件；已发布的信息请通过修订更正")
        last = record.attachments.order_by("-position").values_list("position", flat=True).first()
        item = Attachment(record=record, name=checked.name, title=_attachment_title(title), kind=checked.kind,
                          size=checked.size, text=text, extract_error=error, uploaded_at=now,
                          position=(last or 0) + 1)
        item.file.save(checked.name, ContentFile(data), save=False)
        item.scrub_note = scrub_note
        if public is not None:
            item.public_file.save(checked.name, ContentFile(public), save=False)
        item.save()
        events.record(action="catalog.attachment.add", obj=item, actor=actor, agency=record.agency, at=now,
                      after=snapshot(item, exclude=("text",)))
    return item


def _public_copy(kind: str, data: bytes) -> tuple[bytes | None, str]:
    """The copy without hidden metadata and a note for staff (what was removed, or why it cannot be)."""
    try:
        found = scrub.leftovers(kind, data)
        clean = scrub.scrub(kind, data)
    except scrub.CannotScrub as exc:
        return None, str(exc)
    except Exception:  # a file the cleaner cannot parse is not published as it is
        logger.warning("scrub failed for a %s attachment", kind, exc_info=True)
        return None, "无法读取文件中的隐藏信息，请另存为 PDF 后重新上传"
    return clean, ("已清除：" + "、".join(found)) if found else "未发现隐藏信息"


def attachment_public_file(*, attachment: Attachment) -> Attachment:
    """Make sure an attachment has its public copy (attachments uploaded before copies were made get one
    the first time they are published or downloaded); one event when a copy is made."""
    if attachment.public_file:
        return attachment
    with transaction.atomic():
        item = Attachment.objects.select_for_update().select_related("record__agency").get(pk=attachment.pk)
        if item.public_file or (item.scrub_note and not item.scrub_note.startswith(("已清除", "未发现"))):
            return item
        with item.file.open("rb") as fh:
            public, note = _public_copy(item.kind, fh.read())
        item.scrub_note = note
        if public is not None:
            item.public_file.save(item.name, ContentFile(public), save=False)
        item.save(update_fields=["public_file", "scrub_note"])
        events.record(action="catalog.attachment.public_copy", obj=item, actor=SYSTEM,
                      agency=item.record.agency, note=note)
    return item


def _attachment_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) > 200:
        raise ValidationError({"title": "附件显示名称不能超过200字"})
    return title


def attachments_arrange(*, record: Record, arrangement: Mapping[int, tuple[str, int]], actor: Actor) -> None:
    """Set the display names and the order of a draft's attachments at once (``{attachment id:
    (display name, position)}``); one event with the names and order before and after."""
    _require(actor, record.agency, Role.CLERK)
    with transaction.atomic():
        record = Record.objects.select_for_update().get(pk=record.pk)
        if record.status not in EDITABLE:
            raise TransitionError("已进入审查或已发布的信息不能调整附件")
        items = {a.pk: a for a in record.attachments.all()}
        unknown = set(arrangement) - set(items)
        if unknown:
            raise ValidationError("附件不属于这条信息")
        before = [[a.pk, a.title, a.position] for a in items.values()]
        for pk, (title, position) in arrangement.items():
            items[pk].title, items[pk].position = _attachment_title(title), position
        # Renumber 1..n in the requested order (ties keep upload order) so positions stay dense.
        ordered = sorted(items.values(), key=lambda a: (a.position, a.pk))
        for number, item in enumerate(ordered, start=1):
            item.position = number
        Attachment.objects.bulk_update(ordered, ["title", "position"])
        events.record(action="catalog.attachment.arrange", obj=record, actor=actor, agency=record.agency,
                      before={"attachments": before},
                      after={"attachments": [[a.pk, a.title, a.position] for a in ordered]})


def attachment_remove(*, attachment: Attachment, actor: Actor) -> None:
    record = attachment.record
    _require(actor, record.agency, Role.CLERK)
    with transaction.atomic():
        if Record.objects.select_for_update().get(pk=record.pk).status not in EDITABLE:
            raise TransitionError("已进入审查或已发布的信息不能删除附件")
        before = snapshot(attachment, exclude=("text",))
        events.record(action="catalog.attachment.remove", obj=attachment, actor=actor, agency=record.agency,
                      before=before)
        attachment.delete()


# ---------------------------------------------------------------- workflow


def _allocate_index_number(agency: Agency, on: dt.date) -> str:
    """Next 索引号 for ``agency`` in the period of ``on``. Call inside the publishing transaction."""
    period = index_period(on, agency.index_date_format)
    key = {"issuer_code": agency.code, "period": period}
    try:
        counter = IndexCounter.objects.select_for_update().get(**key)
    except IndexCounter.DoesNotExist:
        try:
            with transaction.atomic():  # savepoint: a concurrent creator wins, we then lock its row
                IndexCounter.objects.create(**key, last_serial=0)
        except IntegrityError:
            pass
        counter = IndexCounter.objects.select_for_update().get(**key)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return format_index_number(agency.code, period, counter.last_serial)


def record_act(*, record: Record, action: str, actor: Actor, reason: str = "",
               now: dt.datetime | None = None) -> Record:
    """Apply one workflow action (submit, review pass/return, approve, reject, publish, withdraw)."""
    now = now or clock.now()
    with transaction.atomic():
        record = Record.objects.select_for_update(of=("self",)).select_related("agency").get(pk=record.pk)
        agency = record.agency
        step = TABLE.find(record.status, action, levels=agency.approval_levels)
        _require(actor, agency, *step.roles)
        before = snapshot(record, exclude=_SNAP_EXCLUDE)
        if action in {Action.REVIEW_PASS, Action.REVIEW_RETURN} and not reason.strip():
            # 先审查、后公开: the confidentiality review is a written opinion, whichever way it goes.
            raise ValidationError({"reason": "请填写保密审查意见"})
        if action in {Action.REJECT, Action.WITHDRAW} and not reason.strip():
            raise ValidationError({"reason": "退回或撤回须写明理由"})
        if action == Action.SUBMIT:
            if not record.title.strip():
                raise ValidationError({"title": "标题不能为空"})
            record.return_reason = ""
            record.first_approver = None
        elif action in {Action.REVIEW_RETURN, Action.REJECT}:
            record.return_reason = reason.strip()
            record.first_approver = None
        if action in {Action.REVIEW_PASS, Action.REVIEW_RETURN}:
            ReviewOpinion.objects.create(
                record=record, opinion=reason.strip(), reviewer=person(actor), at=now,
                decision=ReviewDecision.PASS if action == Action.REVIEW_PASS else ReviewDecision.RETURN,
                attachments=[a.display_name for a in record.attachments.all()])
        elif action == Action.APPROVE:
            if step.target == Status.FIRST_APPROVED:
                # The second approver must be someone else; only a person can be remembered as the first.
                record.first_approver = actor if isinstance(actor, User) else None
            elif record.first_approver_id is not None and record.first_approver_id == getattr(actor, "pk", None):
                raise PermissionDenied("二级审批须由另一位审批人完成")
        elif action == Action.PUBLISH:
            if record.disclosure == Disclosure.WITHHELD:
                raise ValidationError({"disclosure": "不予公开的信息不能发布"})
            # The public downloads only copies without hidden metadata (author, comments, GPS …).
            for item in record.attachments.all():
                copy = attachment_public_file(attachment=item)
                if not copy.public_file:
                    raise ValidationError({"attachments": f"附件“{copy.display_name}”：{copy.scrub_note}"})
            published_on = clock.local_date(now)
            record.index_number = _allocate_index_number(agency, published_on)
            record.published_at, record.published_on = now, published_on
        assert step.target is not None  # every catalog row names its target
        record.status = step.target
        record.updated_at = now
        record.save()
        events.record(action=f"catalog.record.{action}", obj=record, actor=actor, agency=agency, at=now,
                      before=before, after=snapshot(record, exclude=_SNAP_EXCLUDE), note=reason.strip())
        if action in {Action.PUBLISH, Action.WITHDRAW}:
            versions.bump_for_records([record.pk])
            _schedule_index(record.pk)
    return record


def record_repeal(*, record: Record, validity: str, on: dt.date, actor: Actor, replaced_by: Record | None = None,
                  reason: str = "") -> Record:
    """Mark a published record 失效 or 废止 from ``on``, optionally naming the record that replaces it."""
    if validity not in {Validity.EXPIRED, Validity.REPEALED}:
        raise ValidationError({"validity": "只能标记为失效或废止"})
    with transaction.atomic():
        record = Record.objects.select_for_update(of=("self",)).select_related("agency").get(pk=record.pk)
        _require(actor, record.agency, Role.APPROVER)
        if record.status != Status.PUBLISHED:
            raise TransitionError("只有已发布的信息才能标记失效或废止")
        if record.validity != Validity.EFFECTIVE:
            raise TransitionError(f"该信息已于{record.validity_changed_on}{record.get_validity_display()}")
        if replaced_by is not None and (replaced_by.pk == record.pk or replaced_by.status != Status.PUBLISHED):
            raise ValidationError({"replaced_by": "替代文件须为另一条已发布的信息"})
        before = snapshot(record, exclude=_SNAP_EXCLUDE)
        record.validity, record.validity_changed_on, record.replaced_by = validity, on, replaced_by
        record.save()
        events.record(action="catalog.record.repeal", obj=record, actor=actor, agency=record.agency, before=before,
                      after=snapshot(record, exclude=_SNAP_EXCLUDE), note=reason.strip())
        versions.bump_for_records([record.pk])
        _schedule_index(record.pk)
    return record


def record_revise(*, record: Record, data: Mapping[str, Any], reason: str, actor: Actor,
                  now: dt.datetime | None = None) -> RecordRevision:
    """Correct a published record: the change and its reason are kept as a visible revision."""
    if not reason.strip():
        raise ValidationError({"reason": "更正须写明修订说明"})
    now = now or clock.now()
    with transaction.atomic():
        record = Record.objects.select_for_update(of=("self",)).select_related("agency").get(pk=record.pk)
        _require(actor, record.agency, Role.APPROVER)
        if record.status != Status.PUBLISHED:
            raise TransitionError("只有已发布的信息通过修订更正；未发布的信息请直接编辑")
        before = snapshot(record, fields=REVISABLE_FIELDS)
        _apply(record, data, REVISABLE_FIELDS)
        after = snapshot(record, fields=REVISABLE_FIELDS)
        if before == after:
            raise ValidationError("没有任何修改")
        record.revision_count += 1
        record.updated_at = now
        record.save()
        revision = RecordRevision.objects.create(record=record, number=record.revision_count, reason=reason.strip(),
                                                 before=before, after=after, at=now,
                                                 actor=person(actor))
        events.record(action="catalog.record.revise", obj=record, actor=actor, agency=record.agency, at=now,
                      before=before, after=after, note=reason.strip())
        versions.bump_for_records([record.pk])
        _schedule_index(record.pk)
    return revision


def record_publish_generated(*, agency: Agency, title: str, category_name: str, body_html: str,
                             formed_on: dt.date, actor: Actor, attachments: Iterable[tuple[str, bytes]] = (),
                             summary: str = "", topic: str = "综合政务\\政务公开",
                             now: dt.datetime | None = None) -> Record:
    """Publish a system-generated record (e.g. the annual report) in one step.

    Still allocates the 索引号 and logs one event; the actor must hold the approver role (or be a
    platform admin) in ``agency``. ``attachments`` are (file name, bytes) pairs, checked as uploads are.
    """
    _require(actor, agency, Role.APPROVER)
    now = now or clock.now()
    category = category_named(agency, category_name, actor=actor)
    files = [(att.check(name, data), data) for name, data in attachments]
    with transaction.atomic():
        record = Record(agency=agency, status=Status.PUBLISHED, generated=True, created_at=now, updated_at=now,
                        created_by=person(actor))
        _apply(record, {"title": title, "category": category, "topic": topic, "formed_on": formed_on,
                        "written_on": formed_on, "summary": summary, "body": body_html}, EDITABLE_FIELDS)
        published_on = clock.local_date(now)
        record.index_number = _allocate_index_number(agency, published_on)
        record.published_at, record.published_on = now, published_on
        record.save()
        for checked, data in files:
            text, error = att.safe_extract(checked.kind, data, checked.name)
            item = Attachment(record=record, name=checked.name, kind=checked.kind, size=checked.size, text=text,
                              extract_error=error, uploaded_at=now)
            item.file.save(checked.name, ContentFile(data), save=False)
            item.save()
        events.record(action="catalog.record.publish_generated", obj=record, actor=actor, agency=agency, at=now,
                      after=snapshot(record, exclude=_SNAP_EXCLUDE))
        versions.bump(agency.pk)
        _schedule_index(record.pk)
    return record


# ---------------------------------------------------------------- channels and Art. 20 figures


def channel_publication_add(*, record: Record, channel: str, published_on: dt.date, link: str = "",
                            note: str = "", actor: Actor) -> ChannelPublication:
    _require(actor, record.agency, Role.CLERK, Role.APPROVER)
    if channel not in Channel.values:
        raise ValidationError({"channel": "未知的发布渠道"})
    with transaction.atomic():
        item = ChannelPublication(record=record, channel=channel, published_on=published_on, link=link, note=note)
        item.full_clean()
        item.save()
        events.record(action="catalog.channel.add", obj=item, actor=actor, agency=record.agency,
                      after=snapshot(item))
        versions.bump(record.agency_id)
    return item


def channel_tally_save(*, agency: Agency, channel: str, period_start: dt.date, period_end: dt.date, count: int,
                       note: str = "", actor: Actor) -> ChannelTally:
    """Create or replace the tally for (agency, channel, period)."""
    _require(actor, agency, Role.CLERK, Role.OFFICE_HEAD)
    with transaction.atomic():
        item = ChannelTally.objects.select_for_update().filter(
            agency=agency, channel=channel, period_start=period_start, period_end=period_end).first()
        before = snapshot(item) if item else None
        item = item or ChannelTally(agency=agency, channel=channel, period_start=period_start, period_end=period_end)
        item.count, item.note = count, note
        item.full_clean()
        item.save()
        events.record(action="catalog.channel_tally.save", obj=item, actor=actor, agency=agency, before=before,
                      after=snapshot(item))
    return item


def period_figures_save(*, agency: Agency, period_start: dt.date, period_end: dt.date, licensing: int = 0,
                        penalty: int = 0, coercion: int = 0, fees: Decimal | str = Decimal("0"), note: str = "",
                        actor: Actor) -> PeriodFigures:
    """Create or replace the Art. 20 (五)(六)(八) figures for one period (fees in 万元)."""
    _require(actor, agency, Role.CLERK, Role.OFFICE_HEAD)
    with transaction.atomic():
        item = PeriodFigures.objects.select_for_update().filter(
            agency=agency, period_start=period_start, period_end=period_end).first()
        before = snapshot(item) if item else None
        item = item or PeriodFigures(agency=agency, period_start=period_start, period_end=period_end)
        item.licensing, item.penalty, item.coercion = licensing, penalty, coercion
        item.fees, item.note = Decimal(str(fees)), note
        item.full_clean()
        item.save()
        events.record(action="catalog.period_figures.save", obj=item, actor=actor, agency=agency, before=before,
                      after=snapshot(item))
    return item
