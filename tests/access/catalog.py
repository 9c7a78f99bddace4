"""Catalog objects for the cross-agency walker: a draft record with an attachment and a channel
publication, a category, Art. 20 period figures and a channel tally, all marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.catalog import services
from tests.access import MARKER

# Published records are public by design on the portal; the API list only shows published ones
# unless ``mine=true``, which is scoped. Nothing under /staff/catalog/ or /api/catalog/ is public.
PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    category = services.category_create(agency=agency, name=f"{MARKER}分类", actor=user)
    record = services.record_create(agency=agency, actor=user, data={
        "title": f"{MARKER} 草稿", "topic": "其他", "category": category, "formed_on": dt.date(2026, 11, 2),
        "summary": MARKER,
    })
    attachment = services.attachment_add(record=record, name="a.pdf", data=b"%PDF-1.4\n" + MARKER.encode(),
                                         actor=user)
    services.channel_publication_add(record=record, channel="weibo", published_on=dt.date(2026, 11, 3),
                                     note=MARKER, actor=user)
    services.period_figures_save(agency=agency, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30),
                                 licensing=7, note=MARKER, actor=user)
    services.channel_tally_save(agency=agency, channel="wechat", period_start=dt.date(2026, 1, 1),
                                period_end=dt.date(2026, 12, 31), count=3, note=MARKER, actor=user)
    return {"record_id": record.pk, "attachment_id": attachment.pk}
