"""Administrative review (行政复议) and litigation (行政诉讼) cases about disclosure: the inputs of Table 4.

A case belongs to an agency (the respondent organ), may link to an application, and has a kind
(review; litigation without prior review 未经复议直接起诉; litigation after review 复议后起诉) and an
outcome (结果维持 / 结果纠正 / 其他结果 / 尚未审结). Table 4 keys are ``<kind>.<outcome>`` (spec §3.4).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.formats.declarations import APPEAL_KINDS, APPEAL_PENDING, APPEAL_RESULTS

# Keys and labels are declared in gongkai.formats (Table 4 groups and parts); the choices read them, and
# gongkai.reports checks at start-up that the members below still list exactly the declared keys.
_KIND = dict(APPEAL_KINDS)
_RESULT = dict(APPEAL_RESULTS)


class AppealKind(models.TextChoices):
    REVIEW = "review", _KIND["review"]
    LITIGATION_DIRECT = "litigation_direct", _KIND["litigation_direct"]
    LITIGATION_AFTER_REVIEW = "litigation_after_review", _KIND["litigation_after_review"]


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _RESULT["upheld"]
    CORRECTED = "corrected", _RESULT["corrected"]
    OTHER = "other", _RESULT["other"]
    PENDING = APPEAL_PENDING, _RESULT[APPEAL_PENDING]


class AppealCase(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="appeal_cases",
                               verbose_name=_("被申请人（被告）机关"))
    application = models.ForeignKey("applications.Application", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="appeal_cases", verbose_name=_("关联申请"))
    kind = models.CharField(_("类别"), max_length=24, choices=AppealKind.choices, db_index=True)
    case_number = models.CharField(_("案号"), max_length=80, blank=True, default="")
    appellant = models.CharField(_("申请人（原告）"), max_length=120)
    body = models.CharField(_("复议机关或受理法院"), max_length=120, blank=True, default="")
    subject = models.CharField(_("争议事项"), max_length=300)
    filed_on = models.DateField(_("申请（立案）日期"), db_index=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=12, choices=AppealOutcome.choices,
                               default=AppealOutcome.PENDING, db_index=True)
    note = models.TextField(_("说明"), blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["agency", "filed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number or self.pk}"
