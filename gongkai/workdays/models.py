"""Calendar data: one row per announced year (with its source notice) and one per special day."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("放假")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")


class Origin(models.TextChoices):
    SEED = "seed", _("chinese-calendar 数据包")
    NOTICE = "notice", _("国务院办公厅通知")
    MANUAL = "manual", _("手工录入")


class CalendarYear(models.Model):
    """A year whose holiday arrangement is known. Without this row the year is never computed."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    source = models.CharField(_("来源通知"), max_length=200, blank=True, default="")
    origin = models.CharField(_("来源类型"), max_length=10, choices=Origin.choices, default=Origin.NOTICE)
    notice_text = models.TextField(_("通知原文"), blank=True, default="")
    changed_at = models.DateTimeField(_("更新时间"), auto_now=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("更新人"))

    class Meta:
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}"


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days",
                                      verbose_name=_("所属年度"))
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"
