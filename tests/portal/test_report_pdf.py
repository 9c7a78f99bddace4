"""The annual report PDF as a reader sees it (issue 13 item 13): every page rendered to PNG with
pdftoppm and measured — nothing printed outside the page margins (Table 4 used to run past the right one);
Table 3's header repeated on each page the table runs onto; no page ending with a heading."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageOps

from gongkai.reports.render.pdf import report_pdf
from tests.reports.test_render import data  # noqa: F401  (the fixture: a computed 2025 report)

pytestmark = pytest.mark.django_db
MM_PER_INCH = 25.4
DPI = 72
# core.documents.PDF_CSS: @page { size: A4; margin: 37mm 26mm 35mm 28mm } (top right bottom left)
RIGHT_MM, LEFT_MM = 26, 28


def _pages_png(pdf: bytes, tmp_path: Path) -> list[Path]:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm (poppler-utils) is required: scripts/system-deps.sh installs it")
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run([tool, "-r", str(DPI), "-png", str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True)
    return sorted(tmp_path.glob("p-*.png"))


def test_tables_inside_margins_and_table3_header_on_every_page(data: Any, tmp_path: Path) -> None:  # noqa: F811
    import pdfplumber

    pdf = report_pdf(data)
    pages = _pages_png(pdf, tmp_path)
    assert len(pages) >= 2
    for png in pages:
        image = Image.open(png).convert("L")
        ink = ImageOps.invert(image).point(lambda v: 255 if v > 40 else 0).getbbox()
        assert ink is not None
        px_per_mm = image.width / 210
        # 1 mm of tolerance for anti-aliasing at the border lines.
        assert ink[2] <= image.width - (RIGHT_MM - 1) * px_per_mm, (png.name, ink, image.width)
        assert ink[0] >= (LEFT_MM - 1) * px_per_mm, (png.name, ink)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        texts = [re.sub(r"\s+", "", p.extract_text() or "") for p in doc.pages]
    table3_pages = [i for i, t in enumerate(texts) if "予以公开" in t or "结转下年度继续办理" in t
                    or "本年新收政府信息公开申请数量" in t]
    assert len(table3_pages) >= 2, "Table 3 should run over a page break in this report"
    for i in table3_pages:
        assert "申请人情况" in texts[i] and "法人或其他组织" in texts[i], f"page {i + 1} lacks Table 3's header"
    for i, text in enumerate(texts[:-1]):
        # A page must not end with a section heading (the table or text it introduces is on the next page).
        last = text.rsplit("—", 2)[0] if "—" in text else text
        assert not re.search(r"[一二三四五六七]、[^、]{2,30}情况$", last), f"page {i + 1} ends with a heading"
