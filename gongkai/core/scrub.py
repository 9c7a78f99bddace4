"""Published files without hidden metadata: what an attachment says about its authors beyond its content.

A file drafted in an office carries its author, company, editors, comments, tracked changes, template
path, editing time and, for photos, the camera and GPS position. On publication the public gets a
copy with these removed; the original stays with the staff (the record's history keeps it). ``scrub``
returns the clean bytes; ``leftovers`` names what identifying metadata a file still holds (the tests
and the staff page use it). Content is untouched: PDF pages and text, document paragraphs, sheet
cells and image pixels stay as they were (JPEG and PNG are cleaned by dropping segments, never
re-encoded). Legacy binary DOC/XLS cannot be rewritten safely here: ``scrub`` raises
``CannotScrub`` and the caller tells staff to publish a DOCX/XLSX/PDF instead.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from lxml import etree


class CannotScrub(Exception):
    """This kind of file cannot be cleaned of metadata (message in Chinese, for staff)."""


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"

EMPTY_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
              b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
              b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
EMPTY_APP = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>')

# Parts that exist only to carry people and their remarks: comments, their authors, custom properties.
_DROP_PART = re.compile(r"(^|/)(comments[^/]*\.xml|comments/[^/]+\.xml|people\.xml|persons/person\.xml"
                        r"|threadedComments/[^/]+\.xml|custom\.xml|[^/]*[dD]rawing\d*\.vml)$")
_DROP_REL_TYPES = ("/comments", "/commentsExtended", "/commentsIds", "/commentsExtensible", "/people",
                   "/person", "/threadedComment", "/custom-properties", "/vmlDrawing")
# Elements that mark comments or keep the editing history in WordprocessingML.
_W_DROP = {f"{{{W}}}{n}" for n in ("commentRangeStart", "commentRangeEnd", "commentReference", "del",
                                   "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                   "trPrChange", "tcPrChange", "numberingChange", "rsids")}
_W_UNWRAP = {f"{{{W}}}{n}" for n in ("ins", "moveTo")}
_RSID = re.compile(rf"^{{{re.escape(W)}}}rsid")


def _clean_word_xml(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for el in list(root.iter()):
        if el.tag in _W_DROP:
            parent = el.getparent()
            if parent is not None:
                # A comment reference sits in its own run: drop the run, not only the reference.
                if el.tag == f"{{{W}}}commentReference" and parent.tag == f"{{{W}}}r":
                    grand = parent.getparent()
                    if grand is not None:
                        grand.remove(parent)
                        continue
                parent.remove(el)
    for el in list(root.iter()):
        if el.tag in _W_UNWRAP:  # accept insertions: their runs stay, the author and date go
            parent = el.getparent()
            if parent is not None:
                index = parent.index(el)
                for child in list(el):
                    parent.insert(index, child)
                    index += 1
                parent.remove(el)
        for attr in [a for a in el.attrib if _RSID.match(a)]:
            del el.attrib[attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_sheet_xml(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for el in list(root.iter()):
        if etree.QName(el).localname == "legacyDrawing":  # the comment boxes' drawing
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_rels(data: bytes) -> bytes:
    root = etree.fromstring(data)
    for rel in list(root):
        if rel.get("Type", "").endswith(_DROP_REL_TYPES):
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean_content_types(data: bytes, dropped: set[str]) -> bytes:
    root = etree.fromstring(data)
    for el in list(root):
        if el.get("PartName", "").lstrip("/") in dropped:
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _scrub_ooxml(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    dropped = {n for n in names if _DROP_PART.search(n)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            name = info.filename
            if name in dropped:
                continue
            body = src.read(name)
            if name == "docProps/core.xml":
                body = EMPTY_CORE
            elif name == "docProps/app.xml":
                body = EMPTY_APP
            elif name.endswith(".rels"):
                body = _clean_rels(body)
            elif name == "[Content_Types].xml":
                body = _clean_content_types(body, dropped)
            elif name.startswith("word/") and name.endswith(".xml"):
                body = _clean_word_xml(body)
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                body = _clean_sheet_xml(body)
            clean = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # no edit time in the ZIP either
            clean.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(clean, body)
    return out.getvalue()


# PDF annotations that are remarks by people (the "comments" of a PDF); links and form fields stay.
_PDF_REMARKS = {"/Text", "/FreeText", "/Popup", "/Highlight", "/Underline", "/StrikeOut", "/Squiggly",
                "/Caret", "/Ink", "/FileAttachment", "/Sound", "/Stamp", "/Square", "/Circle", "/Line",
                "/Polygon", "/PolyLine"}


def _scrub_pdf(data: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for key in ("/Metadata", "/PieceInfo"):
            if key in pdf.Root:
                del pdf.Root[key]
        names = pdf.Root.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            del names["/EmbeddedFiles"]
        for page in pdf.pages:
            for key in ("/Metadata", "/PieceInfo"):
                if key in page.obj:
                    del page.obj[key]
            annots = page.obj.get("/Annots")
            if annots is not None:
                kept = [a for a in annots if str(a.get("/Subtype", "")) not in _PDF_REMARKS]
                if kept:
                    page.obj["/Annots"] = pikepdf.Array(kept)
                else:
                    del page.obj["/Annots"]
        out = io.BytesIO()
        # A fresh file: earlier revisions kept by incremental saves are not written again.
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, segment bytes) up to the start of scan; the scan itself as marker 0xDA with the rest."""
    if data[:2] != b"\xff\xd8":
        raise CannotScrub("JPEG 文件结构无法识别")
    segments: list[tuple[int, bytes]] = []
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise CannotScrub("JPEG 文件结构无法识别")
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            segments.append((marker, data[i:]))
            return segments
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        segments.append((marker, data[i:i + 2 + length]))
        i += 2 + length
    raise CannotScrub("JPEG 文件不完整")


# APP1 (EXIF incl. GPS, XMP), APP12/APP13 (IPTC, Photoshop), COM; APP0 (JFIF), APP2 (ICC) and APP14 stay.
_JPEG_DROP = {0xE1, 0xEC, 0xED, 0xFE}


def _scrub_jpeg(data: bytes) -> bytes:
    return b"\xff\xd8" + b"".join(seg for marker, seg in _jpeg_segments(data) if marker not in _JPEG_DROP)


_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks: list[tuple[bytes, bytes]] = []
    i = 8
    while i + 8 <= len(data):
        length = struct.unpack(">I", data[i:i + 4])[0]
        kind = data[i + 4:i + 8]
        chunks.append((kind, data[i:i + 12 + length]))
        i += 12 + length
        if kind == b"IEND":
            break
    return chunks


def _scrub_png(data: bytes) -> bytes:
    return data[:8] + b"".join(chunk for kind, chunk in _png_chunks(data) if kind not in _PNG_DROP)


def _gif_sub_blocks(data: bytes, i: int) -> int:
    while data[i] != 0:
        i += data[i] + 1
    return i + 1


def _scrub_gif(data: bytes) -> bytes:
    """Drop comment extensions and application extensions other than looping (NETSCAPE2.0); XMP rides in one."""
    flags = data[10]
    i = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:i])
    while i < len(data):
        block = data[i]
        if block == 0x3B:
            out += data[i:i + 1]
            break
        if block == 0x21:
            label = data[i + 1]
            end = _gif_sub_blocks(data, i + 2)
            app_id = data[i + 3:i + 14] if label == 0xFF else b""
            if label != 0xFE and (label != 0xFF or app_id == b"NETSCAPE2.0"):
                out += data[i:end]
            i = end
        elif block == 0x2C:
            lflags = data[i + 9]
            start = i
            i += 10 + (3 * 2 ** ((lflags & 7) + 1) if lflags & 0x80 else 0)
            i = _gif_sub_blocks(data, i + 1)  # LZW minimum code size, then the image data
            out += data[start:i]
        else:
            raise CannotScrub("GIF 文件结构无法识别")
    return bytes(out)


def _scrub_ofd(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "OFD.xml":
                root = etree.fromstring(body)
                for el in list(root.iter()):
                    if etree.QName(el).localname in ("Author", "Creator", "CreatorVersion", "CustomDatas",
                                                     "ModDate", "Keywords"):
                        parent = el.getparent()
                        if parent is not None:
                            parent.remove(el)
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def scrub(kind: str, data: bytes) -> bytes:
    """The file without identifying metadata. ``kind`` is the upload guard's kind (core.uploads)."""
    if kind in ("docx", "xlsx"):
        return _scrub_ooxml(data)
    if kind == "pdf":
        return _scrub_pdf(data)
    if kind == "jpg":
        return _scrub_jpeg(data)
    if kind == "png":
        return _scrub_png(data)
    if kind == "gif":
        return _scrub_gif(data)
    if kind == "ofd":
        return _scrub_ofd(data)
    raise CannotScrub(f"{kind.upper()} 文件无法自动清除作者、批注等隐藏信息，请转换为 PDF、DOCX 或 XLSX 后上传")


def leftovers(kind: str, data: bytes) -> list[str]:
    """Names of the identifying metadata still in a file (empty when clean)."""
    found: list[str] = []
    if kind in ("docx", "xlsx"):
        z = zipfile.ZipFile(io.BytesIO(data))
        names = z.namelist()
        core = z.read("docProps/core.xml") if "docProps/core.xml" in names else b""
        if re.search(rb"<dc:creator>[^<]|<cp:lastModifiedBy>[^<]", core):
            found.append("作者")
        app = z.read("docProps/app.xml") if "docProps/app.xml" in names else b""
        if re.search(rb"<Company>[^<]|<Manager>[^<]|<Template>[^<]", app):
            found.append("单位/模板")
        if any(_DROP_PART.search(n) and not n.endswith(".vml") for n in names):
            found.append("批注或自定义属性")
        for n in names:
            if n.startswith("word/") and n.endswith(".xml"):
                body = z.read(n)
                if re.search(rb"<w:(ins|del|moveFrom|moveTo|rPrChange|pPrChange)\b", body):
                    found.append("修订记录")
                    break
    elif kind == "pdf":
        import pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            if any(str(v) for v in pdf.docinfo.values()):
                found.append("文档属性")
            if "/Metadata" in pdf.Root:
                found.append("XMP 元数据")
            if any(str(a.get("/Subtype", "")) in _PDF_REMARKS for p in pdf.pages for a in p.obj.get("/Annots", [])):
                found.append("批注")
    elif kind == "jpg":
        if any(marker in _JPEG_DROP for marker, _ in _jpeg_segments(data)):
            found.append("EXIF/XMP/注释（可能含拍摄位置）")
    elif kind == "png":
        if any(k in _PNG_DROP for k, _ in _png_chunks(data)):
            found.append("文本/EXIF 块")
    elif kind == "gif":
        if b"\x21\xfe" in data or b"XMP DataXMP" in data:
            found.append("注释/XMP")
    elif kind == "ofd":
        z = zipfile.ZipFile(io.BytesIO(data))
        if re.search(rb"<ofd:(Author|Creator|CustomDatas)\b", z.read("OFD.xml")):
            found.append("文档属性")
    return found
