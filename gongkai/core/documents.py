"""Official documents as files: DOCX laid out after GB/T 9704 (党政机关公文格式) and PDF from HTML.

Shared by the applications helper (answer letters, notices) and the reports helper (annual reports).
The API is two builders plus one convenience:

- ``docx_bytes(doc: OfficialDoc) -> bytes`` — A4, margins top 37mm / left 28mm / bottom 35mm /
  right 26mm; title in 小标宋 二号 (22pt), centred; body in 仿宋_GB2312 三号 (16pt), first-line indent
  two characters, fixed 28.9pt line spacing; the east-asian font is set through ``w:eastAsia`` in
  ``w:rFonts`` so Word uses the Chinese font for CJK text. Fonts fall back to whatever the reader has.
- ``pdf_bytes(html: str, *, base_url=None) -> bytes`` — WeasyPrint render of an HTML string with
  ``PDF_CSS`` (A4, the same margins, Noto Serif/Sans CJK SC embedded from the system fonts).
- ``doc_html(doc: OfficialDoc) -> str`` — the same document as a standalone HTML page, so one
  ``OfficialDoc`` yields both formats: ``pdf_bytes(doc_html(doc))``.

``OfficialDoc`` holds plain text only (title, addressee, paragraphs, signature lines, date, and an
optional table given as rows of strings); callers escape nothing — the builders do.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"  # 小标宋
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
LINE_PT = 28.9  # 每行28字、每页22行 at 三号 (GB/T 9704 §5.2.2)
MARGINS_MM = {"top": 37, "left": 28, "bottom": 35, "right": 26}


@dataclass
class OfficialDoc:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    addressee: str = ""  # 主送: printed flush left before the body, ending with "："
    signature: list[str] = field(default_factory=list)  # 发文机关署名 lines, right-aligned
    date: str = ""  # 成文日期, e.g. "2026年3月12日"
    table: list[list[str]] = field(default_factory=list)  # optional, first row is the header
    note: str = ""  # small print after the date (e.g. 附注)


def set_run_font(run: object, font: str, size_pt: float, bold: bool = False) -> None:
    r = run  # python-docx Run
    r.font.name = font  # type: ignore[attr-defined]
    r.font.size = Pt(size_pt)  # type: ignore[attr-defined]
    r.font.bold = bold  # type: ignore[attr-defined]
    rpr = r._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def para(document: object, text: str, *, font: str = BODY_FONT, size: float = BODY_PT,
          align: int | None = None, indent: bool = True, bold: bool = False) -> None:
    p = document.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    set_run_font(p.add_run(text), font, size, bold)


def new_document(title: str) -> DocxDocument:
    """A python-docx Document laid out after GB/T 9704 (A4, standard margins, 仿宋_GB2312 三号 body)
    with its title in 小标宋 二号, centred, followed by an empty line."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    para(document, title, font=TITLE_FONT, size=TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(document, "", indent=False)
    return document


def docx_bytes(doc: OfficialDoc) -> bytes:
    """The document as a .docx file (bytes), laid out after GB/T 9704."""
    document = new_document(doc.title)
    if doc.addressee:
        para(document, doc.addressee, indent=False)
    for text in doc.paragraphs:
        para(document, text)
    if doc.table:
        table = document.add_table(rows=len(doc.table), cols=max(len(r) for r in doc.table))
        table.style = "Table Grid"
        for i, row in enumerate(doc.table):
            for j, cell_text in enumerate(row):
                cell = table.cell(i, j)
                cell.text = ""
                set_run_font(cell.paragraphs[0].add_run(cell_text), BODY_FONT, 12, bold=(i == 0))
    if doc.signature or doc.date:
        para(document, "", indent=False)
    for line in doc.signature:
        para(document, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if doc.date:
        para(document, doc.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if doc.note:
        para(document, doc.note, size=14)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC"; font-size: 14pt; } }
html { font-family: "FangSong", "仿宋_GB2312", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28.9pt; }
h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", serif; font-weight: bold; font-size: 22pt;
     text-align: center; line-height: 1.4; margin: 0 0 28.9pt 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressee, p.sign, p.date { text-indent: 0; }
p.sign, p.date { text-align: right; }
p.note { font-size: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.4; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 2pt 4pt; }
.gap { height: 28.9pt; }
"""


def doc_html(doc: OfficialDoc) -> str:
    """The document as a standalone HTML page (for the browser and for ``pdf_bytes``)."""
    e = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>{e(doc.title)}</title>"
             f"<style>{PDF_CSS}</style></head><body><h1>{e(doc.title)}</h1>"]
    if doc.addressee:
        parts.append(f'<p class="addressee">{e(doc.addressee)}</p>')
    parts.extend(f"<p>{e(t)}</p>" for t in doc.paragraphs)
    if doc.table:
        head, *rows = doc.table
        parts.append("<table><thead><tr>" + "".join(f"<th>{e(c)}</th>" for c in head) + "</tr></thead><tbody>")
        parts.extend("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows)
        parts.append("</tbody></table>")
    if doc.signature or doc.date:
        parts.append('<div class="gap"></div>')
    parts.extend(f'<p class="sign">{e(s)}</p>' for s in doc.signature)
    if doc.date:
        parts.append(f'<p class="date">{e(doc.date)}</p>')
    if doc.note:
        parts.append(f'<p class="note">{e(doc.note)}</p>')
    parts.append("</body></html>")
    return "".join(parts)


def pdf_bytes(html_text: str, *, base_url: str | None = None) -> bytes:
    """Render HTML to PDF with WeasyPrint; CJK glyphs come from the system Noto CJK fonts (embedded)."""
    from weasyprint import HTML  # imported lazily: loading pango is slow

    result = HTML(string=html_text, base_url=base_url).write_pdf()
    assert result is not None
    return bytes(result)


def chinese_date(day: object) -> str:
    """2026-03-12 → "2026年3月12日" (成文日期 uses Arabic numerals since GB/T 9704—2012)."""
    return f"{day.year}年{day.month}月{day.day}日"  # type: ignore[attr-defined]
