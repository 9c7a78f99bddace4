"""Attachment checks and text extraction: allowed types (PDF, DOC, DOCX, XLS, XLSX, OFD, images)
by extension and magic bytes, a size limit, and plain text for search (pdfplumber for PDF,
python-docx for DOCX, openpyxl for XLSX). Pure functions over bytes; errors in Chinese name the file.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# extension → accepted leading bytes
MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (_OLE,),
    "xls": (_OLE,),
    "docx": (_ZIP,),
    "xlsx": (_ZIP,),
    "ofd": (_ZIP,),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
ALLOWED = tuple(MAGIC)


class AttachmentRejected(ValueError):
    """The file cannot be attached; the message says why."""


@dataclass
class Checked:
    name: str
    kind: str
    size: int


def check(name: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> Checked:
    """Validate a file by extension, size and magic bytes."""
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if ext not in MAGIC:
        raise AttachmentRejected(
            f"附件“{base}”的类型不受支持：只接受 {'、'.join(e.upper() for e in ALLOWED)} 文件"
        )
    if not data:
        raise AttachmentRejected(f"附件“{base}”是空文件")
    if len(data) > max_bytes:
        raise AttachmentRejected(
            f"附件“{base}”大小为 {len(data) / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.0f} MB"
        )
    if not any(data.startswith(m) for m in MAGIC[ext]):
        raise AttachmentRejected(f"附件“{base}”的内容与扩展名 .{ext} 不符，文件可能已损坏或被改名")
    if ext in {"docx", "xlsx"}:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise AttachmentRejected(f"附件“{base}”不是有效的 .{ext} 文件") from exc
        marker = "word/document.xml" if ext == "docx" else "xl/workbook.xml"
        if marker not in names:
            raise AttachmentRejected(f"附件“{base}”不是有效的 .{ext} 文件")
    return Checked(name=base, kind=ext, size=len(data))


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
