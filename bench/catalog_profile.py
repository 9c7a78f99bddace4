"""Which queries a public page runs, and how long each takes: renders a page in-process with the page
cache off (the first request after a publication) and prints every SQL statement with its time, then
the total per page. With ``--explain`` it also prints PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) (SQLite: EXPLAIN
QUERY PLAN) of each statement slower than ``--slow`` ms.

Run against an existing database (it writes nothing):
``DATABASE_URL=postgres://… .venv/bin/python bench/catalog_profile.py /record/123/ /gk/45/content/?page=2``
(plus the keys the settings need: docs/deployment.md "Keys").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", help="page paths, e.g. /record/1/")
    parser.add_argument("--repeat", type=int, default=3, help="renderings per page (the last one is shown)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE statements slower than --slow")
    parser.add_argument("--slow", type=float, default=2.0, help="ms")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.catalog_settings")
    os.environ["GONGKAI_BENCH_NO_PAGE_CACHE"] = "1"
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    for path in args.paths:
        wall: list[float] = []
        for _ in range(args.repeat):
            cache.clear()  # the facet counts too: the first request after a publication has none
            with CaptureQueriesContext(connection) as ctx:
                t0 = time.perf_counter()
                response = client.get(path)
                wall.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        total_sql = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        print(f"\n== {path}: {len(ctx.captured_queries)} queries, SQL {total_sql:.1f} ms, "
              f"wall {' / '.join(f'{w:.1f}' for w in wall)} ms, {len(response.content):,} bytes")
        for q in ctx.captured_queries:
            ms = float(q["time"]) * 1000
            print(f"  {ms:7.1f} ms  {q['sql'][:300]}")
            if args.explain and ms >= args.slow:
                with connection.cursor() as cur:
                    if connection.vendor == "postgresql":
                        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                        for (line,) in cur.fetchall():
                            print("      " + line)
                    else:  # SQLite: the plan (the logged SQL has its parameters inlined)
                        cur.execute("EXPLAIN QUERY PLAN " + q["sql"])
                        for row in cur.fetchall():
                            print("      " + str(row[-1]))


if __name__ == "__main__":
    main()
