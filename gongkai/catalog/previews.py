"""How a staff page shows an attachment inline for the confidentiality review (保密审查, issue 13 item 9):
PDFs in the browser's own viewer (framed from our origin), images as images, DOCX and XLSX converted to
plain HTML built here from their paragraphs, headings and table cells (every piece of text escaped, no
styles, no embedded objects, no links), other kinds by the text extracted at upload. Conversion is
bounded like text extraction (paragraphs, rows, ZIP checks first) and a file that cannot be read is
said so in Chinese; the reviewer can still download it.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.catalog.models import Attachment
from gongkai.core import archives

logger = logging.getLogger(__name__)

MAX_BLOCKS = 3000  # paragraphs and table rows shown; the rest is in the downloaded file
MAX_SHEET_ROWS = 500
MAX_SHEET_COLS = 40
IMAGE_KINDS = frozenset({"png", "jpg", "jpeg", "gif"})


@dataclass(frozen=True)
class Preview:
    """``mode`` is ``pdf`` (frame the file), ``image``, ``html`` (``html`` holds the converted
    document) or ``text`` (``text`` holds the extracted text); ``note`` says what is not shown."""

    mode: str
    html: SafeString = field(default_factory=lambda: SafeString(""))
    text: str = ""
    note: str = ""


def _heading_level(style_name: str) -> int:
    # python-docx reports the style's name: "Heading 1", "Title", or a localised "标题 1".
    name = style_name.strip().lower()
    if name == "title":
        return 2
    for prefix in ("heading ", "标题 ", "标题"):
        if name.startswith(prefix) and name[len(prefix):].strip().isdigit():
            return min(6, 2 + int(name[len(prefix):].strip()))
    return 0


def docx_html(data: bytes) -> tuple[str, bool]:
    """(HTML of the document's paragraphs and tables in body order, cut short?). Raises on unreadable files."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    archives.check_zip(data, what="DOCX")
    document = docx.Document(io.BytesIO(data))
    parts: list[str] = []
    blocks = 0
    for child in document.element.body.iterchildren():
        if blocks >= MAX_BLOCKS:
            return "".join(parts), True
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            blocks += 1
            if not text:
                continue
            level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
            if level:
                parts.append(f"<h{level}>{escape(text)}</h{level}>")
            else:
                parts.append(f"<p>{escape(text)}</p>")
        elif tag == "tbl":
            rows = []
            for row in Table(child, document).rows:
                blocks += 1
                if blocks >= MAX_BLOCKS:
                    break
                cells = "".join(f"<td>{escape(cell.text.strip())}</td>" for cell in row.cells)
                rows.append(f"<tr>{cells}</tr>")
            parts.append(f"<table><tbody>{''.join(rows)}</tbody></table>")
    return "".join(parts), False


def xlsx_html(data: bytes) -> tuple[str, bool]:
    """(HTML tables of the workbook's sheets, cut short?). Raises on unreadable files."""
    import openpyxl

    archives.check_zip(data, what="XLSX")
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts: list[str] = []
    cut = False
    try:
        for sheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_SHEET_ROWS:
                    cut = True
                    break
                cells = "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row[:MAX_SHEET_COLS])
                rows.append(f"<tr>{cells}</tr>")
            parts.append(f"<h3>{escape(sheet.title)}</h3><table><tbody>{''.join(rows)}</tbody></table>")
    finally:
        workbook.close()
    return "".join(parts), cut


def render(item: Attachment) -> Preview:
    """The inline form of one attachment for the review page."""
    if item.kind == "pdf":
        return Preview("pdf", text=item.text, note=item.extract_error)
    if item.kind in IMAGE_KINDS:
        return Preview("image")
    if item.kind in {"docx", "xlsx"}:
        try:
            with item.file.open("rb") as handle:
                data = handle.read()
            html, cut = (docx_html if item.kind == "docx" else xlsx_html)(data)
        except Exception as exc:  # any unreadable document: say so, keep the download
            logger.warning("preview of attachment %s failed: %s", item.pk, exc)
            return Preview("text", text=item.text,
                           note="无法在页面中显示该文件的版式，以下为上传时提取的文字；请下载原件审阅。")
        note = "文件较长，页面只显示前面部分；请下载原件审阅全文。" if cut else ""
        return Preview("html", html=mark_safe(html), note=note)  # every text piece escaped above
    return Preview("text", text=item.text,
                   note="该类型文件无法在页面中显示版式，以下为上传时提取的文字（如有）；请下载原件审阅。")
