"""Catalog data: records (政府信息) with the spec §6.1 metadata, attachments, revisions of published
records, per-agency information categories, the 索引号 counters, channel publications and tallies,
and the Art. 20 figures entered per period (许可/处罚/强制 decisions and 收费 amounts).

Published things are never silently edited: services change them only through recorded acts
(revise, withdraw, repeal), each leaving an event and, for corrections, a visible ``RecordRevision``.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.rules import Art20Kind, Channel, Disclosure, Form, Validity
from gongkai.catalog.taxonomy import TOPIC_CHOICES
from gongkai.catalog.workflow import Status


class InfoCategory(models.Model):
    """One entry of an agency's own information-category list (信息分类)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="info_categories",
                               verbose_name=_("机关"))
    name = models.CharField(_("分类名称"), max_length=60)
    ordering = models.PositiveIntegerField(_("排序"), default=0)
    description = models.CharField(_("说明"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("信息分类")
        verbose_name_plural = _("信息分类")
        ordering = ["agency", "ordering", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="uniq_category_per_agency")]

    def __str__(self) -> str:
        return self.name


class Record(models.Model):
    """A catalog entry (目录条目) for one piece of government information."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="records",
                               verbose_name=_("发布机构"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    index_number = models.CharField(_("索引号"), max_length=40, unique=True, null=True, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("发文字号"), max_length=80, blank=True, default="")
    topic = models.CharField(_("主题分类"), max_length=60, choices=TOPIC_CHOICES)
    category = models.ForeignKey(InfoCategory, on_delete=models.PROTECT, related_name="records",
                                 verbose_name=_("信息分类"))
    keywords = models.CharField(_("主题词"), max_length=200, blank=True, default="")
    issuing_organ = models.CharField(_("发文机关"), max_length=120, blank=True, default="",
                                     help_text=_("留空则为发布机构名称"))
    department = models.CharField(_("责任部门"), max_length=120, blank=True, default="")
    written_on = models.DateField(_("成文日期"), null=True, blank=True)
    formed_on = models.DateField(_("形成或变更日期"), help_text=_("《条例》第二十六条起算日"))
    due_on = models.DateField(_("应公开日期"), null=True, blank=True, db_index=True, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True, db_index=True, editable=False)
    disclosure = models.CharField(_("公开属性"), max_length=12, choices=Disclosure.choices,
                                  default=Disclosure.PROACTIVE)
    legal_ground = models.CharField(_("不主动公开的依据"), max_length=300, blank=True, default="")
    form = models.CharField(_("公开形式"), max_length=10, choices=Form.choices, default=Form.FULL)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.EFFECTIVE)
    validity_changed_on = models.DateField(_("失效或废止日期"), null=True, blank=True)
    replaced_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaces", verbose_name=_("废止或替代的文件"))
    kind = models.CharField(_("第二十条第（一）项类别"), max_length=12, choices=Art20Kind.choices, blank=True,
                            default=Art20Kind.NONE)
    interprets = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="interpretations", verbose_name=_("所解读的政策"))
    summary = models.TextField(_("内容概述"), blank=True, default="")
    body = models.TextField(_("正文"), blank=True, default="")
    return_reason = models.TextField(_("退回理由"), blank=True, default="")
    first_approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("一级审批人"))
    revision_count = models.PositiveIntegerField(_("修订次数"), default=0, editable=False)
    generated = models.BooleanField(_("系统生成"), default=False, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("起草人"))
    created_at = models.DateTimeField(_("起草时间"))
    updated_at = models.DateTimeField(_("更新时间"))

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "published_on"]),
            # Portal lists: newest first within an agency or a category, no sort step.
            models.Index(fields=["agency", "status", "published_at", "id"], name="catalog_rec_agency_newest"),
            models.Index(fields=["category", "status", "published_at", "id"], name="catalog_rec_category_newest"),
            models.Index(fields=["agency", "category", "published_on"]),
            models.Index(fields=["agency", "topic", "published_on"]),
            models.Index(fields=["agency", "kind", "published_on"]),
            models.Index(fields=["status", "due_on"]),
            # Links to a record (its 解读, the records it replaced): almost every row has none, so the plain
            # FK indexes look useless to SQLite's planner (one key, all NULL) and it scanned the million rows
            # for every record page. Partial indexes hold only the linked rows.
            models.Index(fields=["interprets"], name="catalog_rec_interprets_set",
                         condition=models.Q(interprets__isnull=False)),
            models.Index(fields=["replaced_by"], name="catalog_rec_replaced_by_set",
                         condition=models.Q(replaced_by__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.disclosure != Disclosure.PROACTIVE and not self.legal_ground.strip():
            raise ValidationError({"legal_ground": _("依申请公开或不予公开的信息须写明依据")})
        if self.interprets_id is not None and self.interprets_id == self.pk:
            raise ValidationError({"interprets": _("解读不能指向自身")})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def organ_name(self) -> str:
        return self.issuing_organ or self.agency.name

    @property
    def is_late(self) -> bool:
        return self.published_on is not None and self.due_on is not None and self.published_on > self.due_on


def attachment_path(instance: Attachment, filename: str) -> str:
    # A generated name with the checked kind: the uploader's file name (any length, any characters) is
    # only displayed, never used on disk.
    return f"catalog/{instance.record.agency_id}/{instance.record_id}/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments",
                               verbose_name=_("政府信息"))
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    # What readers see on the public page (e.g. "附件1：实施细则"); the uploaded file name when blank.
    title = models.CharField(_("显示名称"), max_length=200, blank=True, default="")
    position = models.PositiveIntegerField(_("顺序"), default=0)
    kind = models.CharField(_("类型"), max_length=10)
    size = models.PositiveIntegerField(_("大小（字节）"))
    text = models.TextField(_("提取文本"), blank=True, default="", editable=False)
    extract_error = models.CharField(_("文本提取说明"), max_length=300, blank=True, default="")
    uploaded_at = models.DateTimeField(_("上传时间"))
    # The copy the public downloads: the same content without author, company, comments, tracked changes,
    # XMP or GPS (core.scrub). `file` stays the original, for staff only.
    public_file = models.FileField(_("公开文件（已清除隐藏信息）"), upload_to=attachment_path, max_length=300,
                                   blank=True)
    scrub_note = models.CharField(_("隐藏信息处理说明"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["record", "position", "id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.title or self.name


class ReviewDecision(models.TextChoices):
    PASS = "pass", _("通过，同意公开")
    RETURN = "return", _("退回修改")


class ReviewOpinion(models.Model):
    """The 保密审查意见 written by the reviewer for one submission (先审查、后公开): the decision, the
    opinion text and which attachments were before the reviewer. Kept for every round, never edited."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="review_opinions",
                               verbose_name=_("政府信息"))
    decision = models.CharField(_("审查结论"), max_length=10, choices=ReviewDecision.choices)
    opinion = models.TextField(_("保密审查意见"))
    attachments = models.JSONField(_("审查的附件"), default=list)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("审查人"))
    at = models.DateTimeField(_("审查时间"))

    class Meta:
        verbose_name = _("保密审查意见")
        verbose_name_plural = _("保密审查意见")
        ordering = ["record", "at", "id"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.get_decision_display()}"


class RecordRevision(models.Model):
    """A visible correction of a published record: what changed, why, by whom."""

    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="revisions",
                               verbose_name=_("政府信息"))
    number = models.PositiveIntegerField(_("修订序号"))
    reason = models.TextField(_("修订说明"))
    before = models.JSONField(_("修订前"))
    after = models.JSONField(_("修订后"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("修订人"))
    at = models.DateTimeField(_("修订时间"))

    class Meta:
        verbose_name = _("修订记录")
        verbose_name_plural = _("修订记录")
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="uniq_revision_number")]

    def __str__(self) -> str:
        return f"{self.record_id}#{self.number}"

    @property
    def changed_fields(self) -> list[str]:
        return sorted(k for k in self.after if self.before.get(k) != self.after.get(k))


class IndexCounter(models.Model):
    """The last 索引号 serial used per issuer code and period; locked with SELECT … FOR UPDATE."""

    issuer_code = models.CharField(max_length=20)
    period = models.CharField(max_length=6)
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号计数器")
        verbose_name_plural = _("索引号计数器")
        constraints = [models.UniqueConstraint(fields=["issuer_code", "period"], name="uniq_index_counter")]

    def __str__(self) -> str:
        return f"{self.issuer_code}/{self.period}: {self.last_serial}"


class ChannelPublication(models.Model):
    """A record also published in 政府公报, 政务微博, 政务微信 or other media."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="channel_publications",
                               verbose_name=_("政府信息"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    published_on = models.DateField(_("发布日期"))
    link = models.URLField(_("链接"), blank=True, default="", max_length=400)
    note = models.CharField(_("说明"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("渠道发布")
        verbose_name_plural = _("渠道发布")
        ordering = ["record", "published_on", "id"]
        indexes = [models.Index(fields=["channel", "published_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"


def _validate_one_year(start: object, end: object) -> None:
    if start is None or end is None:
        return
    if end < start:  # type: ignore[operator]
        raise ValidationError(_("截止日期不能早于起始日期"))
    if start.year != end.year:  # type: ignore[attr-defined]
        raise ValidationError(_("统计期间不能跨年"))


class ChannelTally(models.Model):
    """Items published through a channel in a period that are not catalog records (entered counts)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="channel_tallies",
                               verbose_name=_("机关"))
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    count = models.PositiveIntegerField(_("条数"))
    note = models.CharField(_("说明"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("渠道发布统计")
        verbose_name_plural = _("渠道发布统计")
        ordering = ["agency", "period_start", "channel"]
        constraints = [models.UniqueConstraint(fields=["agency", "channel", "period_start", "period_end"],
                                               name="uniq_channel_tally")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.period_start}–{self.period_end}: {self.count}"

    def clean(self) -> None:
        _validate_one_year(self.period_start, self.period_end)


class PeriodFigures(models.Model):
    """Art. 20 items (五)(六)(八) figures entered per period where the decisions live elsewhere."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="art20_figures",
                               verbose_name=_("机关"))
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    licensing = models.PositiveIntegerField(_("行政许可决定数"), default=0)
    penalty = models.PositiveIntegerField(_("行政处罚决定数"), default=0)
    coercion = models.PositiveIntegerField(_("行政强制决定数"), default=0)
    fees = models.DecimalField(_("行政事业性收费金额（万元）"), max_digits=14, decimal_places=4,
                               default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))])
    note = models.CharField(_("说明"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("第二十条分期数据")
        verbose_name_plural = _("第二十条分期数据")
        ordering = ["agency", "period_start"]
        constraints = [models.UniqueConstraint(fields=["agency", "period_start", "period_end"],
                                               name="uniq_period_figures")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.period_start}–{self.period_end}"

    def clean(self) -> None:
        _validate_one_year(self.period_start, self.period_end)


class PublicVersion(models.Model):
    """A counter per agency (``scope`` = agency id; 0 = the whole platform) that every catalog write
    changing public output bumps inside its own transaction. The portal keys its page cache on it,
    so a cached page is never served after the change it depends on has committed."""

    scope = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.scope}@{self.version}"
