"""Attachment checks and text extraction: the upload check is the shared guard
(``gongkai.core.uploads.inspect``: allowed kinds recognised by content, size cap, polyglots, active PDF
content and macros refused), and plain text for search (pdfplumber for PDF, python-docx for DOCX,
openpyxl for XLSX). Pure functions over bytes or files; errors in Chinese name the file.
"""

from __future__ import annotations

import io
import logging
from typing import IO

from django.conf import settings

from gongkai.core import uploads
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


def extract_text(kind: str, data: bytes) -> str:
    """Plain text of a PDF, DOCX or XLSX (other kinds have none). Raises on unreadable files."""
    if kind == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join((page.extract_text() or "") for page in pdf.pages)
    if kind == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" ".join(cell.text for cell in row.cells))
        return "\n".join(parts)
    if kind == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        lines = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                if cells:
                    lines.append(" ".join(cells))
        wb.close()
        return "\n".join(lines)
    return ""


def safe_extract(kind: str, data: bytes, name: str) -> tuple[str, str]:
    """(text, error message) — extraction failure never loses the upload, it is reported."""
    try:
        return extract_text(kind, data), ""
    except Exception as exc:
        logger.warning("text extraction failed for %s: %s", name, exc)
        return "", f"未能提取附件“{name}”的文字：{type(exc).__name__}"
