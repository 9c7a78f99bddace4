"""Atom feed of each agency's newest published records (django.contrib.syndication)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.catalog.models import Record
from gongkai.catalog.selectors import public_records


class AgencyFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, agency_id: int) -> Agency:  # type: ignore[override]
        return get_object_or_404(Agency, pk=agency_id, is_active=True)

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 政府信息公开"

    def link(self, obj: Agency) -> str:
        return reverse("portal:agency", args=[obj.pk])

    def subtitle(self, obj: Agency) -> str:
        return f"{obj.name}最新主动公开的政府信息"

    def items(self, obj: Agency) -> QuerySet[Record]:
        return public_records().filter(agency=obj).order_by("-published_at", "-id")[:30]

    def item_title(self, item: Record) -> str:
        return item.title

    def item_description(self, item: Record) -> str:
        return item.summary

    def item_link(self, item: Record) -> str:
        return reverse("portal:record", args=[item.pk])

    def item_pubdate(self, item: Record) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Record) -> dt.datetime | None:
        return item.updated_at

    def item_guid(self, item: Record) -> str:
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False
