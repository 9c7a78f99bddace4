"""The work ledger: one row per piece of work (a press conference, a month of hotline items, a training
session, the staff count …) belonging to one agency and one report year.

Report figures are SQL sums over these rows (``selectors.work_figures``); nothing is stored twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.worklog.kinds import SPECS, Kind


class WorkEntry(models.Model):
    agency = models.ForeignKey("agencies.Agency", verbose_name=_("机关"), on_delete=models.PROTECT,
                               related_name="work_entries")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("类别"), max_length=24, choices=Kind.choices)
    occurred_on = models.DateField(_("日期"), null=True, blank=True)
    title = models.CharField(_("事项"), max_length=200)
    quantity = models.DecimalField(_("数量"), max_digits=12, decimal_places=2, default=Decimal(1),
                                   validators=[MinValueValidator(Decimal(0))])
    secondary = models.PositiveIntegerField(_("办结数／参加人次"), null=True, blank=True)
    principal_leader = models.BooleanField(_("主要负责同志参加"), default=False)
    note = models.TextField(_("备注"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("录入人"))
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("工作台账条目")
        verbose_name_plural = _("工作台账条目")
        ordering = ["-year", "kind", "occurred_on", "id"]
        indexes = [models.Index(fields=["agency", "year", "kind"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="worklog_quantity_nonneg"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_kind_display()} {self.title}"

    def clean(self) -> None:
        spec = SPECS.get(self.kind)
        if spec is None:
            return
        errors: dict[str, str] = {}
        if self.quantity is not None and not spec.decimal and self.quantity != self.quantity.to_integral_value():
            errors["quantity"] = str(_("该类别的数量应为整数"))
        if self.secondary is not None and spec.secondary is None:
            errors["secondary"] = str(_("该类别没有第二项数字"))
        if (spec.secondary == "办结数" and self.secondary is not None and self.quantity is not None
                and self.secondary > self.quantity):
            errors["secondary"] = str(_("办结数不能大于受理数"))
        if self.principal_leader and not spec.principal:
            errors["principal_leader"] = str(_("该类别不区分主要负责同志参加"))
        if self.occurred_on is not None and self.occurred_on.year != self.year:
            errors["occurred_on"] = str(_("日期应在所属年度内"))
        if errors:
            raise ValidationError(errors)
