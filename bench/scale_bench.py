"""Province-scale benchmarks (issue 16 item 3) on data made by `gongkai demo --scale --province`
(10,000 agencies, 1,000,000 records, 200,000 applications).

Measures, on one engine per run: the generator's time (``--generate``), search latency (one term, two terms,
one term within one agency, a term matching ~100,000 records — count + first page), the record page and
category list cached, after a publication and cold against the floor view, 200 concurrent submissions (0 lost, p95), the
recompute of every open due date after a calendar change, and the throughput of two app servers against one.
Writes "## Province scale (<engine>)" in docs/benchmarks.md.

Run: `.venv/bin/python bench/scale_bench.py --generate --pg postgres://postgres@127.0.0.1:5432/gk_scale`
or `--generate --data-dir /tmp/gk-scale-sqlite` (SQLite); without ``--generate`` it measures the data already
there. The machine is shared: the load average before and after each run is part of the result.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402
from gongkai.core.keys import generate_key, generate_secret_key  # noqa: E402

SUBJECTS = ["农村人居环境整治", "义务教育学校招生", "城镇老旧小区改造", "食品安全监督抽检", "防汛抗旱", "森林防火",
            "耕地保护", "生活垃圾分类", "住房公积金", "优化营商环境"]
SECOND = ["通知", "实施方案", "专项检查", "工作推进会", "公告"]
BROAD_CANDIDATES = ["专项检查", "工作推进会", "公告", "通告", "实施方案", "工作情况报告", "有关事项", "结果"]


def load_avg() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * q))]


def base_env(args: argparse.Namespace) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DJANGO_SETTINGS_MODULE="gongkai.config.settings.base",
               GONGKAI_SECRET_KEY=os.environ.get("GONGKAI_SECRET_KEY") or generate_secret_key(),
               GONGKAI_FIELD_KEYS=os.environ.get("GONGKAI_FIELD_KEYS") or generate_key(),
               GONGKAI_FINGERPRINT_KEY=os.environ.get("GONGKAI_FINGERPRINT_KEY") or generate_key(),
               GONGKAI_DATA_DIR=args.data_dir,
               # One client address sends everything: lift the per-IP limits for the load tests.
               GONGKAI_RATE_API_ANON="1000000/m", GONGKAI_RATE_APPLY_IP="1000000/h")
    env.pop("REDIS_URL", None)
    if args.pg:
        env["DATABASE_URL"] = args.pg
    else:
        env.pop("DATABASE_URL", None)
    return env


# ---------------------------------------------------------------- servers and load


def start_server(env: dict[str, str], port: int, *, page_cache: bool = True,
                 workers: int = 2) -> subprocess.Popen[bytes]:
    env = dict(env, DJANGO_SETTINGS_MODULE="bench.catalog_settings",
               GONGKAI_BENCH_NO_PAGE_CACHE="0" if page_cache else "1")
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--chdir", str(ROOT), "-w", str(workers),
                               "--threads", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                               "--timeout", "120", "gongkai.config.wsgi:application"], env=env,
                              start_new_session=True)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/bench-floor/")
            if c.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    import signal

    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def load(targets: list[tuple[int, str]], seconds: float, threads: int,
         before: Callable[[str], None] | None = None) -> float:
    """Requests per second over ``seconds`` with ``threads`` clients, each GET to a random (port, path);
    ``before(path)`` runs in the client before each request (e.g. a publication's cache invalidation)."""
    count = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def run(seed: int) -> None:
        rng = random.Random(seed)
        n = 0
        while time.perf_counter() < stop:
            port, path = rng.choice(targets)
            if before is not None:
                before(path)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status != 200:
                raise RuntimeError(f"HTTP {resp.status} for {path}")
            n += 1
        with lock:
            count[0] += n
        if before is not None:
            from django.db import connection

            connection.close()  # this client thread's connection (used by the hook)

    errors: list[BaseException] = []

    def guarded(seed: int) -> None:
        try:
            run(seed)
        except BaseException as exc:  # reported after the other clients stop
            errors.append(exc)

    ts = [threading.Thread(target=guarded, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise errors[0]
    return count[0] / seconds


def warm(targets: list[tuple[int, str]], passes: int = 8) -> None:
    for _ in range(passes):
        for port, path in targets:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()


# ---------------------------------------------------------------- measurements


def measure_search(out: dict[str, Any]) -> None:
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.search.backends import search

    rng = random.Random(16)
    agency_ids = list(Agency.objects.filter(code__startswith="9").values_list("pk", flat=True))
    # The broad term: the candidate whose exact match count (one full scan, not timed) is nearest 100,000.
    exact: dict[str, int] = {}
    for term in BROAD_CANDIDATES:
        exact[term] = _exact_count(connection, term)
    broad = min(exact, key=lambda t: abs(exact[t] - 100_000))
    out["broad_term"], out["broad_exact"] = broad, exact[broad]
    out["candidates"] = exact
    search("预热")
    lat: dict[str, list[float]] = {"one": [], "two": [], "one_agency": [], "broad": []}
    totals: dict[str, Any] = {}
    for _ in range(60):
        for key, q, agency in (("one", rng.choice(SUBJECTS), None),
                               ("two", f"{rng.choice(SUBJECTS)} {rng.choice(SECOND)}", None),
                               ("one_agency", rng.choice(SUBJECTS), rng.choice(agency_ids)),
                               ("broad", broad, None)):
            t0 = time.perf_counter()
            res = search(q, agency=agency, limit=20)
            lat[key].append((time.perf_counter() - t0) * 1000)
            assert len(res.hits) > 0 or key == "one_agency", (key, q)
            totals[key] = (q, res.total, res.estimated, res.total_display)
    out["search"] = {k: {"p50": pct(v, 0.5), "p95": pct(v, 0.95), "n": len(v)} for k, v in lat.items()}
    out["search_totals"] = totals


def _exact_count(connection: Any, term: str) -> int:
    """Every match of ``term`` as the search reads it (its query tokens, all required), counted in full."""
    from gongkai.search.tokens import query_tokens

    tokens = query_tokens(term)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT count(*) FROM search_posting WHERE tsv @@ plainto_tsquery('simple', %s)",
                        [" ".join(tokens)])
        else:
            cur.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
                        [" AND ".join('"' + t + '"' for t in tokens)])
        return int(cur.fetchone()[0])


def measure_pages(env: dict[str, str], out: dict[str, Any]) -> None:
    """Floor, record page and category list in three states, each against the floor in the same server:
    ``cached`` (steady state), ``published`` (page cache on, and before every request — the floor's too — the
    client advances the versions a publication in the page's agency advances, as ``versions.bump_for_records``
    of another record of that agency would: every request is the first after a publication) and ``cold``
    (every portal cache off: the full render from the database, e.g. the new record's own page)."""
    from django.db import connection

    from gongkai.catalog import versions
    from gongkai.catalog.models import Record

    agency_id = int(Record.objects.filter(generated=True).order_by("agency_id").values_list("agency_id",
                                                                                             flat=True).first() or 0)
    record_ids = list(Record.objects.filter(agency_id=agency_id).order_by("pk").values_list("pk", flat=True)[1:101])
    more = list(Record.objects.filter(generated=True).order_by("?").values_list("pk", "agency_id")[:400])
    record_ids += [pk for pk, _a in more]
    # The record each page's simulated publication touches: its agency's first record (never measured).
    agencies = dict(Record.objects.filter(pk__in=record_ids).values_list("pk", "agency_id"))
    touched: dict[int, int] = {}
    for a in set(agencies.values()):
        first = Record.objects.filter(agency_id=a).order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            touched[a] = first
    touch = {f"/record/{pk}/": touched[a] for pk, a in agencies.items() if touched.get(a, pk) != pk}
    record_ids = [pk for pk in record_ids if f"/record/{pk}/" in touch]
    paths = {"floor": ["/bench-floor/"], "record": [f"/record/{pk}/" for pk in record_ids],
             "category_list": [f"/gk/{agency_id}/content/?page={p}" for p in range(1, 6)]}
    for p in [*paths["category_list"], *paths["floor"]]:
        touch[p] = touched.get(agency_id, record_ids[0])
    agency_of = dict(Record.objects.filter(pk__in=set(touch.values())).values_list("pk", "agency_id"))

    def publish(path: str) -> None:
        """What ``versions.bump_for_records([touched])`` does to the caches (the platform, the agency's list
        and the touched record's versions advance), in one UPDATE so the client's own cost stays small; the
        floor gets the same call, so both sides of the ratio carry it."""
        record = touch[path]
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":  # the client's own commits need not wait for the disk
                cur.execute("SET synchronous_commit = off")
            cur.execute("UPDATE catalog_publicversion SET version = version + 1 WHERE scope IN (%s, %s, %s)",
                        [versions.PLATFORM, agency_of[record], versions.record_scope(record)])

    pages: dict[str, dict[str, float]] = {}
    for state in ("cached", "published", "cold"):
        port = free_port()
        server = start_server(env, port, page_cache=state != "cold")
        try:
            res = {}
            for name, ps in paths.items():
                targets = [(port, p) for p in ps]
                hook = publish if state == "published" else None
                if state != "cold":  # every page rendered (in both worker processes) before the publications
                    warm(targets)
                load(targets, 1.0, 4, hook)
                res[name] = load(targets, 8.0, 4, hook)
            if state == "published":  # the same floor without the client's UPDATE: the conservative ratio
                res["floor_plain"] = load([(port, "/bench-floor/")], 8.0, 4)
            pages[state] = res
            print(state, res, load_avg(), flush=True)
        finally:
            stop_server(server)
    out["pages"] = pages
    out["two_servers_paths"] = paths["record"]


def measure_two_servers(env: dict[str, str], out: dict[str, Any]) -> None:
    """Cold record pages (every portal cache off: database and render work in every request) through one
    server, then two, 8 clients."""
    ports = [free_port(), free_port()]
    servers = [start_server(env, p, page_cache=False) for p in ports]
    try:
        paths = out["two_servers_paths"]
        one = [(ports[0], p) for p in paths]
        both = [(port, p) for port in ports for p in paths]
        load(both, 2.0, 8)
        out["one_server"] = load(one, 10.0, 8)
        out["two_servers"] = load(both, 10.0, 8)
    finally:
        for s in servers:
            stop_server(s)


def measure_submissions(env: dict[str, str], out: dict[str, Any], n: int = 200) -> None:
    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application

    agency_id = Agency.objects.filter(code__startswith="9").order_by("pk").values_list("pk", flat=True)[5]
    port = free_port()
    server = start_server(env, port)
    tag = f"scale-{int(time.time())}"

    def submit(i: int) -> tuple[int, str, float]:
        body = json.dumps({"agency_id": agency_id, "applicant_type": "natural_person",
                           "applicant_name": f"压测申请人{i}", "id_number": "110101199001011237",
                           "phone": f"1380000{i:04d}", "info_name": f"{tag}-{i} 某项政府信息"})
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.request("POST", "/api/applications/submit", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        code = json.loads(payload).get("tracking_code", "") if resp.status == 201 else payload.decode()[:200]
        return resp.status, code, time.perf_counter() - t0

    try:
        t0 = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(submit, range(n)))
        wall = time.perf_counter() - t0
    finally:
        stop_server(server)
    ok = [r for r in results if r[0] == 201]
    stored = list(Application.objects.filter(info_name__startswith=f"{tag}-").values_list("tracking_code", flat=True))
    lat = [r[2] * 1000 for r in results]
    out["submit"] = {"ok": len(ok), "failed": n - len(ok), "wall": wall, "p50": pct(lat, 0.5), "p95": pct(lat, 0.95),
                     "max": max(lat), "stored": len(stored),
                     "exactly_once": sorted(stored) == sorted(r[1] for r in ok) and len(stored) == n,
                     "errors": [r[1] for r in results if r[0] != 201][:3]}


def measure_recompute(out: dict[str, Any]) -> None:
    """A calendar change that moves due dates: a workday inside the open cases' clocks (the first of a list
    not already special, so repeated runs on one database still move dates) made a holiday, timed from the
    write through the recompute of every open case; then the same day removed again (dates move back); then
    a pass with nothing to change."""
    from gongkai.applications import services
    from gongkai.applications.models import Application
    from gongkai.core.actors import SYSTEM
    from gongkai.workdays.models import CalendarDay
    from gongkai.workdays.services import day_set

    open_qs = Application.objects.filter(closed_on__isnull=True)
    candidates = [dt.date(2026, 6, 16) + dt.timedelta(days=7 * i) for i in range(12)]  # Tuesdays
    special = set(CalendarDay.objects.filter(date__in=candidates).values_list("date", flat=True))
    day = next(d for d in candidates if d not in special)
    out["recompute_day"] = day.isoformat()
    for key, kind in (("recompute", "holiday"), ("recompute_back", None)):
        before = dict(open_qs.values_list("id", "due_on"))
        t0 = time.perf_counter()
        day_set(year=day.year, date=day, kind=kind, name="规模测试", actor=SYSTEM)
        out[f"{key}_s"] = time.perf_counter() - t0
        after = dict(open_qs.values_list("id", "due_on"))
        out[f"{key}_open"] = len(before)
        out[f"{key}_moved"] = sum(1 for k, v in after.items() if before.get(k) != v)
        print(key, day, out[f"{key}_s"], out[f"{key}_moved"], load_avg(), flush=True)
    t0 = time.perf_counter()
    services.recompute_open()
    out["recompute_noop_s"] = time.perf_counter() - t0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------- report


def report(engine: str, out: dict[str, Any], command: str) -> str:
    s, p = out["search"], out["pages"]
    t = out["search_totals"]
    sub = out["submit"]

    def row(name: str, label: str) -> str:
        cells = [f"{p[state][name]:.0f} ({p[state][name] / p[state]['floor']:.0%})"
                 for state in ("cached", "published", "cold")]
        pub = p["published"]
        cells[1] = f"{pub[name]:.0f} ({pub[name] / pub['floor_plain']:.0%} / {pub[name] / pub['floor']:.0%})"
        return f"| {label} | " + " | ".join(cells) + " |"

    servers = (f"| Cold record pages, 8 clients: one app server (2 workers) | {out['one_server']:.0f} req/s |\n"
               f"| … the same load spread over two app servers (2 workers each) | {out['two_servers']:.0f} req/s "
               f"({out['two_servers'] / out['one_server']:.2f}×) |\n") if "one_server" in out else ""
    gen = (f"{out['gen_s'] / 60:.1f} min (goal < 15 min on PostgreSQL); load average before / after "
           f"{out['gen_load'][0]} / {out['gen_load'][1]}" if "gen_s" in out else "(data from an earlier run)")
    return f"""Command: `{command}` ({dt.date.today()}; load average at start {out['load_start']}, at end
{out['load_end']} — the 2-core machine was shared with other helpers' test runs throughout).

Data: {out['counts']['agencies']:,} agencies, {out['counts']['records']:,} records ({out['counts']['entries']:,}
search entries), {out['counts']['applications']:,} applications with {out['counts']['clock_events']:,} clock events,
{out['counts']['appeals']:,} appeal cases; generated by `gongkai demo --scale --province` in {gen}.

| Search (`search(q, limit=20)`: count + first page), 60 queries each | p50 | p95 | goal p95 |
|---|---|---|---|
| one term (e.g. “{t['one'][0]}”: {t['one'][3]} 条) | {s['one']['p50']:.1f} ms | {s['one']['p95']:.1f} ms | ≤ 50 ms |
| two terms (e.g. “{t['two'][0]}”: {t['two'][3]} 条) | {s['two']['p50']:.1f} ms | {s['two']['p95']:.1f} ms | ≤ 50 ms |
| one term within one agency (e.g. {t['one_agency'][3]} 条) | {s['one_agency']['p50']:.1f} ms | \
{s['one_agency']['p95']:.1f} ms | ≤ 50 ms |
| broad term “{out['broad_term']}” ({out['broad_exact']:,} matches; shown as {t['broad'][3]} 条) | \
{s['broad']['p50']:.1f} ms | {s['broad']['p95']:.1f} ms | ≤ 50 ms |

Pages under gunicorn (2 workers × 4 threads, local-memory caches, DEBUG off), 4 client threads, 8 s each after
warm-up; req/s and (share of the floor measured in the same server; goal ≥ 50 %). cached = steady state; after
a publication = before every request the client does to the caches what a publication in the page's agency
does (the versions `versions.bump_for_records` advances for another record of the agency, in one UPDATE; the
floor is measured without and with the same call: shares are given against both), so every request is the
first after a publication; cold = every portal cache off
(the full render, as for the new record's own page). Records: 100 of one agency and 400 drawn from the whole
million.

| Page | cached | after a publication | cold |
|---|---|---|---|
| floor (`/bench-floor/`) | {p['cached']['floor']:.0f} | {p['published']['floor_plain']:.0f} / \
{p['published']['floor']:.0f} with the client's UPDATE | {p['cold']['floor']:.0f} |
{row('record', 'record page (`/record/<id>/`)')}
{row('category_list', 'category list (`/gk/<id>/content/`, pages 1–5)')}

| Measure | Result |
|---|---|
| 200 concurrent submissions (`POST /api/applications/submit`, one server) | {sub['ok']} × 201, {sub['failed']} \
failed, wall {sub['wall']:.1f} s; stored exactly once: {'yes' if sub['exactly_once'] else 'NO'} ({sub['stored']} rows) |
| Submission latency p50 / p95 / max | {sub['p50']:.0f} / {sub['p95']:.0f} / {sub['max']:.0f} ms |
| Calendar change ({out['recompute_day']} made a holiday) → recompute every open case | {out['recompute_open']:,} \
open cases, {out['recompute_s']:.1f} s (goal < 10 s), {out['recompute_moved']:,} due dates moved |
| … the same day removed again | {out['recompute_back_s']:.1f} s, {out['recompute_back_moved']:,} due dates moved |
| Recompute again with nothing to change | {out['recompute_noop_s']:.1f} s |
{servers}"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default="", help="DATABASE_URL of the PostgreSQL database (created if --generate)")
    parser.add_argument("--data-dir", default="/tmp/gk-scale-data", help="GONGKAI_DATA_DIR (the SQLite file)")
    parser.add_argument("--generate", action="store_true", help="generate the province first (timed)")
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to skip: search,pages,servers,submit,recompute")
    parser.add_argument("--no-migrate", action="store_true", help="measure the database as it is (no migrate)")
    parser.add_argument("--write", action="store_true", help="write the section in docs/benchmarks.md")
    args = parser.parse_args()
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    env = base_env(args)
    out: dict[str, Any] = {"load_start": load_avg()}
    if args.generate:
        if args.pg:
            import psycopg

            base, name = args.pg.rsplit("/", 1)
            with psycopg.connect(base.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                c.execute(f'CREATE DATABASE "{name}"')
        else:
            (Path(args.data_dir) / "gongkai.sqlite3").unlink(missing_ok=True)
        subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
        before = load_avg()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gongkai.cli", "demo", "--scale", "--province"], env=env, cwd=ROOT,
                       check=True)
        out["gen_s"], out["gen_load"] = time.perf_counter() - t0, (before, load_avg())
    elif not args.no_migrate:  # data from an earlier run: bring its schema to this release first
        subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.appeals.models import AppealCase
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.catalog.models import Record
    from gongkai.search.models import SearchEntry

    out["counts"] = {"agencies": Agency.objects.count(), "records": Record.objects.count(),
                     "entries": SearchEntry.objects.count(), "applications": Application.objects.count(),
                     "clock_events": ClockEvent.objects.count(), "appeals": AppealCase.objects.count()}
    print(out["counts"], flush=True)
    skip = set(args.skip.split(","))
    if "search" not in skip:
        measure_search(out)
        print("search", out["search"], out["search_totals"], flush=True)
    connection.close()
    if "pages" not in skip:
        measure_pages(env, out)
        print("pages", out["pages"], flush=True)
    if "servers" not in skip:
        measure_two_servers(env, out)
        print("servers", out["one_server"], out["two_servers"], flush=True)
    if "submit" not in skip:
        measure_submissions(env, out)
        print("submit", out["submit"], flush=True)
    if "recompute" not in skip:
        measure_recompute(out)
        print("recompute", out["recompute_s"], out["recompute_moved"], flush=True)
    out["load_end"] = load_avg()
    engine = "PostgreSQL" if args.pg else "SQLite"
    cmd = ".venv/bin/python bench/scale_bench.py " + ("--generate " if args.generate else "") + (
        f"--pg {args.pg}" if args.pg else f"--data-dir {args.data_dir}")
    Path(f"/tmp/gk-scale-{engine}.json").write_text(json.dumps(out, default=str, ensure_ascii=False, indent=1))
    if not skip - {"", "servers"}:
        body = report(engine, out, cmd)
        print(body)
        if args.write:
            write_section(f"Province scale ({engine})", body)


if __name__ == "__main__":
    main()
