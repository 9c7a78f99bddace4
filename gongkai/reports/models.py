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
