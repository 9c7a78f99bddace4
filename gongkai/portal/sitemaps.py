"""Sitemap of the public portal: agency column pages and published record pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Record
from gongkai.catalog.selectors import public_records


class AgencySitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> QuerySet[Agency]:
        return Agency.objects.filter(is_active=True).order_by("pk")

    def location(self, item: Agency) -> str:
        return reverse("portal:agency", args=[item.pk])


class RecordSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    limit = 10000

    def items(self) -> QuerySet[Record]:
        return public_records().order_by("pk").only("pk", "updated_at")

    def location(self, item: Record) -> str:
        return reverse("portal:record", args=[item.pk])

    def lastmod(self, item: Record) -> dt.datetime:
        return item.updated_at


SITEMAPS = {"agencies": AgencySitemap, "records": RecordSitemap}
