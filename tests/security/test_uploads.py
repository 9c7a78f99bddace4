"""Uploads are bounded and checked (issue 9, item 3): each test performs the attack and asserts it is refused.

Public form /apply/ and staff catalog attachments go through ``gongkai.core.uploads``: caps enforced while
the body streams (declared length first, then the handler's running totals), an allow-list checked by
content, sanitised names with generated storage names, a disk-space floor, per-IP throttling, and
served files with their checked content type, ``nosniff`` and download disposition.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections import namedtuple
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from gongkai.agencies.models import Role
from gongkai.applications.models import Application
from gongkai.applications.models import Attachment as AppAttachment
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Attachment as CatalogAttachment
from gongkai.core import uploads
from gongkai.core.actors import SYSTEM
from tests.conftest import member

MiB = 1024 * 1024

# ---------------------------------------------------------------- sample files


def pdf(body: bytes = b"") -> bytes:
    """A small well-formed PDF; ``body`` is inserted as an extra object."""
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
            + body + b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def gif() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    return out.getvalue()


def docx(extra: dict[str, bytes] | None = None, content_types: bytes = b"<Types/>") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


def _application(**over: Any) -> dict[str, Any]:
    data = {"applicant_type": "natural_person", "applicant_name": "张三", "id_doc_type": "id_card",
            "id_number": "110101199001061234", "phone": "13900001111", "info_name": "某项目环评批复",
            "provision_form": "electronic", "provision_way": "email"}
    data.update(over)
    return data


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # django-ratelimit counts in the default cache; each test starts with no submissions counted.
    cache.clear()


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bytes the upload handlers wrote to temporary files (the guard's parent class does the writing)."""
    counts: list[int] = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self: Any, raw_data: bytes, start: int) -> Any:
        counts.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    return counts


class EndlessUpload(io.RawIOBase):
    """A multipart body of ``size`` bytes produced on demand; counts what the server reads of it."""

    def __init__(self, size: int) -> None:
        self.head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"big.pdf\"\r\n"
                     f"Content-Type: application/pdf\r\n\r\n").encode() + b"%PDF-1.4\n"
        self.size, self.pos = size, 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:  # type: ignore[override]
        n = self.size - self.pos if n is None or n < 0 else min(n, self.size - self.pos)
        chunk = (self.head[self.pos: self.pos + n] + b"0" * n)[:n] if self.pos < len(self.head) else b"0" * n
        self.pos += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:  # type: ignore[override]
        return self.read(size if size and size > 0 else 65536)


def _post_body(client: Client, path: str, body: bytes | EndlessUpload, length: int) -> Any:
    stream = body if isinstance(body, EndlessUpload) else io.BytesIO(body)
    return client.generic("POST", path, data=b"x", content_type=MULTIPART_CONTENT,
                          **{"wsgi.input": stream, "CONTENT_LENGTH": str(length)})


# ---------------------------------------------------------------- public form: size while streaming


def test_300_mb_application_refused_before_the_body_is_read(agency: Any) -> None:
    body = EndlessUpload(300 * MiB)
    r = _post_body(Client(), "/apply/", body, 300 * MiB)
    assert r.status_code == 413
    page = r.content.decode()
    assert "上传内容过大" in page and "10 MB" in page
    assert body.pos <= 64 * 1024  # not read at all (nothing beyond what a parser would peek)
    assert Application.objects.count() == 0


@override_settings(GONGKAI_UPLOAD_PUBLIC_MAX_FILE_BYTES=1 * MiB)
def test_oversize_file_stopped_while_streaming_nothing_stored(agency: Any, written: list[int]) -> None:
    # Declared length is under the 30 MB request cap, so only the handler's running count can stop it.
    big = SimpleUploadedFile("材料.pdf", pdf() + b"0" * (4 * MiB))
    body = encode_multipart(BOUNDARY, {"agency": agency.pk, **_application(), "upload": big})
    r = _post_body(Client(), "/apply/", body, len(body))
    assert r.status_code == 413
    assert "超过单个文件上限 1 MB" in r.content.decode()
    assert sum(written) <= 1 * MiB + 64 * 1024  # stopped at the cap (one chunk at most), not 4 MB
    assert Application.objects.count() == 0 and AppAttachment.objects.count() == 0


@override_settings(GONGKAI_UPLOAD_PUBLIC_MAX_FILE_BYTES=1 * MiB, GONGKAI_UPLOAD_PUBLIC_MAX_REQUEST_BYTES=2 * MiB)
def test_total_of_files_over_the_application_cap_refused(agency: Any, written: list[int]) -> None:
    files = [SimpleUploadedFile(f"{i}.pdf", pdf() + b"0" * (900 * 1024)) for i in range(3)]
    body = encode_multipart(BOUNDARY, {"agency": agency.pk, **_application(), "upload": files})
    r = _post_body(Client(), "/apply/", body, len(body))
    assert r.status_code == 413 and "附件合计超过上限 2 MB" in r.content.decode()
    assert sum(written) <= 2 * MiB + 64 * 1024
    assert Application.objects.count() == 0


def test_more_than_five_files_refused(agency: Any) -> None:
    files = [SimpleUploadedFile(f"{i}.pdf", pdf()) for i in range(6)]
    r = Client().post("/apply/", {"agency": agency.pk, **_application(), "upload": files})
    assert r.status_code == 413 and "一次最多上传 5 个附件" in r.content.decode()
    assert Application.objects.count() == 0


# ---------------------------------------------------------------- public form: content


@pytest.mark.parametrize(("name", "data"), [
    ("申请书.pdf", b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"),
    ("申请书.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
    ("page.html", b"<html><body>hi</body></html>"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("run.exe", b"MZ\x90\x00" + b"\x00" * 100),
    ("图片.png", b"<html><script>alert(1)</script></html>"),
])
def test_renamed_or_forbidden_types_refused(agency: Any, name: str, data: bytes) -> None:
    r = Client().post("/apply/", {"agency": agency.pk, **_application(), "upload": SimpleUploadedFile(name, data)})
    assert r.status_code == 200
    page = r.content.decode()
    assert "不受支持" in page or "不符" in page
    assert Application.objects.count() == 0


def _gif_pdf_polyglot() -> bytes:
    # A GIF whose comment block carries a PDF header within the first kilobyte (readers find it there).
    image = gif()
    comment = b"\x21\xfe" + bytes([len(b"%PDF-1.4 ")]) + b"%PDF-1.4 " + b"\x00"
    return image[:13 + 3 * 2] + comment + image[13 + 3 * 2:-1] + pdf()[9:] + b"\x3b"


@pytest.mark.parametrize("name", ["poly.pdf", "poly.gif"])
def test_gif_pdf_polyglot_refused(name: str) -> None:
    with pytest.raises(uploads.UploadRejected):
        uploads.inspect(name, _gif_pdf_polyglot(), max_bytes=MiB)


@pytest.mark.parametrize("data", [
    pdf() + docx(),                                              # PDF with a zip appended
    pdf() + b"<html><script>alert(1)</script></html>",           # PDF/HTML
    png() + pdf(),                                               # image with a PDF appended
    b"GIF89a" + pdf(),                                           # PDF header not at offset 0
])
def test_other_polyglots_refused(data: bytes) -> None:
    name = "x.png" if data.startswith(b"\x89PNG") else "x.gif" if data.startswith(b"GIF") else "x.pdf"
    with pytest.raises(uploads.UploadRejected):
        uploads.inspect(name, data, max_bytes=MiB)


def _objstm(inner: bytes) -> bytes:
    packed = zlib.compress(b"9 0 " + inner)
    return (b"8 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + str(len(packed)).encode()
            + b" >>\nstream\n" + packed + b"\nendstream\nendobj")


@pytest.mark.parametrize("active", [
    b"4 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj",
    b"4 0 obj << /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj",   # names spelt with #xx
    b"4 0 obj << /S /Launch /F (cmd.exe) >> endobj",
    b"4 0 obj << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >> endobj",
    _objstm(b"<< /S /JavaScript /JS (app.alert(1)) >>"),                                # hidden in an object stream
])
def test_pdf_with_script_launch_or_embedded_file_refused(agency: Any, active: bytes) -> None:
    with pytest.raises(uploads.UploadRejected, match="脚本、启动程序或嵌入文件"):
        uploads.inspect("报告.pdf", pdf(active), max_bytes=MiB)
    r = Client().post("/apply/", {"agency": agency.pk, **_application(),
                                  "upload": SimpleUploadedFile("报告.pdf", pdf(active))})
    assert r.status_code == 200 and "不予接收" in r.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize(("name", "data"), [
    ("宏.docx", docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
    ("宏.docx", docx(content_types=b"<Types><Override ContentType="
                                   b"\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>")),
    ("表.xlsx", docx()),                                          # a DOCX renamed XLSX
    ("文档.docx", b"PK\x03\x04" + b"\x00" * 100),                 # not a zip at all
    ("文档.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),  # OLE magic, no compound structure
])
def test_office_files_with_macros_or_wrong_structure_refused(name: str, data: bytes) -> None:
    with pytest.raises(uploads.UploadRejected):
        uploads.inspect(name, data, max_bytes=MiB)


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("报告.pdf", pdf(b"5 0 obj << /S /URI /URI (https://www.gov.cn/) >> endobj"), "pdf"),
    ("照片.PNG", png(), "png"), ("图.gif", gif(), "gif"), ("文档.docx", docx(), "docx"),
])
def test_ordinary_files_accepted(name: str, data: bytes, kind: str) -> None:
    assert uploads.inspect(name, data, max_bytes=MiB).kind == kind


def test_long_chinese_file_name_stored_under_generated_name(agency: Any) -> None:
    name = "关于" + "某县人民政府办公室政府信息公开申请补充材料" * 6 + ".pdf"   # 134 characters, 400 bytes in UTF-8
    files = [SimpleUploadedFile(name, pdf()), SimpleUploadedFile("b\u202egpj.pdf", pdf())]
    r = Client().post("/apply/", {"agency": agency.pk, **_application(), "upload": files})
    assert r.status_code == 302
    first, second = AppAttachment.objects.order_by("id")
    assert len(first.name) <= uploads.NAME_MAX_CHARS and first.name.startswith("关于") and first.name.endswith(".pdf")
    assert second.name == "bgpj.pdf"  # the right-to-left override is dropped
    for item in (first, second):
        stored = Path(item.file.name)
        assert stored.suffix == ".pdf" and len(stored.stem) == 32 and stored.stem.isalnum()
        assert Path(settings.MEDIA_ROOT, item.file.name).read_bytes() == pdf()


def test_uploaded_files_have_no_public_url(agency: Any) -> None:
    Client().post("/apply/", {"agency": agency.pk, **_application(), "upload": SimpleUploadedFile("a.pdf", pdf())})
    stored = AppAttachment.objects.get().file.name
    assert Client().get(f"{settings.MEDIA_URL}{stored}").status_code == 404


# ---------------------------------------------------------------- throttle and disk


@override_settings(GONGKAI_RATE_APPLY_IP="3/h")
def test_submissions_throttled_per_ip(agency: Any) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    codes = [client.post("/apply/", {"agency": agency.pk, **_application(info_name=f"信息{i}")}).status_code
             for i in range(5)]
    assert codes[:3] == [302, 302, 302] and codes[3:] == [429, 429]
    refused = client.post("/apply/", {"agency": agency.pk, **_application()})
    assert refused.status_code == 429 and "频繁" in refused.content.decode()
    assert Application.objects.count() == 3
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.9")
    assert other.post("/apply/", {"agency": agency.pk, **_application()}).status_code == 302


def test_disk_floor_refuses_uploads(agency: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(uploads.shutil, "disk_usage", lambda path: usage(100 * MiB * 1024, 0, 200 * MiB))
    r = Client().post("/apply/", {"agency": agency.pk, **_application(), "upload": SimpleUploadedFile("a.pdf", pdf())})
    assert r.status_code == 507 and "存储空间不足" in r.content.decode()
    assert Application.objects.count() == 0


# ---------------------------------------------------------------- staff uploads and serving


@pytest.fixture
def record(agency: Any) -> tuple[Any, Any]:
    catalog.categories_ensure(agency=agency, actor=SYSTEM)
    clerk = member(agency, Role.CLERK)
    item = catalog.record_create(agency=agency, actor=clerk, data={
        "title": "关于印发示例方案的通知", "topic": "科技、教育\\教育",
        "category": catalog.category_named(agency, "政策法规", actor=SYSTEM),
        "formed_on": dt.date(2026, 3, 2), "written_on": dt.date(2026, 3, 2), "summary": "示例", "body": "<p>示例</p>"})
    return item, clerk


def test_staff_declared_oversize_refused_unread(record: tuple[Any, Any]) -> None:
    item, clerk = record
    client = Client()
    client.force_login(clerk)
    body = EndlessUpload(200 * MiB)
    r = _post_body(client, f"/staff/catalog/{item.pk}/attachments/", body, 200 * MiB)
    assert r.status_code == 413 and "20 MB" in r.content.decode()
    assert body.pos <= 64 * 1024
    assert CatalogAttachment.objects.count() == 0


@override_settings(GONGKAI_UPLOAD_STAFF_MAX_FILE_BYTES=1 * MiB, GONGKAI_UPLOAD_STAFF_MAX_REQUEST_BYTES=30 * MiB)
def test_staff_upload_over_cap_stopped_while_streaming(record: tuple[Any, Any], written: list[int]) -> None:
    item, clerk = record
    client = Client()
    client.force_login(clerk)
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("年报.pdf", pdf() + b"0" * (5 * MiB))})
    r = _post_body(client, f"/staff/catalog/{item.pk}/attachments/", body, len(body))
    assert r.status_code == 302
    assert sum(written) <= 1 * MiB + 64 * 1024
    assert CatalogAttachment.objects.count() == 0
    assert "超过单个文件上限 1 MB" in client.get(f"/staff/catalog/{item.pk}/").content.decode()


def test_staff_upload_checked_by_content(record: tuple[Any, Any]) -> None:
    item, clerk = record
    client = Client()
    client.force_login(clerk)
    client.post(f"/staff/catalog/{item.pk}/attachments/",
                {"file": SimpleUploadedFile("通知.pdf", pdf(b"4 0 obj << /S /Launch /F (x.exe) >> endobj"))})
    assert CatalogAttachment.objects.count() == 0
    client.post(f"/staff/catalog/{item.pk}/attachments/",
                {"file": SimpleUploadedFile("关于" + "某" * 120 + ".docx", docx())})
    stored = CatalogAttachment.objects.get()
    assert stored.kind == "docx" and len(stored.name) <= uploads.NAME_MAX_CHARS
    assert Path(stored.file.name).stem.isalnum() and len(Path(stored.file.name).stem) == 32


def test_served_attachments_use_checked_type_nosniff_and_download(agency: Any) -> None:
    approver = member(agency, Role.APPROVER)
    record = catalog.record_publish_generated(
        agency=agency, title="2025年政府信息公开工作年度报告", category_name="政府信息公开年报",
        body_html="<p>年报</p>",
        formed_on=dt.date(2026, 1, 20), actor=approver, attachments=[("年报.pdf", pdf()), ("附表.docx", docx()),
                                                                      ("图.png", png())])
    served = {}
    for item in record.attachments.all():
        r = Client().get(f"/record/{record.pk}/file/{item.pk}/")
        assert r.status_code == 200 and r["X-Content-Type-Options"] == "nosniff"
        served[item.kind] = (r["Content-Type"], r["Content-Disposition"].split(";")[0])
    assert served["pdf"] == ("application/pdf", "inline")
    assert served["png"] == ("image/png", "inline")
    assert served["docx"][1] == "attachment" and served["docx"][0].startswith("application/vnd.openxmlformats")


@override_settings(GONGKAI_UPLOAD_STAFF_MAX_FILE_BYTES=1 * MiB)
def test_upload_paths_without_their_own_policy_still_stream_under_the_staff_cap(
        agency: Any, written: list[int]) -> None:
    # The published-report import has no upload policy of its own: the globally installed guarded handler
    # (FILE_UPLOAD_HANDLERS) still stops the body at the staff cap instead of spooling all of it.
    client = Client()
    client.force_login(member(agency, Role.CLERK))
    body = encode_multipart(BOUNDARY, {"agency": agency.pk, "file": SimpleUploadedFile("年报.txt", b"0" * (5 * MiB))})
    r = _post_body(client, "/staff/ingest/upload/", body, len(body))
    assert r.status_code < 500
    assert sum(written) <= 1 * MiB + 64 * 1024
