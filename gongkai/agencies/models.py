"""Administrative organs (机关) in a hierarchy, and users' roles scoped to one organ each.

An agency carries what the 政府信息公开指南 must state (Art. 12: office name, address, hours, phone,
fax, internet contact), the issuer code used in 索引号 (spec §6.2), and the per-agency settings that
the law leaves to the organ (approval levels, whether the fee window pauses the answer clock).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# Issuer codes seen in real 索引号 (spec §6.2): 18-char 统一社会信用代码, 组织机构代码 with check digit,
# or 8–9 character local codes.
ISSUER_CODE_RE = re.compile(r"^(?:[0-9A-Z]{18}|[0-9A-Z]{7,8}-[0-9A-Z]|[0-9A-Z]{8,9})$")


def validate_issuer_code(value: str) -> None:
    if not ISSUER_CODE_RE.match(value):
        raise ValidationError(
            _("发布机构代码“%(code)s”格式不正确：应为18位统一社会信用代码、带校验位的组织机构代码或8至9位代码"),
            params={"code": value},
        )


class Level(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")


LEVEL_DEPTH = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2, Level.TOWNSHIP: 3}


class Kind(models.TextChoices):
    # 人民政府 (and its 办公厅/办公室 acting for it); annual report dates by kind: reports.deadlines.
    GOVERNMENT = "government", _("人民政府")
    # 县级以上人民政府部门, reports by 1月31日 (Art. 49).
    DEPARTMENT = "department", _("政府部门")
    # 乡镇人民政府 / 街道办事处 and other 派出机构 (Art. 10).
    TOWNSHIP = "township", _("乡镇（街道）")


class IndexDateFormat(models.TextChoices):
    YEAR = "YYYY", _("年（YYYY）")
    YEAR_MONTH = "YYYYMM", _("年月（YYYYMM）")


class OnlineReceipt(models.TextChoices):
    """How this organ confirms an online application (Art. 31(3): 双方确认之日), docs/applications.md."""

    # The platform's acknowledgement page with the tracking code is sent on the organ's behalf: the
    # day of submission (Asia/Shanghai) is the day both sides confirm (ADR 0002, the default).
    ON_SUBMISSION = "submission", _("自动确认：提交成功并显示查询码之日为收到之日")
    # A staff member confirms it on the case page ("确认收到"); the clock starts on that day.
    STAFF = "staff", _("人工确认：工作人员点击“确认收到”之日为收到之日")


class Agency(models.Model):
    name = models.CharField(_("机关名称"), max_length=120)
    short_name = models.CharField(_("简称"), max_length=60, blank=True, default="")
    code = models.CharField(_("发布机构代码"), max_length=20, unique=True, validators=[validate_issuer_code],
                            help_text=_("用于索引号，如 11441700007280420Y 或 014416330"))
    parent = models.ForeignKey("self", verbose_name=_("上级机关"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices)
    # Materialized path of ancestor ids ("/1/5/12/") so subtree reads are one indexed LIKE.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    ordering = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    # 政府信息公开指南 contents (Art. 12).
    office_name = models.CharField(_("政府信息公开工作机构"), max_length=120, blank=True, default="")
    address = models.CharField(_("办公地址"), max_length=200, blank=True, default="")
    office_hours = models.CharField(_("办公时间"), max_length=120, blank=True, default="")
    phone = models.CharField(_("联系电话"), max_length=60, blank=True, default="")
    fax = models.CharField(_("传真号码"), max_length=60, blank=True, default="")
    web_contact = models.CharField(_("互联网联系方式"), max_length=200, blank=True, default="")
    email = models.EmailField(_("电子邮箱"), blank=True, default="")
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True, default="")

    # Settings the law leaves to the organ.
    index_date_format = models.CharField(_("索引号日期格式"), max_length=6, choices=IndexDateFormat.choices,
                                         default=IndexDateFormat.YEAR)
    approval_levels = models.PositiveSmallIntegerField(_("审批级数"), default=1, choices=[(1, "一级"), (2, "二级")])
    fee_pauses_clock = models.BooleanField(
        _("收费期间暂停答复期限"), default=True,
        help_text=_("国办函〔2020〕109号未明确缴费期间是否计入答复期限，默认不计入"),
    )
    # Art. 31(3): an application over the Internet is received on the day both sides confirm it.
    online_receipt = models.CharField(
        _("网上申请的收到之日"), max_length=12, choices=OnlineReceipt.choices, default=OnlineReceipt.ON_SUBMISSION,
        help_text=_("条例第三十一条第三项：通过互联网渠道提交的，以双方确认之日为收到申请之日"),
    )
    # A platform or service-centre desk (ADR 0007): applicants who do not know which organ holds the
    # information may submit online to it; the application waits in 待分办 and is routed to the organ.
    routes_online = models.BooleanField(
        _("统一受理网上申请并分办"), default=False,
        help_text=_("勾选后，网上申请人不确定由哪个机关办理时可向本机关提交，由本机关分办至承办机关"),
    )

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["path", "ordering", "id"]
        indexes = [models.Index(fields=["parent", "ordering"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        new_path = self.compute_path()
        if new_path != self.path:
            old = self.path
            self.path = new_path
            Agency.objects.filter(pk=self.pk).update(path=new_path)
            if old:
                # Re-root the subtree when the agency moves.
                for child in Agency.objects.filter(path__startswith=old).exclude(pk=self.pk):
                    Agency.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old):])

    def clean(self) -> None:
        if self.parent_id is not None and self.pk is not None and self.parent is not None:
            if f"/{self.pk}/" in (self.parent.path or ""):
                raise ValidationError({"parent": _("上级机关不能是本机关或其下级机关")})

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent is not None else "/"
        return f"{prefix}{self.pk}/"

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Role(models.TextChoices):
    CLERK = "clerk", _("经办人")
    REVIEWER = "reviewer", _("保密审查员")
    APPROVER = "approver", _("审批人（分管/主要负责人）")
    OFFICE_HEAD = "office_head", _("公开工作机构负责人")
    ADMIN = "admin", _("机关管理员")
    SUPERIOR_VIEWER = "superior_viewer", _("上级查看员")


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("用户"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("机关"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="uniq_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("待同意")
    ACCEPTED = "accepted", _("已同意")
    DECLINED = "declined", _("已拒绝")


class EnrolmentRequest(models.Model):
    """An agency admin's request to give a role to a user who already belongs elsewhere.

    The user's account is another agency's: it takes effect only when an admin of an agency the user
    belongs to (or a platform admin) accepts, so no admin can pull another agency's staff into its own.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_requests",
                             verbose_name=_("用户"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="enrolment_requests",
                               verbose_name=_("申请加入的机关"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    status = models.CharField(_("状态"), max_length=10, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("申请人"))
    requested_at = models.DateTimeField(_("申请时间"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("处理人"))
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("加入机关申请")
        verbose_name_plural = _("加入机关申请")
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"],
                                               condition=models.Q(status="pending"), name="uniq_pending_enrolment")]

    def __str__(self) -> str:
        return f"{self.user} → {self.agency} ({self.get_role_display()})"


class SsoIdentity(models.Model):
    """A staff account signed in through the identity provider (统一身份认证): issuer + subject name the
    person there. For these accounts the provider's role claim is the source of their memberships."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity",
                                verbose_name=_("用户"))
    issuer = models.CharField(_("身份认证平台"), max_length=200)
    subject = models.CharField(_("平台用户标识"), max_length=200)
    synced_at = models.DateTimeField(_("最近同步时间"))

    class Meta:
        verbose_name = _("统一身份认证账号")
        verbose_name_plural = _("统一身份认证账号")
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="uniq_sso_subject")]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"

