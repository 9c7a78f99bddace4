"""Published copies carry no author, company, comments, tracked changes, XMP or GPS — and the same content."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pikepdf
import pytest
from docx import Document
from openpyxl.comments import Comment
from PIL import Image, PngImagePlugin

from gongkai.core.documents import OfficialDoc, doc_html, pdf_bytes
from gongkai.core.scrub import CannotScrub, leftovers, scrub


def _dirty_docx() -> bytes:
    doc = Document()
    doc.core_properties.author = "张三"
    doc.core_properties.last_modified_by = "李四"
    first = doc.add_paragraph("关于印发实施细则的通知")
    doc.add_comment(first.runs, text="这段再斟酌", author="王五")
    doc.add_paragraph("第二段")
    buf = io.BytesIO()
    doc.save(buf)
    # A tracked insertion and deletion by a named editor, as Word writes them.
    z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    parts = {n: z.read(n) for n in z.namelist()}
    body = parts["word/document.xml"].decode()
    stamp = 'w:author="赵六" w:date="2026-11-30T10:00:00Z"'
    tracked = (f'<w:ins w:id="91" {stamp}><w:r><w:t>（新增）</w:t></w:r></w:ins>'
               f'<w:del w:id="92" {stamp}><w:r><w:delText>删去的话</w:delText></w:r></w:del>')
    body = body.replace("<w:t>第二段</w:t></w:r>", "<w:t>第二段</w:t></w:r>" + tracked, 1)
    parts["word/document.xml"] = body.encode()
    company = "<Company>某某咨询公司</Company></Properties>".encode()
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(b"</Properties>", company)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for n, b in parts.items():
            dst.writestr(n, b)
    return out.getvalue()


def test_docx_loses_people_and_history_keeps_text() -> None:
    dirty = _dirty_docx()
    assert set(leftovers("docx", dirty)) == {"作者", "单位/模板", "批注或自定义属性", "修订记录"}
    clean = scrub("docx", dirty)
    assert leftovers("docx", clean) == []
    for needle in ("张三", "李四", "王五", "赵六", "某某咨询公司", "这段再斟酌", "删去的话"):
        assert needle.encode() not in b"".join(zipfile.ZipFile(io.BytesIO(clean)).read(n)
                                              for n in zipfile.ZipFile(io.BytesIO(clean)).namelist())
    paragraphs = [p.text for p in Document(io.BytesIO(clean)).paragraphs]
    assert paragraphs == ["关于印发实施细则的通知", "第二段（新增）"]  # the insertion is accepted


def test_xlsx_loses_creator_and_comments_keeps_cells() -> None:
    wb = openpyxl.Workbook()
    wb.properties.creator = "张三"
    wb.properties.lastModifiedBy = "李四"
    ws = wb.active
    assert ws is not None
    ws["A1"] = "项目"
    ws["B2"] = 1234.5
    ws["A1"].comment = Comment("数字待核", "王五")
    buf = io.BytesIO()
    wb.save(buf)
    dirty = buf.getvalue()
    assert "作者" in leftovers("xlsx", dirty) and "批注或自定义属性" in leftovers("xlsx", dirty)
    clean = scrub("xlsx", dirty)
    assert leftovers("xlsx", clean) == []
    back = openpyxl.load_workbook(io.BytesIO(clean)).active
    assert back is not None
    assert back["A1"].value == "项目" and back["B2"].value == 1234.5 and back["A1"].comment is None


def test_pdf_loses_info_xmp_and_remarks_keeps_pages() -> None:
    src = pdf_bytes(doc_html(OfficialDoc(title="公告", paragraphs=["正文第一段。"])))
    with pikepdf.open(io.BytesIO(src)) as pdf:
        pdf.docinfo["/Author"] = "张三"
        with pdf.open_metadata() as meta:
            meta["dc:creator"] = ["张三"]
        pdf.pages[0].obj["/Annots"] = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[10, 10, 20, 20],
            Contents=pikepdf.String("请删掉这句"), T=pikepdf.String("王五")))]))
        buf = io.BytesIO()
        pdf.save(buf)
    dirty = buf.getvalue()
    assert set(leftovers("pdf", dirty)) == {"文档属性", "XMP 元数据", "批注"}
    clean = scrub("pdf", dirty)
    assert leftovers("pdf", clean) == []
    assert "王五".encode("utf-16-be") not in clean and b"xmpmeta" not in clean
    import pdfplumber

    with pdfplumber.open(io.BytesIO(clean)) as doc:
        assert len(doc.pages) == 1 and "正文第一段" in (doc.pages[0].extract_text() or "")


def test_jpeg_loses_exif_gps_keeps_pixels() -> None:
    img = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = "张三"  # Artist
    exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0)}  # GPSInfo
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=95)
    dirty = buf.getvalue()
    assert leftovers("jpg", dirty)
    clean = scrub("jpg", dirty)
    assert leftovers("jpg", clean) == [] and b"Exif" not in clean
    assert Image.open(io.BytesIO(clean)).getexif() == {}
    assert Image.open(io.BytesIO(clean)).tobytes() == Image.open(io.BytesIO(dirty)).tobytes()


def test_png_and_gif_lose_text_keep_pixels() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "张三")
    buf = io.BytesIO()
    Image.new("L", (8, 8), 128).save(buf, "PNG", pnginfo=info)
    clean = scrub("png", buf.getvalue())
    assert leftovers("png", buf.getvalue()) and leftovers("png", clean) == []
    assert Image.open(io.BytesIO(clean)).tobytes() == Image.new("L", (8, 8), 128).tobytes()
    gif = io.BytesIO()
    Image.new("P", (8, 8), 3).save(gif, "GIF", comment=b"made by zhangsan")
    assert leftovers("gif", gif.getvalue())
    clean_gif = scrub("gif", gif.getvalue())
    assert leftovers("gif", clean_gif) == [] and b"zhangsan" not in clean_gif
    assert Image.open(io.BytesIO(clean_gif)).tobytes() == Image.open(io.BytesIO(gif.getvalue())).tobytes()


def test_legacy_binary_office_files_are_refused_with_a_reason() -> None:
    with pytest.raises(CannotScrub, match="转换为 PDF、DOCX 或 XLSX"):
        scrub("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
