"""One website annual report per agency and year: the site's identity, the figures staff enter, the
figures the platform computes (frozen into ``computed`` when the report is submitted, live before), the
staff's 情况说明 per section, and the workflow status (``workflow.Status``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.websites.workflow import Status


class WebsiteReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="website_reports",
                               verbose_name=_("机关"))
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    identity = models.JSONField(_("网站基本信息"), default=dict)
    entered = models.JSONField(_("填报数据"), default=dict)
    computed = models.JSONField(_("平台统计数据"), default=dict)
    notes = models.JSONField(_("情况说明"), default=dict)
    return_comment = models.TextField(_("退回意见"), blank=True, default="")
    created_at = models.DateTimeField(_("创建时间"))
    updated_at = models.DateTimeField(_("更新时间"))
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("发布人"))

    class Meta:
        verbose_name = _("政府网站工作年度报表")
        verbose_name_plural = _("政府网站工作年度报表")
        ordering = ["-year", "agency_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="uniq_website_report_year")]
        indexes = [models.Index(fields=["status", "year"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}年度政府网站工作年度报表"
