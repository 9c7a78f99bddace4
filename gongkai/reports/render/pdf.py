"""PDF of an annual report: the standalone HTML rendered by ``gongkai.core.documents.pdf_bytes``
(WeasyPrint; Noto CJK fonts embedded, so the text can be extracted)."""

from __future__ import annotations

from gongkai.core.documents import PDF_CSS, pdf_bytes
from gongkai.formats import Format
from gongkai.reports.data import ReportData
from gongkai.reports.render.html import report_document


def report_pdf(data: ReportData, *, fmt: Format | None = None) -> bytes:
    return pdf_bytes(report_document(data, fmt=fmt, page_css=PDF_CSS))
