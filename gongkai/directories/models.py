"""The standard directory items an agency publishes under (基层政务公开标准目录) and the catalog records
that fulfil them. An item is one row of a published directory; a link says "this record is what the
item asks to be published"."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.directories.declarations import DOMAINS


class DirectoryItem(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="directory_items",
                               verbose_name=_("机关"))
    domain = models.CharField(_("领域"), max_length=40, choices=DOMAINS)
    seq = models.PositiveIntegerField(_("序号"))
    level1 = models.CharField(_("一级事项"), max_length=200)
    level2 = models.CharField(_("二级事项"), max_length=200, blank=True, default="")
    content = models.TextField(_("公开内容（要素）"))
    basis = models.TextField(_("公开依据"), blank=True, default="")
    time_limit = models.CharField(_("公开时限"), max_length=200, blank=True, default="")
    # The workday count read from ``time_limit`` (declarations.time_limit_workdays); null: not checkable.
    limit_workdays = models.PositiveIntegerField(_("时限（工作日）"), null=True, blank=True)
    subject = models.CharField(_("公开主体"), max_length=300, blank=True, default="")
    channels = models.JSONField(_("公开渠道和载体"), default=list)
    audience = models.JSONField(_("公开对象"), default=list)  # "public" (全社会), "specific" (特定群体)
    mode = models.CharField(_("公开方式"), max_length=20, default="proactive")  # proactive / on_request
    levels = models.JSONField(_("公开层级"), default=list)
    source = models.CharField(_("来源"), max_length=500, blank=True, default="")
    records = models.ManyToManyField("catalog.Record", through="ItemLink", related_name="directory_items")

    class Meta:
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录事项")
        ordering = ["agency", "domain", "seq", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "domain", "seq"], name="uniq_directory_seq")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()} {self.seq} {self.level1} {self.level2}".strip()


class ItemLink(models.Model):
    item = models.ForeignKey(DirectoryItem, on_delete=models.CASCADE, related_name="links")
    record = models.ForeignKey("catalog.Record", on_delete=models.CASCADE, related_name="directory_links")
    linked_at = models.DateTimeField(_("关联时间"))

    class Meta:
        verbose_name = _("目录事项与政府信息的关联")
        verbose_name_plural = _("目录事项与政府信息的关联")
        constraints = [models.UniqueConstraint(fields=["item", "record"], name="uniq_item_record")]

    def __str__(self) -> str:
        return f"{self.item} → {self.record_id}"
