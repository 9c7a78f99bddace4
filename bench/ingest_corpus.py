"""Ingest accuracy on the hand-read corpus: right / wrong / missing / invented per entry, layout and era.

Run: `.venv/bin/python bench/ingest_corpus.py [--details] [--markdown]`. Reads every entry of
tests/fixtures/corpus (a report exactly as found + expected.json typed by hand), parses it with
`gongkai.ingest.pipeline.ingest_reading` and scores it with `gongkai.ingest.scoring.score`. `--markdown`
prints the tables that docs/ingest.md quotes. `--flattened` re-publishes every entry with twenty or more
table figures as a crawler's one-line page (`scoring.crawler_page`, cells spaced and cells glued) and scores
those readings against the same fixtures. No database, no network.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")

CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true", help="list every wrong, missing and invented figure")
    ap.add_argument("--markdown", action="store_true", help="print the per-layout and per-era tables as Markdown")
    ap.add_argument("--flattened", action="store_true",
                    help="score the whole-table entries re-published as one-line crawler pages (spaced, glued)")
    args = ap.parse_args(argv)
    if args.flattened:
        return flattened()

    from gongkai.ingest.pipeline import UnrecognisedFile, ingest_reading
    from gongkai.ingest.readers import UnreadableFile
    from gongkai.ingest.scoring import Score, corpus_entries, score

    by_layout: dict[str, Score] = defaultdict(Score)
    by_era: dict[str, Score] = defaultdict(Score)
    total = Score()
    rows: list[tuple[str, str, str, Score, str]] = []
    t0 = time.perf_counter()
    entries = corpus_entries(CORPUS)
    for path, exp in entries:
        try:
            reading = ingest_reading(path.name, path.read_bytes())
            s = score(reading.data, exp, evidence=reading.evidence)
            status = "read"
        except (UnreadableFile, UnrecognisedFile) as exc:
            s = score(None, exp)
            status = f"refused: {exc}"
        rows.append((exp.id, exp.layout, exp.era, s, status))
        by_layout[exp.layout].add(s)
        by_era[exp.era].add(s)
        total.add(s)
    elapsed = time.perf_counter() - t0

    def line(name: str, s: Score, n: int | None = None) -> str:
        cells = [name, *([str(n)] if n is not None else []), str(s.right), str(s.wrong), str(s.missing),
                 str(s.invented), str(s.unsure)]
        return "| " + " | ".join(cells) + " |"

    if args.markdown:
        counts_l = defaultdict(int)
        counts_e = defaultdict(int)
        for _id, layout, era, _s, _st in rows:
            counts_l[layout] += 1
            counts_e[era] += 1
        print("| Layout | Reports | Right | Wrong | Missing | Invented | Unsure (asked) |")
        print("|---|---|---|---|---|---|---|")
        for k in sorted(by_layout):
            print(line(k, by_layout[k], counts_l[k]))
        print(line("**all**", total, len(rows)))
        print()
        print("| Era | Reports | Right | Wrong | Missing | Invented | Unsure (asked) |")
        print("|---|---|---|---|---|---|---|")
        for k in sorted(by_era):
            print(line(k, by_era[k], counts_e[k]))
        print(line("**all**", total, len(rows)))
        ident = sum(1 for r in rows if r[3].identity_ok)
        print(f"\nIdentity (agency and year as stated): {ident}/{len(rows)}; "
              f"exact entries: {sum(1 for r in rows if r[3].exact)}/{len(rows)}")
        return 0
    for id_, layout, era, s, status in rows:
        mark = "exact" if s.exact else ""
        print(f"{id_:32} {layout:28} {era:9} right={s.right:<4} wrong={s.wrong:<3} missing={s.missing:<4} "
              f"invented={s.invented:<3} unsure={s.unsure:<3} id={'ok' if s.identity_ok else 'NO'} {mark} "
              f"{status if status != 'read' else ''}")
        if args.details:
            for d in s.details[:40]:
                print("    " + d)
    print(f"TOTAL right={total.right} wrong={total.wrong} missing={total.missing} invented={total.invented} "
          f"unsure={total.unsure}; {len(rows)} reports in {elapsed:.2f}s")
    return 0


def flattened() -> int:
    """Whole-table entries as one-line crawler pages: what survives the flattening, cells spaced and glued."""
    from gongkai.ingest.pipeline import UnrecognisedFile, ingest_reading
    from gongkai.ingest.scoring import Score, corpus_entries, crawler_page, score

    print("| Cells | Entries | Right as published | Right | Wrong | Missing | Invented | Unsure (asked) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, glue in (("spaced", " "), ("glued", "")):
        orig, flat, n = Score(), Score(), 0
        for path, exp in corpus_entries(CORPUS):
            if sum(1 for k in exp.figures if not k.startswith("prose.")) < 20:
                continue
            n += 1
            r0 = ingest_reading(path.name, path.read_bytes())
            orig.add(score(r0.data, exp, evidence=r0.evidence))
            try:
                r = ingest_reading("page.txt", crawler_page(path, exp, glue))
                flat.add(score(r.data, exp, evidence=r.evidence))
            except UnrecognisedFile:
                flat.add(score(None, exp))
        print(f"| {name} | {n} | {orig.right} | {flat.right} | {flat.wrong} | {flat.missing} | {flat.invented} "
              f"| {flat.unsure} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
