"""gongkai.core.documents: GB/T 9704 page set-up and fonts in DOCX, CJK text embedded in the PDF."""

from __future__ import annotations

import io

import docx
import pdfplumber
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.core.documents import OfficialDoc, doc_html, docx_bytes, pdf_bytes

DOC = OfficialDoc(title="政府信息公开申请答复书", addressee="张三：",
                  paragraphs=["第一段，含<特殊>字符&。", "第二段。"],
                  signature=["示例县教育局"], date="2026年3月12日", table=[["项目", "数量"], ["予以公开", "3"]])


def test_docx_layout_and_fonts() -> None:
    d = docx.Document(io.BytesIO(docx_bytes(DOC)))
    sec = d.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.1) and abs(sec.page_height - Mm(297)) < Mm(0.1)  # A4 (twips)
    assert abs(sec.top_margin - Mm(37)) < Mm(0.1) and abs(sec.left_margin - Mm(28)) < Mm(0.1)
    assert abs(sec.bottom_margin - Mm(35)) < Mm(0.1) and abs(sec.right_margin - Mm(26)) < Mm(0.1)
    title = d.paragraphs[0].runs[0]
    assert d.paragraphs[0].text == "政府信息公开申请答复书" and title.font.size == Pt(22)
    assert title._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in d.paragraphs if p.text.startswith("第一段"))
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert d.tables[0].cell(1, 0).text == "予以公开"


def test_pdf_has_cjk_text_and_embedded_noto() -> None:
    html = doc_html(DOC)
    assert "&lt;特殊&gt;" in html
    with pdfplumber.open(io.BytesIO(pdf_bytes(html))) as pdf:
        text = pdf.pages[0].extract_text()
        fonts = {c["fontname"] for c in pdf.pages[0].chars}
    assert "政府信息公开申请答复书" in text and "第一段，含<特殊>字符&。" in text
    assert any("CJK" in f for f in fonts)
