"""Disclosure applications (依申请公开) and their ledgers: clock events, fee notices, letters, uploads.

The outcome of an application *is* a leaf row of the 2021 annual report's Table 3 and its applicant
type *is* a Table 3 column (spec §3.3), so the report is a GROUP BY. Identity numbers are stored
encrypted (``crypto``); the stored due date is an indexed copy written only by services from the
pure clock in ``deadlines``.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.applications import crypto
from gongkai.applications.deadlines import KIND_LABELS
from gongkai.applications.fees import Method
from gongkai.applications.workflow import OPEN_STATUSES, Status
from gongkai.core import clock
from gongkai.formats.declarations import OUTCOME_BASIS as OUTCOME_BASIS
from gongkai.formats.shared import TABLE3_COLUMNS, table3_groups, table3_rows

# Table 3 of the 2021 format is the one declaration of these labels (Principle 1: the outcome of an
# application *is* a row of Table 3); the choices below read it instead of restating it.
_T3_ROWS = {r.key: r for r in table3_rows(era="2021")}
_T3_GROUPS = {g.key: g.label for g in table3_groups(era="2021")}
_T3_COLUMNS = {c.key: c.label for c in TABLE3_COLUMNS}


def _outcome_label(key: str) -> str:
    """The row's official label, prefixed by its （三）–（六） group where it has one."""
    row = _T3_ROWS[key]
    return f"{_T3_GROUPS[row.group]}：{row.label}" if row.group and row.group != "results" else row.label


class ApplicantType(models.TextChoices):
    """Table 3 columns (spec §3.3): 自然人, then 法人或其他组织 by sub-category."""

    NATURAL_PERSON = "natural_person", _T3_COLUMNS["natural_person"]
    COMMERCIAL = "commercial", _T3_COLUMNS["commercial"]
    RESEARCH = "research", _T3_COLUMNS["research"]
    PUBLIC_INTEREST = "public_interest", _T3_COLUMNS["public_interest"]
    LEGAL_SERVICE = "legal_service", _T3_COLUMNS["legal_service"]
    OTHER_ORG = "other_org", _T3_COLUMNS["other_org"]


class Outcome(models.TextChoices):
    """Table 3 (2021) leaf rows (spec §3.3), one per answered or closed application."""

    GRANTED = "granted", _outcome_label("granted")
    PARTIAL = "partial", _outcome_label("partial")
    STATE_SECRET = "denied.state_secret", _outcome_label("denied.state_secret")
    LAW_FORBIDDEN = "denied.law_forbidden", _outcome_label("denied.law_forbidden")
    THREE_SAFETY = "denied.three_safety_one_stability", _outcome_label("denied.three_safety_one_stability")
    THIRD_PARTY = "denied.third_party", _outcome_label("denied.third_party")
    INTERNAL_AFFAIRS = "denied.internal_affairs", _outcome_label("denied.internal_affairs")
    PROCESS_INFO = "denied.process_info", _outcome_label("denied.process_info")
    ENFORCEMENT_FILE = "denied.enforcement_file", _outcome_label("denied.enforcement_file")
    ADMIN_QUERY = "denied.admin_query", _outcome_label("denied.admin_query")
    NOT_HELD = "unable.not_held", _outcome_label("unable.not_held")
    NEEDS_CREATION = "unable.needs_creation", _outcome_label("unable.needs_creation")
    UNCLEAR = "unable.unclear_after_correction", _outcome_label("unable.unclear_after_correction")
    PETITION = "not_processed.petition_complaint", _outcome_label("not_processed.petition_complaint")
    DUPLICATE = "not_processed.duplicate", _outcome_label("not_processed.duplicate")
    PUBLICATION = "not_processed.publication", _outcome_label("not_processed.publication")
    MASS_REPEAT = "not_processed.mass_repeat", _outcome_label("not_processed.mass_repeat")
    CONFIRM_REISSUE = "not_processed.confirm_reissue", _outcome_label("not_processed.confirm_reissue")
    NO_CORRECTION = "other.no_correction", _outcome_label("other.no_correction")
    FEE_UNPAID = "other.fee_unpaid", _outcome_label("other.fee_unpaid")
    OTHER = "other.other", _outcome_label("other.other")


class Channel(models.TextChoices):
    """How the application arrived; the legal receipt date follows Art. 31 by channel."""

    ONLINE = "online", _("互联网")
    IN_PERSON = "in_person", _("当面提交")
    TRACKED_POST = "tracked_post", _("邮寄（需签收）")
    ORDINARY_POST = "ordinary_post", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


# Art. 31: which date is the legal receipt date, per channel (shown on the intake form).
RECEIPT_RULE: dict[str, str] = {
    Channel.ONLINE: "双方确认之日（第三十一条第三项）",
    Channel.IN_PERSON: "提交之日（第三十一条第一项）",
    Channel.TRACKED_POST: "签收之日（第三十一条第二项）",
    Channel.ORDINARY_POST: "收到信函当日与申请人确认之日（第三十一条第二项）",
    Channel.FAX: "双方确认之日（第三十一条第三项）",
    Channel.EMAIL: "双方确认之日（第三十一条第三项）",
}


class IdDocType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MO_TW = "permit", _("港澳台居民居住证/通行证")
    CREDIT_CODE = "credit_code", _("统一社会信用代码证")
    OTHER = "other", _("其他")


class ProvisionForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    INSPECT = "inspect", _("查阅")


class ProvisionWay(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上获取")
    FAX = "fax", _("传真")


def new_tracking_code() -> str:
    """16 characters from a 32-letter alphabet (80 bits), without look-alike characters."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


class ApplicationQuerySet(models.QuerySet["Application"]):
    """Carry-over helpers: a case is open on a day when received by it and not closed before it."""

    def open_on(self, day: dt.date) -> ApplicationQuerySet:
        return self.filter(received_on__lte=day).filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day))

    def carried_over_into(self, year: int) -> ApplicationQuerySet:
        """上年结转: received before 1 January of ``year`` and still open at its start."""
        first = dt.date(year, 1, 1)
        return self.filter(received_on__lt=first).filter(models.Q(closed_on__isnull=True)
                                                          | models.Q(closed_on__gte=first))

    def carried_forward_from(self, year: int) -> ApplicationQuerySet:
        """结转下年度继续办理: open at the end of 31 December of ``year``."""
        return self.open_on(dt.date(year, 12, 31))


class Application(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="applications",
                               verbose_name=_("受理机关"))
    tracking_code = models.CharField(_("查询码"), max_length=20, unique=True, default=new_tracking_code,
                                     editable=False)
    number = models.CharField(_("登记编号"), max_length=40, blank=True, default="")

    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices,
                                      default=ApplicantType.NATURAL_PERSON, db_index=True)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=120)
    id_doc_type = models.CharField(_("身份证明类型"), max_length=20, choices=IdDocType.choices,
                                   default=IdDocType.ID_CARD)
    id_number_enc = models.TextField(_("证件号码（加密）"), blank=True, default="", editable=False)
    id_fingerprint = models.CharField(max_length=32, blank=True, default="", db_index=True, editable=False)
    id_number_masked = models.CharField(_("证件号码"), max_length=40, blank=True, default="", editable=False)
    # For a 法人或其他组织 the application form names its legal representative and a contact person
    # (the 申请表 of most organs asks for both; Art. 29 requires the applicant's name and contact).
    legal_rep = models.CharField(_("法定代表人或负责人"), max_length=60, blank=True, default="")
    contact_name = models.CharField(_("联系人姓名"), max_length=60, blank=True, default="")
    phone = models.CharField(_("联系电话"), max_length=40, blank=True, default="")
    email = models.EmailField(_("电子邮箱"), blank=True, default="")
    address = models.CharField(_("通信地址"), max_length=200, blank=True, default="")
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True, default="")

    info_name = models.CharField(_("所需信息名称"), max_length=300)
    info_doc_number = models.CharField(_("文号"), max_length=120, blank=True, default="")
    info_description = models.TextField(_("所需信息的特征性描述"), blank=True, default="")
    info_key = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    provision_form = models.CharField(_("提供形式"), max_length=12, choices=ProvisionForm.choices,
                                      default=ProvisionForm.ELECTRONIC)
    provision_way = models.CharField(_("获取方式"), max_length=12, choices=ProvisionWay.choices,
                                     default=ProvisionWay.EMAIL)

    channel = models.CharField(_("申请渠道"), max_length=16, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("提交时间"))
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)

    status = models.CharField(_("状态"), max_length=24, choices=Status.choices, default=Status.PROCESSING,
                              db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True, default="",
                               db_index=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True, default="")
    answer_text = models.TextField(_("答复内容"), blank=True, default="")
    referral_organ = models.CharField(_("负责公开的机关"), max_length=120, blank=True, default="")
    referral_contact = models.CharField(_("该机关联系方式"), max_length=200, blank=True, default="")
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)

    due_on = models.DateField(_("答复截止日"), null=True, blank=True, db_index=True, editable=False)
    due_error = models.CharField(_("期限计算问题"), max_length=300, blank=True, default="", editable=False)
    # ``due_on`` counted over a year whose holiday notice is not in the calendar yet (Mon–Fri assumed):
    # shown as 暂估 until the notice is imported and the date recomputed (issue 11 item 20).
    due_provisional = models.BooleanField(_("截止日为暂估"), default=False, editable=False)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("疑似重复申请"))
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"]),
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "closed_on", "outcome"]),
        ]
        # A closed case always has its Table 3 row, or R1 (一+二 = 三+四) could not hold.
        constraints = [models.CheckConstraint(
            condition=models.Q(closed_on__isnull=True) | ~models.Q(outcome=""), name="closed_has_outcome")]

    def __str__(self) -> str:
        return f"{self.number or self.pk} {self.info_name[:30]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def set_id_number(self, value: str) -> None:
        self.id_number_enc = crypto.encrypt(value)
        self.id_fingerprint = crypto.fingerprint(value)
        self.id_number_masked = crypto.mask(value)

    def reveal_id_number(self) -> str:
        """Decrypt; callers must log the view (``services.identity_reveal``)."""
        return crypto.decrypt(self.id_number_enc)

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label) if self.outcome else ""


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to="applications/uploads/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("申请附件")
        verbose_name_plural = _("申请附件")

    def __str__(self) -> str:
        return self.name


class Party(models.TextChoices):
    THIRD_PARTY = "third_party", _("第三方")
    OTHER_ORGAN = "other_organ", _("其他机关")


class ClockEvent(models.Model):
    """One row of the answer-clock ledger; ``deadlines.compute_due`` reads these (append-only)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_events")
    kind = models.CharField(_("事项"), max_length=32, choices=list(KIND_LABELS.items()))
    on = models.DateField(_("日期"))
    days = models.PositiveSmallIntegerField(_("天数"), default=0)
    ref = models.CharField(max_length=40, blank=True, default="")
    party = models.CharField(_("征求对象类别"), max_length=16, choices=Party.choices, blank=True, default="")
    until = models.DateField(_("期限"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True, default="")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("期限事项")
        verbose_name_plural = _("期限事项")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class FeeStatus(models.TextChoices):
    NOTIFIED = "notified", _("已通知")
    PAID = "paid", _("已缴纳")
    WAIVED = "waived", _("已减免")
    UNPAID = "unpaid", _("逾期未缴")


class FeeNotice(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField(_("计收方式"), max_length=8, choices=[(m.value, m.value) for m in Method])
    count = models.PositiveIntegerField(_("件数或页数"))
    prior = models.PositiveIntegerField(_("本月已计件数"), default=0)
    amount = models.PositiveIntegerField(_("金额（元）"))
    sent_on = models.DateField(_("发出日期"))
    received_on = models.DateField(_("申请人收到日期"))
    pay_by = models.DateField(_("缴费期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=FeeStatus.choices, default=FeeStatus.NOTIFIED)
    paid_on = models.DateField(_("缴纳日期"), null=True, blank=True)
    waive_reason = models.CharField(_("减免理由"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("收费通知")
        verbose_name_plural = _("收费通知")
        indexes = [models.Index(fields=["sent_on"])]

    def __str__(self) -> str:
        return f"{self.method_label} {self.amount}元"

    @property
    def method_label(self) -> str:
        return "按件计收" if self.method == Method.PIECES else "按量计收"


class LetterKind(models.TextChoices):
    ANSWER = "answer", _("政府信息公开申请答复书")
    CORRECTION = "correction", _("补正申请告知书")
    EXTENSION = "extension", _("延期答复告知书")
    CONSULTATION = "consultation", _("征求第三方意见书")
    FEE = "fee", _("收费通知书")


class LetterTemplate(models.Model):
    """An agency's own wording of a letter (the placeholder language of ``letters``); else the default is used."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(_("文书类型"), max_length=16, choices=LetterKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文模板"))
    changed_at = models.DateTimeField(auto_now=True)
    # The body as it was before the move to the placeholder language (migration 0005), kept so a
    # template that could not be translated and was reset to the default is not lost silently.
    legacy_body = models.TextField(_("迁移前的模板"), blank=True, default="", editable=False)
    legacy_note = models.CharField(_("迁移说明"), max_length=300, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="uniq_letter_template")]

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=16, choices=LetterKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("正文"))
    docx = models.FileField(upload_to="applications/letters/%Y/", blank=True)
    pdf = models.FileField(upload_to="applications/letters/%Y/", blank=True)
    issued_on = models.DateField(_("出具日期"))
    delivery_way = models.CharField(_("送达方式"), max_length=40, blank=True, default="")
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivery_proof = models.CharField(_("送达凭证"), max_length=200, blank=True, default="")
    # A letter regenerated on request (e.g. one issued before a wording fix) points to the version it
    # replaces; the old row and its files are kept unchanged (issue 11 item 17).
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="superseded_by", verbose_name=_("更正的文书"))
    regenerated_reason = models.CharField(_("重新生成的原因"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.title


class RoutingKind(models.TextChoices):
    ROUTED = "routed", _("分办")
    SIGNED = "signed", _("签收")
    RETURNED = "returned", _("退回")


class RoutingStep(models.Model):
    """One step of routing a platform or counter intake (分办 → 签收, or 退回 and 分办 again); append-only.

    ``router`` is the desk that routes (the agency the case was submitted to); ``to_agency`` the agency
    it was sent to. Written only by ``routing`` services, each step with its event (issue 14).
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="routing_steps")
    kind = models.CharField(_("环节"), max_length=12, choices=RoutingKind.choices)
    router = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("分办机关"))
    to_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("承办机关"))
    on = models.DateField(_("日期"))
    reason = models.CharField(_("说明"), max_length=300, blank=True, default="")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("分办记录")
        verbose_name_plural = _("分办记录")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


def _now() -> dt.datetime:
    return clock.now()


class GuidedPath(models.Model):
    """The answers a clerk gave on the guided answer screen (``guided``), kept so a reviewer sees the path."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="guided_paths")
    path = models.JSONField(_("引导路径"), default=list)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    # from the time seam (core.clock), like the events beside it, so a pinned clock shows one time
    created_at = models.DateTimeField(default=_now)

    class Meta:
        verbose_name = _("答复引导路径")
        verbose_name_plural = _("答复引导路径")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return " → ".join(str(s.get("label", "")) for s in self.path)
