"""Attachment checks and text extraction: the upload check is the shared guard
(``gongkai.core.uploads.inspect``: allowed kinds recognised by content, size cap, polyglots, active PDF
content and macros refused), and plain text for search (pdfplumber for PDF, python-docx for DOCX,
openpyxl for XLSX), bounded in characters, pages, rows and time, with ZIP packages and PDF streams
checked against decompression bombs first (``gongkai.core.archives``). Pure functions over bytes or
files; errors in Chinese name the file.
"""

from __future__ import annotations

import io
import logging
import time
from typing import IO

from django.conf import settings

from gongkai.core import archives, uploads
from gongkai.core.uploads import Checked, UploadRejected

logger = logging.getLogger(__name__)

ALLOWED = tuple(uploads.EXTENSIONS)
# Same exception as the shared guard's, under the name catalog callers already use.
AttachmentRejected = UploadRejected

__all__ = ["ALLOWED", "AttachmentRejected", "Checked", "check", "extract_text", "safe_extract"]


def check(name: str, data: bytes | IO[bytes], *, max_bytes: int | None = None) -> Checked:
    """Validate a file (bytes, or an upload's temporary file, which is not read into memory) by
    extension, size and content. The cap defaults to the staff upload cap (settings)."""
    cap = max_bytes if max_bytes is not None else int(settings.GONGKAI_UPLOAD_STAFF_MAX_FILE_BYTES)
    return uploads.inspect(name, data, max_bytes=cap)


# Search text is bounded: the index needs the words of a document, not a book, and extracting a hostile file
# must end quickly with bounded memory. Beyond a bound the text is cut (the upload stays) and the
# attachment's extraction note says so.
MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 500
MAX_XLSX_ROWS = 200_000
TEXT_TIME_BUDGET_SECONDS = 30.0


class _Text:
    """Collects extracted text up to ``MAX_TEXT_CHARS`` and the time budget; ``cut`` says why it stopped."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self.cut = ""
        self.deadline = time.monotonic() + TEXT_TIME_BUDGET_SECONDS

    def add(self, text: str) -> bool:
        """Append ``text``; False once full or out of time (the caller stops reading)."""
        if self.cut:
            return False
        room = MAX_TEXT_CHARS - self.chars
        if len(text) > room:
            self.parts.append(text[:room])
            self.chars = MAX_TEXT_CHARS
            self.cut = f"文字超过 {MAX_TEXT_CHARS // 10000} 万字，只提取了前 {MAX_TEXT_CHARS // 10000} 万字用于检索"
            return False
        self.parts.append(text)
        self.chars += len(text)
        return self.in_time()

    def in_time(self) -> bool:
        if not self.cut and time.monotonic() > self.deadline:
            self.cut = f"提取文字超过 {TEXT_TIME_BUDGET_SECONDS:.0f} 秒，只保留了已提取的部分用于检索"
        return not self.cut

    def text(self) -> str:
        return "\n".join(self.parts)


def _extract(kind: str, data: bytes) -> _Text:
    out = _Text()
    if kind == "pdf":
        import pdfplumber

        archives.check_pdf_streams(data)  # pdfminer inflates each stream whole
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number > MAX_PDF_PAGES:
                    out.cut = f"共 {len(pdf.pages)} 页，只提取了前 {MAX_PDF_PAGES} 页的文字用于检索"
                    break
                more = out.add(page.extract_text() or "")
                page.close()  # drop the page's cached objects: memory per page, not per document
                if not more:
                    break
        return out
    if kind in ("docx", "xlsx", "ofd"):
        # Before python-docx/openpyxl open the package: member count, sizes, ratios, names (zip bombs).
        archives.check_zip(data, what=kind.upper())
    if kind == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        for p in document.paragraphs:
            if not out.add(p.text):
                return out
        for table in document.tables:
            for row in table.rows:
                if not out.add(" ".join(cell.text for cell in row.cells)):
                    return out
        return out
    if kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            rows = 0
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    rows += 1
                    if rows > MAX_XLSX_ROWS:
                        out.cut = f"表格超过 {MAX_XLSX_ROWS} 行，只提取了前 {MAX_XLSX_ROWS} 行的文字用于检索"
                        return out
                    cells = [str(v) for v in row if v is not None]
                    if cells and not out.add(" ".join(cells)):
                        return out
        finally:
            wb.close()
    return out


def extract_text(kind: str, data: bytes) -> str:
    """Plain text of a PDF, DOCX or XLSX (other kinds have none), bounded as above. Raises on unreadable
    files; ``archives.ArchiveRejected`` for a package that would inflate beyond the limits."""
    return _extract(kind, data).text()


def safe_extract(kind: str, data: bytes, name: str) -> tuple[str, str]:
    """(text, note) — an unreadable file never loses the upload, it is reported in the note; a
    decompression bomb is refused (``AttachmentRejected``), since nobody should be served one either."""
    try:
        extracted = _extract(kind, data)
    except archives.ArchiveRejected as exc:
        raise AttachmentRejected(f"附件“{name}”：{exc}") from exc
    except Exception as exc:
        logger.warning("text extraction failed for %s: %s", name, exc)
        return "", f"未能提取附件“{name}”的文字：文件可能已损坏、加密或格式不受支持"[:300]
    return extracted.text(), (f"附件“{name}”：{extracted.cut}"[:300] if extracted.cut else "")
