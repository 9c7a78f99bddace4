"""Annual reports (年度报告): one row per agency, report year and version.

A draft's figures are computed live from the ledgers (``figures.compute``) plus the few cells the format
lets staff enter (``entered``); on submission the complete report — tables, narrative, check results —
is frozen into ``data`` (the ReportData JSON), and what is accepted and published is exactly that.
Reopening a published report creates version n+1; version n is kept unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.formats.declarations import NARRATIVE_FIELDS
from gongkai.reports.workflow import EDITABLE, OPEN, Status


class AnnualReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT,
                               related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    era = models.CharField(_("报告格式"), max_length=8, default="2021")
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    title = models.CharField(_("标题"), max_length=200)

    # Narrative sections written by staff (一、五、六); tables come from the ledgers.
    overview = models.TextField(_("一、总体情况"), blank=True, default="")
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True, default="")
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True, default="")

    # Cells entered by staff where the format allows it: {"table3": {"carried_over": {"natural_person": 5}}}.
    entered = models.JSONField(_("录入数据"), default=dict, blank=True)
    # The frozen ReportData (set on submission, kept for ever once published).
    data = models.JSONField(_("报告数据"), null=True, blank=True)

    review_comment = models.TextField(_("审核意见"), blank=True, default="")
    index_number = models.CharField(_("索引号"), max_length=40, blank=True, default="")
    record_id = models.PositiveBigIntegerField(_("目录条目"), null=True, blank=True)
    previous = models.ForeignKey("self", verbose_name=_("上一版本"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "agency_id", "-version"]
        indexes = [models.Index(fields=["year", "status"]), models.Index(fields=["agency", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="reports_unique_version"),
            models.UniqueConstraint(fields=["agency", "year"], condition=Q(status__in=sorted(OPEN)),
                                    name="reports_one_open_version"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def narrative(self) -> dict[str, str]:
        return {key: getattr(self, field) for key, field in NARRATIVE_FIELDS.items()}

    def entered_value(self, table: str, row: str, col: str) -> Any:
        return self.entered.get(table, {}).get(row, {}).get(col)


class Era(models.TextChoices):
    F2021 = "2021", _("2021年格式（国办公开办函〔2021〕30号）")
    F2019 = "2019", _("2019年格式（国办公开办函〔2019〕60号）")
    PRE2019 = "pre2019", _("2019年以前（政府信息公开情况统计表）")
    NARRATIVE = "narrative", _("仅有文字、无统计表")


class PublishedReport(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机关"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="published_reports")
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
        # The table keeps the name it was created under in ``ingest`` (the model moved here in state only:
        # reports owns report history, ADR 0004; no data moved).
        db_table = "ingest_publishedreport"
        ordering = ["agency_id", "-year", "-id"]
        indexes = [models.Index(fields=["agency", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], condition=models.Q(agency__isnull=False),
                                    name="ingest_one_report_per_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_name or self.agency} {self.year or '?'}"
