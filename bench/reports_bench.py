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

        from gongkai.reports.batch import compute_many
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
        t0 = time.perf_counter()
        datas = compute_many(ids, YEAR)
        sql_part = time.perf_counter() - t0
        t0 = time.perf_counter()
        problems = sum(len([p for p in check_tables(d) if p.severity == "error"]) for d in datas.values())
        checks = time.perf_counter() - t0
        sample = ids[: min(200, len(ids))]
        t0 = time.perf_counter()
        for aid in sample:
            compute([aid], YEAR)
        per_agency = (time.perf_counter() - t0) / len(sample) * len(ids)
        assert all(datas[a].tables["table3"] == compute([a], YEAR).tables["table3"] for a in sample[:20])
    body = (
        f"`bench/reports_bench.py` on {connection.vendor}: {len(ids):,} agencies, {n_records:,} records, "
        f"{n_apps:,} applications (generated in {gen:.0f} s), report year {YEAR}.\n\n"
        f"| step | seconds | × floor |\n|---|---|---|\n"
        f"| floor: one GROUP BY (Table 3 outcomes × applicant type, all agencies) | {floor:.3f} | 1.0 |\n"
        f"| Tables 2–4 for every agency, batch (`reports.batch.compute_many`) | {sql_part:.3f} | "
        f"{sql_part / floor:.1f} |\n"
        f"| consistency checks (R1–R4, Table 4) for every agency | {checks:.3f} | {checks / floor:.1f} |\n"
        f"| total, compute + check | {sql_part + checks:.3f} | {(sql_part + checks) / floor:.1f} |\n"
        f"| per-agency `figures.compute` (extrapolated from {len(sample)}) | {per_agency:.1f} | "
        f"{per_agency / floor:.0f} |\n\n"
        f"Errors found by the checks: {problems}.\n"
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
