"""Reports benchmark: compute and check Tables 2–4 for every agency of a synthetic province, compared in
the same run with one hand-written GROUP BY query over the same data (the floor).

Run: `.venv/bin/python bench/reports_bench.py [--agencies N] [--records-per N] [--applications-per N]
[--pg postgres://…/dbname] [--write]` — a fresh SQLite file in a temp dir (or the given PostgreSQL
database, dropped and recreated). The issue's scale is 10,000 agencies, 1,000,000 records and
200,000 applications (`--agencies 10000 --records-per 100 --applications-per 20`). `--write` replaces
the "## Reports" section of docs/benchmarks.md; otherwise the results are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025


def _setup(database_url: str | None, data_dir: str) -> None:
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.config.settings.base"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(agencies_n: int, records_per: int, apps_per: int) -> list[Any]:
    from gongkai.agencies.demo import scale_agencies
    from gongkai.applications import demo as app_demo
    from gongkai.catalog import demo as cat_demo

    per_county = 40
    counties = max(1, agencies_n // (per_county + 1))
    made = scale_agencies(cities=1, counties=counties, departments=per_county - 10, townships=10)
    opts = {"records": records_per, "applications": apps_per, "year": YEAR, "index": False}
    cat_demo.scale(made, opts)
    app_demo.scale(made, opts)
    return made


def _floor(ids: list[int]) -> float:
    """One hand-written GROUP BY: the Table 3 outcome × applicant-type counts of every agency."""
    from django.db import connection

    from gongkai.applications.models import Application

    table = Application._meta.db_table
    sql = (f"SELECT agency_id, outcome, applicant_type, COUNT(*) FROM {table} "
           f"WHERE closed_on BETWEEN %s AND %s AND outcome <> '' GROUP BY agency_id, outcome, applicant_type")
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(sql, [f"{YEAR}-01-01", f"{YEAR}-12-31"])
        rows = cur.fetchall()
    assert rows or not ids
    return time.perf_counter() - t0


def _all_sources() -> float:
    """The SQL a hand-written report would need at least: each ledger grouped by agency once, rows fetched."""
    from django.db import connection

    from gongkai.appeals.models import AppealCase
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Record

    y0, y1 = f"{YEAR}-01-01", f"{YEAR}-12-31"
    queries = [
        (f"SELECT agency_id, kind, SUM(CASE WHEN published_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
         f"SUM(CASE WHEN validity_changed_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
         f"SUM(CASE WHEN published_on <= %s THEN 1 ELSE 0 END) FROM {Record._meta.db_table} "
         f"WHERE kind <> '' GROUP BY agency_id, kind", [y0, y1, y0, y1, y1]),
        (f"SELECT agency_id, applicant_type, SUM(CASE WHEN received_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
         f"SUM(CASE WHEN received_on < %s THEN 1 ELSE 0 END), SUM(CASE WHEN closed_on IS NULL OR closed_on > %s "
         f"THEN 1 ELSE 0 END) FROM {Application._meta.db_table} WHERE received_on <= %s "
         f"AND (closed_on IS NULL OR closed_on >= %s) GROUP BY agency_id, applicant_type", [y0, y1, y0, y1, y1, y0]),
        (f"SELECT agency_id, outcome, applicant_type, COUNT(*) FROM {Application._meta.db_table} "
         f"WHERE closed_on BETWEEN %s AND %s AND outcome <> '' GROUP BY agency_id, outcome, applicant_type", [y0, y1]),
        (f"SELECT agency_id, kind, outcome, COUNT(*) FROM {AppealCase._meta.db_table} "
         f"WHERE filed_on <= %s GROUP BY agency_id, kind, outcome", [y1]),
    ]
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for sql, params in queries:
            cur.execute(sql, params)
            cur.fetchall()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agencies", type=int, default=2000)
    ap.add_argument("--records-per", type=int, default=50)
    ap.add_argument("--applications-per", type=int, default=20)
    ap.add_argument("--pg", default=None)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gk-reports-bench-") as tmp:
        if args.pg:
            import psycopg

            base, _slash, name = args.pg.rpartition("/")
            with psycopg.connect(base.replace("postgres://", "postgresql://", 1) + "/postgres",
                                 autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
        _setup(args.pg, tmp)
        from django.db import connection

        from gongkai.reports.batch import compute_many, tables_many
        from gongkai.reports.checks import check_tables
        from gongkai.reports.figures import compute

        t0 = time.perf_counter()
        agencies = _generate(args.agencies, args.records_per, args.applications_per)
        gen = time.perf_counter() - t0
        ids = [a.pk for a in agencies]
        from gongkai.applications.models import Application
        from gongkai.catalog.models import Record

        n_records, n_apps = Record.objects.count(), Application.objects.count()
        import gc

        gc.collect()
        gc.freeze()  # the generated data stays alive; keep the collector from rescanning it in every timing
        floor = min(_floor(ids) for _ in range(3))
        all_sources = min(_all_sources() for _ in range(3))
        runs = []
        for _ in range(3):
            t0 = time.perf_counter()
            many = tables_many(ids, YEAR)
            t1 = time.perf_counter()
            found = many.problems()
            t2 = time.perf_counter()
            runs.append((t2 - t0, t1 - t0, t2 - t1))
        total, sql_part, checks = min(runs)
        problems = sum(len([p for p in ps if p.severity == "error"]) for ps in found.values())
        t0 = time.perf_counter()
        datas = compute_many(ids, YEAR)
        as_reports = time.perf_counter() - t0
        sample = ids[: min(200, len(ids))]
        t0 = time.perf_counter()
        for aid in sample:
            compute([aid], YEAR)
        per_agency = (time.perf_counter() - t0) / len(sample) * len(ids)
        t0 = time.perf_counter()
        for aid in sample:
            check_tables(datas[aid])
        cell_checks = (time.perf_counter() - t0) / len(sample) * len(ids)
        for a in sample[:50]:  # the fast path equals the per-agency path, here too
            one = compute([a], YEAR)
            assert many.report(a).tables == one.tables == datas[a].tables
            assert many.check(a) == check_tables(one)
    body = (
        f"`bench/reports_bench.py` on {connection.vendor}: {len(ids):,} agencies, {n_records:,} records, "
        f"{n_apps:,} applications (generated in {gen:.0f} s), report year {YEAR}; best of 3.\n\n"
        f"| step | seconds | × floor |\n|---|---|---|\n"
        f"| **floor**: one GROUP BY (Table 3 outcomes × applicant type, all agencies) | {floor:.3f} | 1.0 |\n"
        f"| hand-written GROUP BYs over all three ledgers (records, applications ×2, appeals), no Python | "
        f"{all_sources:.3f} | {all_sources / floor:.1f} |\n"
        f"| Tables 2–4 for every agency as numbers (`reports.batch.tables_many`) | {sql_part:.3f} | "
        f"{sql_part / floor:.1f} |\n"
        f"| consistency checks (R1–R4, Table 2 and 4 rules) for every agency (`TableBatch.problems`) | "
        f"{checks:.3f} | {checks / floor:.1f} |\n"
        f"| **total, compute + check** | {total:.3f} | {total / floor:.1f} |\n"
        f"| (extra) every agency as `ReportData` with Cells (`batch.compute_many`) | {as_reports:.3f} | "
        f"{as_reports / floor:.1f} |\n"
        f"| (before) `check_tables` on Cells for every agency (extrapolated from {len(sample)}) | "
        f"{cell_checks:.3f} | {cell_checks / floor:.1f} |\n"
        f"| (before) per-agency `figures.compute` (extrapolated from {len(sample)}) | {per_agency:.1f} | "
        f"{per_agency / floor:.0f} |\n\n"
        f"Errors found by the checks: {problems}. The batch tables and problems of 50 agencies were compared "
        f"with `figures.compute` + `check_tables` in the same run (equal).\n"
    )
    print(body)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        block = f"## Reports\n\n{body.strip()}\n\n"
        pattern = re.compile(r"^## Reports\n.*?(?=^## |\Z)", re.S | re.M)
        text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
