"""OCR speed per scanned page (docs/ingest.md "Scanned PDFs"): the built 2021 Table 3 scan of
tests/ingest/test_ocr.py read ``--runs`` times, with the time of each step and the figures right / wrong /
absent against what was drawn. Prints the machine's load, since the two cores are shared.

    DJANGO_SETTINGS_MODULE=gongkai.config.settings.test .venv/bin/python bench/ocr_bench.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    django.setup()
    import pypdfium2

    from gongkai.ingest import ocr
    from gongkai.ingest.pipeline import ingest_reading
    from tests.ingest.test_ocr import consistent_table3, scanned_pdf

    drawn = consistent_table3()
    content = scanned_pdf(drawn)
    exe = ocr.check_available()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for run in range(args.runs):
        doc = pypdfium2.PdfDocument(content)
        t0 = time.perf_counter()
        img = ocr.render_page(doc[0])
        t_render = time.perf_counter()
        img, _angle = ocr.deskew(img)
        t1 = time.perf_counter()
        clean, grid = ocr.clean_page(img)
        t2 = time.perf_counter()
        words = ocr.run_tesseract(clean, exe=exe, timeout=300, page_no=1)
        t3 = time.perf_counter()
        ocr.page_items(clean, words, grid, exe=exe, timeout=300)
        t4 = time.perf_counter()
        doc.close()
        r = ingest_reading("scan.pdf", content)
        t5 = time.perf_counter()
        cells = r.data.tables.get("table3", {})
        right = sum(1 for k, c in cells.items() if c.value is not None and c.value == drawn.get(k))
        wrong = sum(1 for k, c in cells.items() if c.value is not None and c.value != drawn.get(k))
        unsure = sum(1 for c in cells.values() if c.unsure)
        print(f"run {run + 1}: render {t_render - t0:.2f} s, deskew {t1 - t_render:.2f} s, lines {t2 - t1:.2f} s, "
              f"tesseract page {t3 - t2:.2f} s, "
              f"cells + figure pass {t4 - t3:.2f} s; whole file through ingest {t5 - t4:.2f} s; "
              f"Table 3: {right} right, {wrong} wrong, {len(drawn) - right - wrong} absent of {len(drawn)}, "
              f"{unsure} unsure")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
