"""DOCX, text PDF and scanned PDF readers on real reports' words and figures.

No real DOCX or PDF file could be stored in the corpus (the stored copies are page texts), so the containers
are built here from two corpus reports with whole tables — 上海市人民政府办公厅 2025 and 沭阳县人民政府 2025
(tests/fixtures/corpus/sh-office-2025-pdfmd, js-shuyang-county-2025-pdfmd): their published sentences as the
stored text gives them, and their Table 2–4 figures as a person typed them into expected.json
(``builders.corpus_report``; never a parser's reading). Each container is then read like any upload and
scored against the same expected.json: every table figure right, none wrong or invented, and the prose
figures the same as read from the stored text. The scan is the Table 3 page drawn from those real figures,
rasterised at 300 dpi with no text layer, read by tesseract; without tesseract it skips (fails under CI).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gongkai.ingest.pipeline import ingest_reading
from gongkai.ingest.scoring import Expected, load_expected, score
from tests.ingest.builders import CorpusReport, corpus_report, report_docx, report_html, report_pdf, scanned

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
ENTRIES = ["sh-office-2025-pdfmd", "js-shuyang-county-2025-pdfmd"]


def _entry(name: str) -> tuple[CorpusReport, Expected, set[tuple[str, object]]]:
    folder = CORPUS / name
    report = next(folder.glob("report.*"))
    stored = ingest_reading(report.name, report.read_bytes())
    return corpus_report(folder), load_expected(folder / "expected.json"), {
        (f.key, f.value) for f in stored.data.figures}


def _build(kind: str, cr: CorpusReport) -> bytes:
    if kind == "docx":
        return report_docx(cr.title, cr.parts, cr.era, cr.tables)
    return report_pdf(report_html(cr.title, cr.parts, cr.era, cr.tables))


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", ENTRIES)
def test_container_built_from_a_real_report_reads_its_figures(name: str, kind: str) -> None:
    cr, exp, stored_prose = _entry(name)
    r = ingest_reading(f"report.{kind}", _build(kind, cr))
    assert r.kind == kind
    s = score(r.data, exp, evidence=r.evidence)
    assert (s.wrong, s.invented) == (0, 0), s.details
    table_keys = [k for k in exp.figures if k.split(".", 1)[0] in ("table2", "table3", "table4")]
    assert len(table_keys) >= 190
    missing_tables = [d for d in s.details if d.startswith("missing table")]
    assert missing_tables == [], missing_tables
    got = {(f.key, f.value) for f in r.data.figures}
    # The container holds the same sentences: it states no figure the stored text does not, and loses none
    # (a text PDF wraps its prose at the margin; the reader joins the wrapped lines back).
    assert stored_prose <= got
    assert all(exp.prose.get(k) is not None and v in exp.prose[k] for k, v in got - stored_prose), got - stored_prose
    assert (r.data.agency_name, r.data.year) == (exp.agency, exp.year)


@pytest.mark.usefixtures("tesseract")
def test_scan_of_a_real_table3_reads_each_figure_or_asks() -> None:
    """上海市人民政府办公厅 2025's Table 3 (55 non-zero figures up to 4 digits) drawn, rasterised, read by OCR:
    no figure wrong-and-trusted, none invented, and here every one as published."""
    import pdfplumber

    cr, exp, _prose = _entry("sh-office-2025-pdfmd")
    html = report_html(cr.title, ["三、收到和处理政府信息公开申请情况", ("table", "table3")], cr.era,
                       {"table3": cr.tables["table3"]})
    content = scanned(report_pdf(html))
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert sum(len(p.chars) for p in pdf.pages) == 0  # an image only: OCR is the only way in
    r = ingest_reading("scan.pdf", content)
    assert r.ocr_pages
    t3 = r.data.tables.get("table3", {})
    expected = {tuple(k.split(".", 1)[1].rsplit(".", 1)): v for k, v in exp.figures.items()
                if k.startswith("table3.")}
    trusted_wrong = [(k, c.value, expected.get(k)) for k, c in t3.items()
                     if not c.unsure and c.value is not None and c.value != expected.get(k)]
    assert trusted_wrong == []
    invented = [k for k, c in t3.items() if c.value is not None and k not in expected]
    assert invented == []
    right = sum(1 for k, c in t3.items() if c.value is not None and c.value == expected.get(k))
    # On Debian's tesseract 5.3 every cell reads as published (one garbled label is placed by the form's row
    # order: ocr.fill_between), so R1–R3 hold and the table is trusted; a misread would leave it all unsure.
    assert right == len(expected) == 175, f"{right} of {len(expected)} read as published"
    assert not any(c.unsure for c in t3.values())


def test_a_garbled_label_between_two_read_rows_takes_the_declared_row_between_them() -> None:
    from gongkai.ingest.ocr import fill_between

    garbled = "1.申请当天和逾、人行下再处中请和无正当下过关于下行政机关不再处"  # as tesseract read the scan above
    rows = [(0, [("cell", "5.要求行政机关确认或重新出具已获取信息"), ("cell", "0"), ("eor", "")]),
            (1, [("cell", garbled), ("cell", "40"), ("eor", "")]),
            (2, [("cell", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), ("cell", "0"),
                 ("eor", "")])]
    fill_between(rows)
    assert rows[1][1][0] == ("cell", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    # A different item number, or no declared row between the neighbours, leaves the text as read.
    rows[1] = (1, [("cell", "3." + garbled[2:]), ("cell", "40"), ("eor", "")])
    fill_between(rows)
    assert rows[1][1][0][1].startswith("3.申请当天")


def _real_table3_page() -> object:
    import pypdfium2

    cr, _exp, _prose = _entry("sh-office-2025-pdfmd")
    html = report_html(cr.title, ["三、收到和处理政府信息公开申请情况", ("table", "table3")], cr.era,
                       {"table3": cr.tables["table3"]})
    doc = pypdfium2.PdfDocument(report_pdf(html))
    page = doc[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    doc.close()
    return page


def test_skew_angle_of_a_crooked_page() -> None:
    from gongkai.ingest.ocr import deskew, skew_angle

    page = _real_table3_page()
    assert skew_angle(page) == 0.0  # type: ignore[arg-type]
    assert deskew(page)[1] == 0.0  # type: ignore[arg-type]
    for turned in (1.5, -2.3, 0.7):
        crooked = page.rotate(turned, fillcolor=255)  # type: ignore[attr-defined]
        assert abs(skew_angle(crooked) + turned) <= 0.04, turned


@pytest.mark.usefixtures("tesseract")
def test_a_crooked_scan_is_turned_level_before_its_rulings_are_found() -> None:
    """The real Table 3 page scanned 1.5° crooked: without deskewing no ruling is found and every figure stays
    unsure; turned level first, it reads as the straight page does (175 of 175, R1–R3 hold)."""
    _cr, exp, _prose = _entry("sh-office-2025-pdfmd")
    buf = io.BytesIO()
    page = _real_table3_page()
    page.rotate(1.5, fillcolor=255).save(buf, "PDF", resolution=300)  # type: ignore[attr-defined]
    r = ingest_reading("crooked.pdf", buf.getvalue())
    t3 = r.data.tables.get("table3", {})
    expected = {tuple(k.split(".", 1)[1].rsplit(".", 1)): v for k, v in exp.figures.items()
                if k.startswith("table3.")}
    assert [k for k, c in t3.items() if not c.unsure and c.value != expected.get(k)] == []
    assert sum(1 for k, c in t3.items() if c.value is not None and c.value == expected.get(k)) == 175
    assert not any(c.unsure for c in t3.values())
