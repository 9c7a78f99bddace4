"""督办 figures at scale (issue 14 item 3): the GROUP BY behind the page, the XLSX and the API.

Creates the demo county plus N applications (default 50,000) spread over 60 synthetic agencies under
the county, about a third open, with received, due and closed dates across 2026 (bulk insert, as the
scale demo does), then times ``supervision.selectors.figures`` for the whole year and for one month
over the county's subtree (median of 5 runs) and checks the totals against a direct count.

Run: `.venv/bin/python bench/supervision_bench.py` (fresh SQLite file in a temp dir), and with
`--postgres postgres://postgres@127.0.0.1:5432/gk_h_bench`. Writes "## Supervision" in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402
from gongkai.core.keys import generate_key, generate_secret_key  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="")
    parser.add_argument("--cases", type=int, default=50000)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="gk-bench-sup-")
    env = dict(os.environ, GONGKAI_DATA_DIR=tmp, DJANGO_SETTINGS_MODULE="gongkai.config.settings.base",
               PYTHONPATH=str(ROOT))
    engine = "SQLite"
    if args.postgres:
        engine = "PostgreSQL"
        env["DATABASE_URL"] = args.postgres
        env.update(GONGKAI_SECRET_KEY=generate_secret_key(), GONGKAI_FIELD_KEYS=generate_key(),
                   GONGKAI_FINGERPRINT_KEY=generate_key())
        import psycopg

        base = args.postgres.rsplit("/", 1)
        with psycopg.connect(base[0].replace("postgres://", "postgresql://") + "/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{base[1]}"')
            c.execute(f'CREATE DATABASE "{base[1]}"')
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from gongkai.agencies.demo import load_county
    from gongkai.agencies.models import Agency, Kind, Level
    from gongkai.applications.models import Application
    from gongkai.supervision import selectors
    from gongkai.workdays.services import get_calendar

    county = load_county()
    rnd = random.Random(14)
    cal = get_calendar()
    memo: dict[tuple[dt.date, int], dt.date] = {}

    def plus(day: dt.date, n: int) -> dt.date:
        if (day, n) not in memo:
            memo[(day, n)] = cal.add_workdays(day, n)
        return memo[(day, n)]

    with transaction.atomic():
        agencies = [Agency.objects.create(code=f"9{i:017d}", name=f"压测机关{i}", level=Level.COUNTY,
                                          kind=Kind.DEPARTMENT, parent=county.county) for i in range(60)]
    started = time.perf_counter()
    batch: list[Application] = []
    for i in range(args.cases):
        received = dt.date(2026, 1, 5) + dt.timedelta(days=rnd.randrange(0, 320))
        due = plus(received, 20)
        is_open = rnd.random() < 0.33
        closed = None if is_open else plus(received, rnd.randrange(1, 28))
        batch.append(Application(
            agency=agencies[i % len(agencies)], applicant_name=f"申请人{i}", info_name=f"信息{i}",
            channel="online", submitted_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), received_on=received,
            due_on=due, status="processing" if is_open else "answered", outcome="" if is_open else "granted",
            closed_on=closed, number=f"2026-{i:06d}"))
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)
    load_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")
    ids = [a.pk for a in selectors.subordinates(county.county)]
    today = dt.date(2026, 11, 20)

    def timed(month: int | None) -> tuple[float, list[selectors.Row]]:
        runs, rows = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            rows = selectors.figures(ids, year=2026, month=month, today=today)
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs), rows

    year_s, rows = timed(None)
    month_s, _ = timed(3)
    totals = selectors.totals(rows)
    direct_received = Application.objects.filter(agency_id__in=ids, received_on__year=2026).count()
    assert totals["received"] == direct_received, (totals, direct_received)
    body = (f"`bench/supervision_bench.py` ({engine}): {args.cases:,} applications over {len(ids)} agencies "
            f"(county subtree), inserted in {load_s:.1f} s. `selectors.figures` for the subtree, median of 5: "
            f"whole year {year_s * 1000:.0f} ms, one month {month_s * 1000:.0f} ms (one GROUP BY, "
            f"five filtered counts). Totals for 2026: " + ", ".join(f"{selectors.LABELS[k]} {v:,}"
                                                                  for k, v in totals.items()) + ".")
    print(body)
    write_section(f"Supervision ({engine})", body)


if __name__ == "__main__":
    main()
