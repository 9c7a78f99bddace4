"""Calendar data: one row per announced year, one per imported notice, one per special day.

Each special day remembers where it came from (``origin`` and, for notices, ``notice``), so importing
a later or supplementary notice merges into the calendar instead of replacing a year (issue 11 item 9).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class HolidayNotice(models.Model):
    """One State Council notice as imported: its text, document number and who imported it when."""

    year = models.PositiveIntegerField(_("所属年度"))
    title = models.CharField(_("标题"), max_length=200, blank=True, default="")
    doc_number = models.CharField(_("文号"), max_length=40, blank=True, default="")
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    source = models.CharField(_("来源（文号、网址）"), max_length=300, blank=True, default="")
    text = models.TextField(_("通知原文"), blank=True, default="")
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("导入人"))

    class Meta:
        verbose_name = _("放假通知")
        verbose_name_plural = _("放假通知")
        ordering = ["year", "imported_at"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        title = self.title or f"国务院办公厅关于{self.year}年部分节假日安排的通知"
        return f"{title}（{self.doc_number}）" if self.doc_number else title


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days",
                                      verbose_name=_("所属年度"))
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日"), max_length=40, blank=True, default="")
    origin = models.CharField(_("来源类型"), max_length=10, choices=Origin.choices, default=Origin.SEED)
    notice = models.ForeignKey(HolidayNotice, null=True, blank=True, on_delete=models.PROTECT, related_name="days",
                               verbose_name=_("来源通知"))

    class Meta:
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    @property
    def source_label(self) -> str:
        return self.notice.label if self.notice_id and self.notice else str(self.get_origin_display())
