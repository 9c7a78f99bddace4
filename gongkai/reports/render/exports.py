"""HTTP responses for the export formats of a report (json, html, docx, pdf, xlsx, ofd), shared by the
staff pages, the portal and the CLI (``write``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.http import Http404, HttpResponse

from gongkai.formats import get_format
from gongkai.formats.declarations import TABLE4_GROUPS
from gongkai.reports.data import ReportData
from gongkai.reports.render.grid import fmt_value

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
}


def labelled_json(data: ReportData) -> dict[str, Any]:
    """The report keyed by official labels: {table title: {row label: {column label: value}}}."""
    fmt = get_format(data.era)
    tables: dict[str, Any] = {}
    for table in fmt.tables:
        cells = data.tables.get(table.key, {})
        out: dict[str, Any] = {}
        for block, row in table.rows():
            if row.heading:
                continue
            chain = "／".join(g.label for g in block.group_chain(row))
            label = f"{chain}／{row.label}" if chain and row.label else (row.label or table.title)
            if block.caption:
                label = f"{block.caption}／{label}"
            values: dict[str, Any] = {}
            for col in block.row_columns(row):
                cell = cells.get((row.key, col.key))
                v = cell.value if cell is not None else None
                values[col.label if col.key.count(".") == 0 else _t4_label(col.key, col.label)] = (
                    None if v is None else (v if isinstance(v, int) else fmt_value(v)))
            out[label] = values
        tables[table.title] = out
    headings = {s.key: s.heading for s in fmt.sections}
    return {
        "标题": data.title, "年度": data.year, "格式": fmt.document,
        "正文": {headings.get(k, k): v for k, v in data.narrative.items()},
        "表格": tables,
        "data": data.to_json(),
    }


def _t4_label(key: str, label: str) -> str:
    group = key.split(".", 1)[0]
    names = dict(TABLE4_GROUPS)
    prefix = names.get(group, group)
    if group.startswith("litigation"):
        prefix = f"行政诉讼／{prefix}"
    return f"{prefix}／{label}"


def render_bytes(data: ReportData, kind: str) -> bytes:
    if kind == "json":
        return json.dumps(labelled_json(data), ensure_ascii=False, indent=2).encode("utf-8")
    if kind == "html":
        from gongkai.core.documents import PDF_CSS
        from gongkai.reports.render.html import report_document

        return report_document(data, page_css=PDF_CSS).encode("utf-8")
    if kind == "docx":
        from gongkai.reports.render.docx import report_docx

        return report_docx(data)
    if kind == "pdf":
        from gongkai.reports.render.pdf import report_pdf

        return report_pdf(data)
    if kind == "xlsx":
        from gongkai.reports.render.xlsx import report_xlsx

        return report_xlsx(data)
    if kind == "ofd":  # GB/T 33190, from the same layout as the PDF (ADR 0008)
        from gongkai.core.ofd import pdf_to_ofd
        from gongkai.reports.render.pdf import report_pdf

        return pdf_to_ofd(report_pdf(data), title=data.title, author=data.agency_name)
    raise ValueError(f"不支持的格式：{kind}（可用 json、html、docx、pdf、xlsx、ofd）")


def response(data: ReportData, kind: str, stem: str, *, inline: bool = False) -> HttpResponse:
    if kind not in CONTENT_TYPES:
        raise Http404("no such format")
    resp = HttpResponse(render_bytes(data, kind), content_type=CONTENT_TYPES[kind])
    disposition = "inline" if inline or kind == "html" else "attachment"
    resp["Content-Disposition"] = f'{disposition}; filename="{stem}.{kind}"'
    if kind == "html":
        # The standalone HTML export carries its print CSS in a <style> block and no script; django-csp
        # reads this attribute to allow that one block type on this response only.
        resp._csp_replace = {"style-src": ["'self'", "'unsafe-inline'"]}  # type: ignore[attr-defined]
    return resp


def write(data: ReportData, path: Path) -> None:
    kind = path.suffix.lstrip(".").lower()
    path.write_bytes(render_bytes(data, kind))
