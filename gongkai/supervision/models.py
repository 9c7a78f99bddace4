"""A 督办 note: the superior office's instruction on one case, which the case's agency must acknowledge."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupervisionNote(models.Model):
    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("申请"))
    from_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("督办机关"))
    to_agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("承办机关"))
    text = models.TextField(_("督办意见"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    issued_at = models.DateTimeField(_("督办时间"))
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    response = models.CharField(_("办理情况说明"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("督办意见")
        verbose_name_plural = _("督办意见")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["to_agency", "acknowledged_at"])]

    def __str__(self) -> str:
        return self.text[:30]
