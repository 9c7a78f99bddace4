"""Every notice send (``Notice``: one row per case × trigger × channel × recipient) and the applicant's consent.

``key`` is the idempotency key, unique in the database: planning the same event twice, a redelivered
task or a double click finds the row instead of sending again. A row moves pending → sending → sent, or
back to pending with the next attempt time after a provider failure, and to failed after the last
attempt; the case page shows it either way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class State(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Notice(models.Model):
    key = models.CharField(_("幂等键"), max_length=120, unique=True)
    kind = models.CharField(_("通知类型"), max_length=20)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("申请"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("机关"))
    event_id = models.BigIntegerField(_("触发事件"), null=True, blank=True)
    recipient = models.CharField(_("接收人"), max_length=200)
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    subject = models.CharField(_("标题"), max_length=200, blank=True, default="")
    body = models.TextField(_("内容"))
    params = models.JSONField(_("模板参数"), default=dict)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True, db_index=True)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True, default="")
    provider_ref = models.CharField(_("服务商回执"), max_length=100, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["application", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.get_channel_display()}"

    @property
    def recipient_masked(self) -> str:
        """Shown on pages: the middle of a phone number or the local part of an address hidden."""
        r = self.recipient
        if self.channel == Channel.SMS and len(r) >= 7:
            return f"{r[:3]}****{r[-4:]}"
        if "@" in r:
            local, _at, domain = r.partition("@")
            return f"{local[:1]}***@{domain}"
        return r


class Consent(models.Model):
    """The applicant's choice of notice channels for one application (recorded at intake)."""

    application = models.OneToOneField("applications.Application", on_delete=models.CASCADE, related_name="+")
    email = models.BooleanField(_("同意电子邮件通知"), default=True)
    sms = models.BooleanField(_("同意短信通知"), default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("通知同意")
        verbose_name_plural = _("通知同意")

    def __str__(self) -> str:
        return f"{self.application_id}: email={self.email} sms={self.sms}"
