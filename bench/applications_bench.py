"""Applications load benchmark (issue 4, item 10).

1. 200 concurrent online submissions (POST /api/applications/submit) to the production server
   (`gongkai serve`, gunicorn) on loopback; checks every one is stored exactly once with a unique
   tracking code and nothing is lost.
2. With ~20,000 open applications, the time to recompute every due date after a calendar change
   (`services.recompute_open`, what the `calendar_changed` signal triggers).

Run: `.venv/bin/python bench/applications_bench.py` (fresh SQLite file in a temp dir), and with
`--postgres postgres://postgres@127.0.0.1:5432/gk_bench` for PostgreSQL. Writes "## Applications" (one
subsection per engine) in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402
from gongkai.core.keys import generate_key, generate_secret_key  # noqa: E402

N_SUBMISSIONS = 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def submit(url: str, i: int) -> tuple[int, str, float]:
    body = json.dumps({
        "agency_id": AGENCY_ID, "applicant_type": "natural_person", "applicant_name": f"压测申请人{i}",
        "id_number": "110101199001011237", "phone": f"1380000{i:04d}", "info_name": f"bench-{i} 某项政府信息",
    }).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            payload = json.loads(resp.read())
            return resp.status, payload.get("tracking_code", ""), time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")[:200], time.perf_counter() - started


AGENCY_ID = 0


def main() -> None:
    global AGENCY_ID
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", default="", help="DATABASE_URL of a scratch PostgreSQL database")
    parser.add_argument("--open", type=int, default=20000, help="open applications for the recompute run")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="gk-bench-apps-")
    env = dict(os.environ, GONGKAI_DATA_DIR=tmp, DJANGO_SETTINGS_MODULE="gongkai.config.settings.base",
               PYTHONPATH=str(ROOT))
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
        # DATABASE_URL without DEBUG is a production configuration: keys must be given (docs/deployment.md).
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
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application

    AGENCY_ID = Agency.objects.get(name="示例县人民政府").pk
    connection.close()

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "serve", "--no-migrate", "--bind",
                               f"127.0.0.1:{port}", "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        url = f"http://127.0.0.1:{port}/api/applications/submit"
        started = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=N_SUBMISSIONS) as pool:
            results = list(pool.map(lambda i: submit(url, i), range(N_SUBMISSIONS)))
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    ok = [r for r in results if r[0] == 201]
    codes = [r[1] for r in ok]
    stored = Application.objects.filter(info_name__startswith="bench-")
    stored_codes = list(stored.values_list("tracking_code", flat=True))
    names = list(stored.values_list("info_name", flat=True))
    latencies = sorted(r[2] for r in results)
    failures = [r for r in results if r[0] != 201]
    exactly_once = len(names) == len(set(names)) == N_SUBMISSIONS and sorted(codes) == sorted(stored_codes)

    # Recompute after a calendar change, at scale.
    from gongkai.agencies.demo import scale_agencies
    from gongkai.applications import demo as app_demo
    from gongkai.applications import services

    agencies = scale_agencies(cities=1, counties=4, departments=40, townships=9)
    per = max(1, round(args.open / 0.2 / len(agencies)))
    t0 = time.perf_counter()
    app_demo.scale(agencies, {"applications": per, "year": 2026})
    gen_s = time.perf_counter() - t0
    n_open = Application.objects.filter(closed_on__isnull=True).count()
    # A calendar change: make Tuesday 2026-12-01 a holiday. The calendar_changed signal recomputes every
    # open case (in-process task when no broker is configured); time the whole change.
    import datetime as dt

    from gongkai.core.actors import SYSTEM
    from gongkai.workdays.services import day_set

    before = dict(Application.objects.filter(closed_on__isnull=True).values_list("id", "due_on"))
    t0 = time.perf_counter()
    day_set(year=2026, date=dt.date(2026, 12, 1), kind="holiday", name="基准测试", actor=SYSTEM)
    recompute_s = time.perf_counter() - t0
    after = dict(Application.objects.filter(closed_on__isnull=True).values_list("id", "due_on"))
    recomputed = sum(1 for k, v in after.items() if before.get(k) != v)
    t0 = time.perf_counter()
    services.recompute_open()
    noop_s = time.perf_counter() - t0

    engine = "PostgreSQL" if args.postgres else "SQLite"
    body = f"""Command: `.venv/bin/python bench/applications_bench.py{' --postgres URL' if args.postgres else ''}`.

| Measure | Result |
|---|---|
| {N_SUBMISSIONS} concurrent submissions to gunicorn (2 workers × 4 threads) on loopback | {len(ok)} × 201, \
{len(failures)} failed, wall {wall:.1f} s ({len(ok) / wall:.0f} per second) |
| Latency p50 / p95 / max | {latencies[len(latencies) // 2] * 1000:.0f} / \
{latencies[int(len(latencies) * 0.95)] * 1000:.0f} / {latencies[-1] * 1000:.0f} ms |
| Stored exactly once, tracking codes unique and equal to those returned | {"yes" if exactly_once else "NO"} \
({len(names)} rows, {len(set(stored_codes))} distinct codes) |
| Calendar change (2026-12-01 made a holiday) with recompute of every open case | {n_open:,} open cases, \
{recompute_s:.1f} s (goal < 10 s), {recomputed:,} due dates moved; bulk data generated in {gen_s:.0f} s |
| Recompute again with nothing to change | {noop_s:.1f} s |
"""
    print(body)
    if failures:
        print("failures:", failures[:5])
    write_section(f"Applications ({engine})", body)


if __name__ == "__main__":
    main()
