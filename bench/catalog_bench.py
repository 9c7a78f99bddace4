"""Catalog benchmark: publication throughput through the services, bulk generation and indexing,
search latency (one- and two-term Chinese queries, p50/p95) on SQLite and optionally PostgreSQL,
and the throughput of the record page and the category list page under gunicorn, measured in the
same run against a minimal-template floor view.

Run: `.venv/bin/python bench/catalog_bench.py [--records N] [--pg postgres://…/dbname]`
(SQLite in a fresh temp dir; with --pg the search part is repeated on that PostgreSQL database,
which is dropped and recreated). Writes only the "## Catalog" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402
from gongkai.core.keys import generate_key, generate_secret_key  # noqa: E402

ONE_TERM = ["食品安全", "垃圾分类", "耕地保护", "防汛抗旱", "住房公积金", "营商环境", "养老保险", "森林防火"]
TWO_TERM = ["食品安全 抽检", "老旧小区 改造", "义务教育 招生", "河湖长制 工作", "医疗卫生 服务", "消防安全 整治"]


def _setup(database_url: str | None, data_dir: str) -> None:
    os.environ["GONGKAI_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.catalog_settings"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
        # DATABASE_URL without DEBUG is a production configuration: keys must be given (docs/deployment.md).
        os.environ.update(GONGKAI_SECRET_KEY=generate_secret_key(), GONGKAI_FIELD_KEYS=generate_key(),
                          GONGKAI_FINGERPRINT_KEY=generate_key())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def worker(records: int, agencies_n: int) -> dict[str, Any]:
    """Runs inside the configured Django process; returns measurements as JSON-safe data."""
    from django.db import connection

    from gongkai.agencies.demo import scale_agencies
    from gongkai.agencies.models import Agency, Role
    from gongkai.catalog import demo, services
    from gongkai.catalog.models import Record
    from gongkai.search.backends import search
    from tests.conftest import member

    out: dict[str, Any] = {"vendor": connection.vendor}
    made = scale_agencies(cities=1, counties=1, departments=max(1, agencies_n - 4), townships=1)
    agencies = [a for a in made if a.kind != "government"][:agencies_n] or made[:agencies_n]
    per_agency = max(1, records // len(agencies))

    t0 = time.perf_counter()
    demo.scale(agencies, {"records": per_agency, "year": 2026, "index": False})
    out["generate_s"] = time.perf_counter() - t0
    total = Record.objects.count()
    out["records"] = total
    from gongkai.catalog.demo import _index_rows
    from gongkai.catalog.models import InfoCategory

    cat_names = dict(InfoCategory.objects.values_list("pk", "name"))
    fields = ("id", "agency_id", "title", "summary", "doc_number", "keywords", "index_number", "category_id",
              "topic", "published_on")
    t0 = time.perf_counter()
    for start in range(0, total, 5000):
        _index_rows(list(Record.objects.order_by("pk").values(*fields)[start:start + 5000]), cat_names)
    out["index_s"] = time.perf_counter() - t0
    out["index_per_s"] = total / out["index_s"]

    # Publication through the workflow services (one transaction per step, index after commit).
    agency = Agency.objects.get(pk=agencies[0].pk)
    user = member(agency, Role.CLERK, Role.REVIEWER, Role.APPROVER, username="bench_pub")
    services.categories_ensure(agency=agency, actor=user)
    cat = services.category_named(agency, "工作动态", actor=user)
    drafts = []
    for i in range(200):
        r = services.record_create(agency=agency, actor=user, data={
            "title": f"基准测试发布的信息{i}食品安全抽检情况通报", "topic": "其他", "category": cat,
            "formed_on": dt.date(2026, 11, 2), "summary": "通报本季度食品安全监督抽检情况。" * 8})
        for action in ("submit", "review_pass", "approve"):
            r = services.record_act(record=r, action=action, actor=user, reason="同意公开")
        drafts.append(r)
    t0 = time.perf_counter()
    for r in drafts:
        services.record_act(record=r, action="publish", actor=user)
    out["publish_per_s"] = len(drafts) / (time.perf_counter() - t0)

    rng = random.Random(7)
    lat: dict[str, list[float]] = {"one": [], "two": [], "one_agency": []}
    search("预热")
    for _ in range(60):
        for key, pool in (("one", ONE_TERM), ("two", TWO_TERM)):
            q = rng.choice(pool)
            t0 = time.perf_counter()
            res = search(q, limit=20)
            lat[key].append((time.perf_counter() - t0) * 1000)
            assert res.total >= 0
        t0 = time.perf_counter()
        search(rng.choice(ONE_TERM), agency=rng.choice(agencies).pk, limit=20)
        lat["one_agency"].append((time.perf_counter() - t0) * 1000)
    out["search"] = {k: {"p50": _pct(v, 0.5), "p95": _pct(v, 0.95), "n": len(v)} for k, v in lat.items()}
    out["sample_hits"] = search("食品安全").total
    out["agency_id"] = agencies[1].pk if len(agencies) > 1 else agencies[0].pk
    out["record_ids"] = list(Record.objects.filter(agency_id=out["agency_id"]).values_list("pk", flat=True)[:500])
    return out


def _load(url_paths: list[str], port: int, seconds: float, threads: int) -> float:
    count = [0]
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def run(seed: int) -> None:
        rng = random.Random(seed)
        n = 0
        while time.perf_counter() < stop:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", rng.choice(url_paths))
            resp = conn.getresponse()
            resp.read()
            conn.close()
            if resp.status != 200:
                raise RuntimeError(f"HTTP {resp.status}")
            n += 1
        with lock:
            count[0] += n

    ts = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return count[0] / seconds


def _each(url_paths: list[str], port: int, passes: int, threads: int) -> None:
    def run(seed: int) -> None:
        order = list(url_paths) * (passes // threads)
        random.Random(seed).shuffle(order)
        for path in order:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()

    ts = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def pages(data_dir: str, agency_id: int, record_ids: list[int], port: int = 8765,
          page_cache: bool = True) -> dict[str, float]:
    env = {**os.environ, "GONGKAI_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "bench.catalog_settings",
           "PYTHONPATH": str(ROOT), "GONGKAI_BENCH_NO_PAGE_CACHE": "0" if page_cache else "1"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--chdir", str(ROOT), "-w", "2",
                               "-b", f"127.0.0.1:{port}", "--log-level", "warning", "gongkai.config.wsgi:application"],
                              env=env)
    try:
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/bench-floor/")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        targets = {
            "floor": ["/bench-floor/"],
            "record": [f"/record/{pk}/" for pk in record_ids],
            "category_list": [f"/gk/{agency_id}/content/?page={p}" for p in range(1, 6)],
        }
        for paths in targets.values():
            _load(paths, port, 1.0, 4)  # warm up
            if page_cache:  # steady state: every URL requested 8 times, so both workers have stored it
                _each(paths, port, passes=8, threads=4)
        return {name: _load(paths, port, 8.0, 4) for name, paths in targets.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    parser.add_argument("--agencies", type=int, default=20)
    parser.add_argument("--pg", default="")
    parser.add_argument("--worker", default="")  # internal: "<database url or ''>|<data dir>"
    args = parser.parse_args()
    if args.worker:
        url, data_dir = args.worker.split("|", 1)
        _setup(url or None, data_dir)
        print("RESULT " + json.dumps(worker(args.records, args.agencies)))
        return

    def run(url: str) -> tuple[dict[str, Any], str]:
        data_dir = tempfile.mkdtemp(prefix="gk-catalog-bench-")
        proc = subprocess.run([sys.executable, __file__, "--records", str(args.records), "--agencies",
                               str(args.agencies), "--worker", f"{url}|{data_dir}"],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            raise SystemExit(f"benchmark worker failed ({url or 'SQLite'})")
        line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
        return json.loads(line[7:]), data_dir

    sqlite, data_dir = run("")
    web = pages(data_dir, sqlite["agency_id"], sqlite["record_ids"])
    cold = pages(data_dir, sqlite["agency_id"], sqlite["record_ids"], page_cache=False)
    pg = None
    if args.pg:
        import psycopg

        base, name = args.pg.rsplit("/", 1)
        with psycopg.connect(base.replace("postgres://", "postgresql://", 1) + "/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
        pg, _ = run(args.pg)

    def srow(label: str, res: dict[str, Any]) -> str:
        s = res["search"]
        cells = [f"{s[k]['p50']:.1f} / {s[k]['p95']:.1f} ms" for k in ("one", "two", "one_agency")]
        return f"| {label} | " + " | ".join(cells) + " |"

    def mrow(label: str, key: str, fmt: str) -> str:
        cells = [format(r[key], fmt) for r in (sqlite, pg) if r is not None]
        return f"| {label} | " + " | ".join(cells) + " |"

    for res in (sqlite, pg):
        if res is not None:
            res["generate_per_s"] = res["records"] / res["generate_s"]
    cmd = f".venv/bin/python bench/catalog_bench.py --records {args.records} --agencies {args.agencies}"
    if args.pg:
        cmd += " --pg postgres://postgres@127.0.0.1:5432/gk_catalog_bench"
    engines = "SQLite file in a temp dir" + (" and a fresh PostgreSQL database" if pg else "")
    head = "| Measure | SQLite | PostgreSQL |\n|---|---|---|" if pg else "| Measure | SQLite |\n|---|---|"
    floor = web["floor"]
    lines = [
        f"Command: `{cmd}` ({dt.date.today()}; {engines}).",
        f"{sqlite['records']:,} published records across {args.agencies} agencies, generated by",
        "`gongkai.catalog.demo.scale` (realistic titles, 发文字号, ~300-character summaries), indexed with jieba.",
        "",
        head,
        mrow("Bulk generation (records/s; 索引号 from the counters)", "generate_per_s", ",.0f"),
        mrow("Bulk indexing (jieba + FTS5 / tsvector rows; docs/s)", "index_per_s", ",.0f"),
        mrow("Publication through the services, one writer (records/s; 索引号 + event + index after commit)",
             "publish_per_s", ",.1f"),
        "",
        "Search latency of `gongkai.search.backends.search(q, limit=20)` including its exact COUNT, p50 / p95",
        "over 60 queries each (PostgreSQL: count and the 200 newest matches in one GIN scan, ts_rank over",
        "those 200 only):",
        "",
        "| Engine | one term | two terms | one term, one agency |",
        "|---|---|---|---|",
        srow("SQLite FTS5", sqlite),
        *([srow("PostgreSQL GIN", pg)] if pg else []),
        "",
        "Pages under gunicorn (2 sync workers, SQLite, DEBUG off), 4 client threads on the same 2-core machine,",
        "8 s each after a 1 s warm-up, same run. Cached: the portal page cache (`gongkai.portal.cache`, keyed on",
        "the agency's public catalog version, one query a hit), steady state after each URL was requested 8",
        "times (so both worker processes hold it; the cache is per process without Redis). Uncached: the",
        "same server with the page cache off (`GONGKAI_BENCH_NO_PAGE_CACHE=1`), i.e. the first request after a",
        "change:",
        "",
        "| Page | cached req/s | share of floor | uncached req/s | share of floor |",
        "|---|---|---|---|---|",
        f"| floor (`/bench-floor/`, minimal template, no queries) | {floor:.0f} | 100 % | "
        f"{cold['floor']:.0f} | 100 % |",
        f"| record page (`/record/<id>/`, 500 records) | {web['record']:.0f} | {web['record'] / floor:.0%} | "
        f"{cold['record']:.0f} | {cold['record'] / cold['floor']:.0%} |",
        f"| category list (`/gk/<id>/content/`, pages 1–5) | {web['category_list']:.0f} | "
        f"{web['category_list'] / floor:.0%} | {cold['category_list']:.0f} | "
        f"{cold['category_list'] / cold['floor']:.0%} |",
        "",
        "Goals of issue 3, stated at 1,000,000 records: pages at least half of the floor, search p95 ≤ 50 ms.",
        f"This run used {sqlite['records']:,} records on a machine shared with other work; compare accordingly.",
    ]
    body = "\n".join(lines) + "\n"
    write_section("Catalog", body)
    print(body)


if __name__ == "__main__":
    main()
