"""Published annual reports imported as an agency's history (``PublishedReport``).

One row per agency and report year (re-importing the same year replaces it through the service, with
an event). ``data`` is the parsed ``ReportData`` (JSON), ``checks`` the problems found at import. A few
headline figures are copied into indexed integer columns so the comparison page aggregates in SQL:
applications received, outcome groups of Table 3, proactive items, review and litigation totals.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Era(models.TextChoices):
    F2021 = "2021", _("2021年格式（国办公开办函〔2021〕30号）")
    F2019 = "2019", _("2019年格式（国办公开办函〔2019〕60号）")
    PRE2019 = "pre2019", _("2019年以前（政府信息公开情况统计表）")
    NARRATIVE = "narrative", _("仅有文字、无统计表")


class PublishedReport(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("机关"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="published_reports")
    agency_name = models.CharField(_("报告所署机关"), max_length=120, blank=True, default="")
    year = models.PositiveSmallIntegerField(_("报告年度"), null=True, blank=True)
    era = models.CharField(_("格式"), max_length=10, choices=Era.choices)
    title = models.CharField(_("标题"), max_length=200, blank=True, default="")
    data = models.JSONField(_("报告数据"), default=dict)
    checks = models.JSONField(_("核对结果"), default=list)
    source_filename = models.CharField(_("来源文件"), max_length=255)
    source_kind = models.CharField(_("文件类型"), max_length=8, default="text")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    imported_at = models.DateTimeField(_("导入时间"))
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    # Headline figures (NULL when the report does not state them).
    applications_received = models.IntegerField(_("本年新收申请"), null=True, blank=True)
    outcome_granted = models.IntegerField(_("予以公开"), null=True, blank=True)
    outcome_partial = models.IntegerField(_("部分公开"), null=True, blank=True)
    outcome_denied = models.IntegerField(_("不予公开"), null=True, blank=True)
    outcome_unable = models.IntegerField(_("无法提供"), null=True, blank=True)
    outcome_not_processed = models.IntegerField(_("不予处理"), null=True, blank=True)
    outcome_other = models.IntegerField(_("其他处理"), null=True, blank=True)
    proactive_total = models.IntegerField(_("主动公开信息数"), null=True, blank=True)
    review_total = models.IntegerField(_("行政复议"), null=True, blank=True)
    litigation_total = models.IntegerField(_("行政诉讼"), null=True, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("提示数"), default=0)

    class Meta:
        verbose_name = _("已发布年度报告")
        verbose_name_plural = _("已发布年度报告")
        ordering = ["agency_id", "-year", "-id"]
        indexes = [models.Index(fields=["agency", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], condition=models.Q(agency__isnull=False),
                                    name="ingest_one_report_per_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_name or self.agency} {self.year or '?'}"
