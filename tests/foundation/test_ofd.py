"""OFD output (GB/T 33190): the package's parts, unique IDs, fonts embedded as TrueType subsets that hold
every glyph used, and the text read back equal to the PDF it was laid out from."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from gongkai.core.documents import OfficialDoc, doc_html, pdf_bytes
from gongkai.core.ofd import NS, ofd_text, pdf_to_ofd

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LETTER = OfficialDoc(
    title="政府信息公开申请答复书", addressee="张三：",
    paragraphs=["本机关于2026年11月2日收到您提出的政府信息公开申请（登记号 GK-2026-0012）。" * 4,
                "如对本答复不服，可以自收到本答复之日起60日内申请行政复议，或者6个月内提起行政诉讼。" * 12],
    signature=["示例县人民政府办公室"], date="2026年12月1日",
    table=[["序号", "信息名称", "处理结果"], ["1", "2025年财政预算 <草案> & 说明", "予以公开"]])


@pytest.fixture(scope="module")
def pdf_and_ofd() -> tuple[bytes, bytes]:
    pdf = pdf_bytes(doc_html(LETTER))
    return pdf, pdf_to_ofd(pdf, title=LETTER.title, author="示例县人民政府办公室")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_text_read_back_equals_the_pdf_page_by_page(pdf_and_ofd: tuple[bytes, bytes]) -> None:
    pdf, ofd = pdf_and_ofd
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pdf_pages = [_squash(p.extract_text() or "") for p in doc.pages]
    ofd_pages = [_squash(t) for t in ofd_text(ofd)]
    assert len(pdf_pages) >= 2  # the long paragraph runs onto a second page
    assert ofd_pages == pdf_pages
    assert "2025年财政预算<草案>&说明" in ofd_pages[0] + ofd_pages[1]  # escaped in XML, read back as typed


def test_package_parts_ids_and_fonts(pdf_and_ofd: tuple[bytes, bytes]) -> None:
    _, ofd = pdf_and_ofd
    z = zipfile.ZipFile(io.BytesIO(ofd))
    root = ET.fromstring(z.read("OFD.xml"))
    assert root.tag == f"{{{NS}}}OFD" and root.get("DocType") == "OFD"
    assert root.findtext(f".//{{{NS}}}Title") == LETTER.title
    document = ET.fromstring(z.read("Doc_0/Document.xml"))
    max_id = int(document.findtext(f".//{{{NS}}}MaxUnitID") or 0)
    res = ET.fromstring(z.read("Doc_0/PublicRes.xml"))
    fonts = {f.get("ID"): f for f in res.iter(f"{{{NS}}}Font")}
    ids = [int(i) for i in fonts]
    used_chars: dict[str, set[str]] = {}
    for page in document.iter(f"{{{NS}}}Page"):
        content = ET.fromstring(z.read(f"Doc_0/{page.get('BaseLoc')}"))
        ids.append(int(page.get("ID") or 0))
        for obj in content.iter():
            if obj.get("ID"):
                ids.append(int(obj.get("ID") or 0))
            if obj.tag == f"{{{NS}}}TextObject":
                font_id = obj.get("Font") or ""
                assert font_id in fonts
                code = obj.find(f"{{{NS}}}TextCode")
                assert code is not None
                used_chars.setdefault(font_id, set()).update(code.text or "")
    assert len(ids) == len(set(ids)) and max(ids) <= max_id
    for font_id, chars in used_chars.items():
        file_name = fonts[font_id].findtext(f"{{{NS}}}FontFile")
        font = TTFont(io.BytesIO(z.read(f"Doc_0/Res/{file_name}")))
        assert "glyf" in font and "CFF " not in font  # TrueType outlines, readable by every OFD reader
        cmap = font.getBestCmap()
        missing = {c for c in chars if ord(c) not in cmap}
        assert not missing
