"""Attachments are published clean: the portal serves a copy without the author, company or comments the
original carries; staff keep the original; a file that cannot be cleaned stops publication with a reason."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from docx import Document

from gongkai.catalog import services
from gongkai.catalog.models import Attachment
from tests.catalog.helpers import draft, publish


def _docx_by(author: str) -> bytes:
    doc = Document()
    doc.core_properties.author = author
    para = doc.add_paragraph("实施细则正文")
    doc.add_comment(para.runs, text="内部意见：再压缩篇幅", author=author)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _all_parts(data: bytes) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(data))
    return b"".join(z.read(n) for n in z.namelist())


def test_portal_serves_the_clean_copy_staff_keep_the_original(org: dict[str, Any], client: Client) -> None:
    record = draft(org)
    item = services.attachment_add(record=record, name="细则.docx", data=_docx_by("起草人张三"), actor=org["clerk"])
    assert item.scrub_note == "已清除：作者、单位/模板、批注或自定义属性"
    publish(org, record)
    r = client.get(f"/record/{record.pk}/file/{item.pk}/")
    assert r.status_code == 200
    public = b"".join(r.streaming_content)
    assert "起草人张三".encode() not in _all_parts(public) and "内部意见".encode() not in _all_parts(public)
    assert [p.text for p in Document(io.BytesIO(public)).paragraphs] == ["实施细则正文"]
    with Attachment.objects.get(pk=item.pk).file.open("rb") as fh:  # the original is kept for staff
        assert "起草人张三".encode() in _all_parts(fh.read())


def test_attachment_without_a_copy_gets_one_on_publication(org: dict[str, Any]) -> None:
    record = draft(org)
    item = services.attachment_add(record=record, name="细则.docx", data=_docx_by("李四"), actor=org["clerk"])
    Attachment.objects.filter(pk=item.pk).update(public_file="", scrub_note="")  # as uploaded before copies
    publish(org, record)
    fresh = Attachment.objects.get(pk=item.pk)
    assert fresh.public_file and fresh.scrub_note.startswith("已清除")


def test_a_file_that_cannot_be_cleaned_stops_publication(org: dict[str, Any]) -> None:
    record = draft(org)
    item = services.attachment_add(record=record, name="细则.docx", data=_docx_by("王五"), actor=org["clerk"])
    # A legacy DOC cannot be rewritten safely (core.scrub): simulate one stored before copies were made.
    Attachment.objects.filter(pk=item.pk).update(public_file="", scrub_note="", kind="doc")
    with pytest.raises(ValidationError, match="转换为 PDF、DOCX 或 XLSX"):
        publish(org, record)
