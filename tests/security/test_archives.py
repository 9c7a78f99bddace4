"""Decompression bombs and bounded extraction (issue 9, item 4): each test performs the attack and asserts
it is refused, with the memory it cost measured (tracemalloc) where memory was the damage.

A ~100 MB-uncompressed DOCX of a few hundred KB (built here with zipfile) went through catalog attachment
text extraction and POST /api/ingest/parse to ~700 MB of worker memory; the parse endpoint was open to
any signed-in user; HTML nested ~1,000 deep gave a 500 on upload.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from gongkai.agencies.models import Role
from gongkai.catalog import attachments as att
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Attachment as CatalogAttachment
from gongkai.core.actors import SYSTEM
from gongkai.core.archives import ArchiveRejected, check_pdf_streams, check_zip
from gongkai.reports.models import PublishedReport
from tests.conftest import member
from tests.ingest.conftest import SEED_2022

MiB = 1024 * 1024
# What a refused bomb may cost on top of the request itself: the bomb is a few hundred KB, and reading it
# through the bounded reader holds one 64 KiB chunk. Without the checks the same calls allocate 100+ MB.
MEMORY_BOUND = 20 * MiB

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')


def docx_bomb(uncompressed_mb: int = 100) -> bytes:
    """A well-formed DOCX whose document.xml is ``uncompressed_mb`` MB of repeated paragraphs."""
    para = "<w:p><w:r><w:t>政府信息公开工作年度报告政府信息公开工作年度报告</w:t></w:r></w:p>".encode()
    block = para * (MiB // len(para))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
                     b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(uncompressed_mb):
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def small_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("关于印发示例方案的通知")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def lying_docx() -> bytes:
    """A DOCX whose central directory declares document.xml as 2 KB while it inflates to 40 MB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", b"<w:document>" + b" " * (40 * MiB) + b"</w:document>")
    raw = bytearray(buf.getvalue())
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:  # every central directory entry
        name_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46:pos + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", raw, pos + 24, 2048)  # declared uncompressed size
        pos += 4
    return bytes(raw)


def pdf_bomb(inflated_mb: int = 200) -> bytes:
    """A one-page PDF whose content stream is a few hundred KB of Flate that inflates to ``inflated_mb`` MB."""
    stream = zlib.compress(b" " * (inflated_mb * MiB), 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def peak_of(call: Callable[[], Any]) -> tuple[Any, int]:
    """(result or raised exception, peak bytes traced during ``call``)."""
    tracemalloc.start()
    try:
        try:
            result: Any = call()
        except Exception as exc:
            result = exc
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = docx_bomb()
    assert len(data) < 1 * MiB  # a few hundred KB that inflate to 100 MB
    return data


# ---------------------------------------------------------------- the archive check itself


def test_zip_checks_refuse_bombs_lies_traversal_and_too_many_members(bomb: bytes) -> None:
    with pytest.raises(ArchiveRejected, match="压缩炸弹"):
        check_zip(bomb, what="DOCX")
    with pytest.raises(ArchiveRejected, match="与目录不符"):
        check_zip(lying_docx(), what="DOCX")
    traversal = io.BytesIO()
    with zipfile.ZipFile(traversal, "w") as z:
        z.writestr("word/../../../etc/cron.d/x", b"x")
    with pytest.raises(ArchiveRejected, match="不安全的部件名称"):
        check_zip(traversal.getvalue(), what="DOCX")
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as z:
        for i in range(1001):
            z.writestr(f"p{i}.xml", b"")
    with pytest.raises(ArchiveRejected, match="1001 个部件"):
        check_zip(many.getvalue(), what="DOCX")
    # An ordinary document passes.
    assert check_zip(small_docx(), what="DOCX").members > 3


def test_lying_central_directory_is_caught_by_the_bounded_reader() -> None:
    data = lying_docx()
    result, peak = peak_of(lambda: check_zip(data, what="DOCX"))
    assert isinstance(result, ArchiveRejected)
    assert peak < 4 * MiB, f"checking a lying zip allocated {peak / MiB:.0f} MB"
    # python-docx itself would have inflated the whole 40 MB member in one call.
    _, unguarded = peak_of(lambda: zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert unguarded > 30 * MiB


# ---------------------------------------------------------------- catalog attachments


def test_catalog_extraction_refuses_docx_bomb_in_bounded_memory(bomb: bytes) -> None:
    result, peak = peak_of(lambda: att.safe_extract("docx", bomb, "bomb.docx"))
    assert isinstance(result, att.AttachmentRejected), result
    assert "压缩炸弹" in str(result) and "bomb.docx" in str(result)
    assert peak < MEMORY_BOUND, f"refusing the bomb allocated {peak / MiB:.0f} MB"


def test_catalog_extraction_refuses_pdf_stream_bomb_in_bounded_memory() -> None:
    data = pdf_bomb(200)
    result, peak = peak_of(lambda: att.safe_extract("pdf", data, "bomb.pdf"))
    assert isinstance(result, att.AttachmentRejected), result
    assert "压缩炸弹" in str(result)
    assert peak < MEMORY_BOUND, f"refusing the PDF bomb allocated {peak / MiB:.0f} MB"
    with pytest.raises(ArchiveRejected):
        check_pdf_streams(data)


def test_catalog_attachment_upload_of_bomb_is_refused_and_nothing_stored(agency: Any, bomb: bytes) -> None:
    catalog.categories_ensure(agency=agency, actor=SYSTEM)
    clerk = member(agency, Role.CLERK)
    item = catalog.record_create(agency=agency, actor=clerk, data={
        "title": "关于印发示例方案的通知", "topic": "科技、教育\\教育",
        "category": catalog.category_named(agency, "政策法规", actor=SYSTEM),
        "formed_on": dt.date(2026, 3, 2), "written_on": dt.date(2026, 3, 2), "summary": "示例", "body": "<p>示例</p>"})
    c = Client()
    c.force_login(clerk)
    r = c.post(f"/staff/catalog/{item.pk}/attachments/", {"file": SimpleUploadedFile("方案.docx", bomb)},
               follow=True)
    assert r.status_code == 200 and "压缩炸弹" in r.content.decode()
    assert CatalogAttachment.objects.count() == 0


def test_catalog_extraction_text_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.setattr(att, "MAX_TEXT_CHARS", 1000)
    d = docx.Document()
    for _ in range(200):
        d.add_paragraph("政府信息公开" * 10)
    out = io.BytesIO()
    d.save(out)
    text, note = att.safe_extract("docx", out.getvalue(), "长文档.docx")
    assert len(text) <= 1000 + 200  # joined with newlines
    assert "只提取了前" in note


# ---------------------------------------------------------------- POST /api/ingest/parse and the staff page


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_parse_refuses_docx_bomb_in_bounded_memory(agency: Any, bomb: bytes) -> None:
    c = _client(member(agency, Role.OFFICE_HEAD))
    result, peak = peak_of(lambda: c.post("/api/ingest/parse", {"file": SimpleUploadedFile("report.docx", bomb)}))
    assert result.status_code == 422, result.content
    assert "压缩炸弹" in result.json()["error"]
    assert peak < MEMORY_BOUND, f"refusing the bomb allocated {peak / MiB:.0f} MB"


def test_parse_needs_an_import_role(agency: Any) -> None:
    upload = {"file": SimpleUploadedFile("r.txt", SEED_2022.read_bytes())}
    nobody = member(agency, Role.SUPERIOR_VIEWER)  # signed in, reads, holds no acting role
    from tests.conftest import UserFactory

    for user in (UserFactory(), nobody, member(agency, Role.CLERK), member(agency, Role.REVIEWER)):
        r = _client(user).post("/api/ingest/parse", upload)
        assert r.status_code == 403, (user, r.content)
        assert "公开工作机构负责人或机关管理员" in r.json()["error"]
    for role in (Role.OFFICE_HEAD, Role.ADMIN):
        upload["file"].seek(0)
        r = _client(member(agency, role)).post("/api/ingest/parse", upload)
        assert r.status_code == 200 and r.json()["report"]["era"] == "2021"


def test_staff_upload_page_needs_an_import_role(agency: Any) -> None:
    for user in (member(agency, Role.CLERK), member(agency, Role.APPROVER)):
        c = _client(user)
        r = c.post("/staff/ingest/upload/", {"agency": agency.pk, "file": SimpleUploadedFile(
            "r.txt", SEED_2022.read_bytes())})
        assert r.status_code == 403
        assert 'type="file"' not in c.get("/staff/ingest/").content.decode()  # no upload form offered
    assert PublishedReport.objects.count() == 0
    r = _client(member(agency, Role.OFFICE_HEAD)).post("/staff/ingest/upload/", {
        "agency": agency.pk, "confirm": "on", "file": SimpleUploadedFile("r.txt", SEED_2022.read_bytes())})
    assert r.status_code == 302 and PublishedReport.objects.count() == 1


@override_settings(GONGKAI_UPLOAD_INGEST_MAX_FILE_BYTES=1 * MiB, GONGKAI_UPLOAD_INGEST_MAX_REQUEST_BYTES=1 * MiB)
def test_oversize_parse_and_upload_requests_are_refused(agency: Any) -> None:
    head = member(agency, Role.OFFICE_HEAD)
    c = _client(head)
    # Declared far over the cap: refused before the body is read.
    big = SimpleUploadedFile("big.txt", SEED_2022.read_bytes() + b"\n" * (3 * MiB))
    r = c.post("/api/ingest/parse", {"file": big})
    assert r.status_code == 413 and "超过" in r.json()["error"]
    # Declared within the slack for form fields, over the file cap: stopped while streaming.
    medium = SimpleUploadedFile("medium.txt", SEED_2022.read_bytes() + b"\n" * (MiB + MiB // 2))
    r = c.post("/api/ingest/parse", {"file": medium})
    assert r.status_code == 413 and "上限" in r.json()["error"]
    big.seek(0)
    r = c.post("/staff/ingest/upload/", {"agency": agency.pk, "file": big})
    assert r.status_code == 413 and "上限" in r.content.decode()
    assert PublishedReport.objects.count() == 0


def _nested_report(depth: int) -> bytes:
    lines = SEED_2022.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines if line.strip())
    return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>".encode()


@pytest.mark.parametrize("depth", [1_000, 20_000])
def test_deeply_nested_html_is_parsed_not_a_500(agency: Any, depth: int) -> None:
    head = member(agency, Role.OFFICE_HEAD)
    c = _client(head)
    r = c.post("/api/ingest/parse", {"file": SimpleUploadedFile("report.html", _nested_report(depth))})
    assert r.status_code == 200, r.content[:300]
    assert r.json()["report"]["year"] == 2022 and r.json()["report"]["era"] == "2021"
    r = c.post("/staff/ingest/upload/", {"agency": agency.pk, "confirm": "on", "file": SimpleUploadedFile(
        "report.html", _nested_report(depth))})
    assert r.status_code == 302
    assert PublishedReport.objects.get(agency=agency).year == 2022


def test_nested_tables_and_junk_html_end_in_a_clean_error(agency: Any) -> None:
    c = _client(member(agency, Role.OFFICE_HEAD))
    junk = ("<table><tr><td>" * 3000 + "x").encode()
    r = c.post("/api/ingest/parse", {"file": SimpleUploadedFile("t.html", junk)})
    assert r.status_code == 422 and "年度报告" in r.json()["error"]
