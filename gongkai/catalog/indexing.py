"""What of a record goes into the search index: title, 发文字号, keywords, summary, body text and
attachment text, with the filter columns (agency, category, topic, year, validity).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import strip_tags

from gongkai.catalog.models import Attachment, Record
from gongkai.catalog.rules import Disclosure
from gongkai.catalog.workflow import Status
from gongkai.search.backends import index_document, remove_document


def search_key(record_id: int) -> str:
    return f"catalog.record:{record_id}"


def index_record_now(record_id: int) -> None:
    record = Record.objects.select_related("category").filter(pk=record_id).first()
    if record is None or record.status != Status.PUBLISHED:
        remove_document(search_key(record_id))
        return
    shows_content = record.disclosure == Disclosure.PROACTIVE
    attachment_text = ""
    if shows_content:
        attachment_text = "\n".join(Attachment.objects.filter(record=record).values_list("text", flat=True))
    body = strip_tags(record.body) if shows_content else ""
    text = "\n".join(p for p in (record.summary, body, attachment_text) if p)
    index_document(
        key=search_key(record.pk), agency_id=record.agency_id,
        url=reverse("portal:record", args=[record.pk]), title=record.title, text=text,
        extra=" ".join([record.doc_number, record.keywords, record.index_number or ""]),
        category=record.category.name, topic=record.topic,
        year=record.published_on.year if record.published_on else None, validity=record.validity,
        published_on=record.published_on,
    )
