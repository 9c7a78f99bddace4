"""Foundation benchmark: province-scale agency generation and workday arithmetic throughput.

Run: `.venv/bin/python bench/foundation_bench.py` (uses a fresh SQLite file in a temp dir). Writes the
"## Foundation" section of docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="gk-bench-")
    os.environ["GONGKAI_DATA_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from gongkai.agencies.demo import scale_agencies
    from gongkai.agencies.models import Agency
    from gongkai.workdays.services import get_calendar

    t0 = time.perf_counter()
    made = scale_agencies(cities=12, counties=8, departments=25, townships=12)
    gen_s = time.perf_counter() - t0

    from django.contrib.auth import get_user_model

    from gongkai.agencies.access import readable_agencies
    from gongkai.agencies.models import Membership, Role

    province = Agency.objects.get(pk=made[0].pk)
    viewer = get_user_model().objects.create(username="bench_viewer")
    Membership.objects.create(user=viewer, agency=province, role=Role.SUPERIOR_VIEWER)
    t0 = time.perf_counter()
    for _ in range(20):
        n_visible = readable_agencies(get_user_model().objects.get(pk=viewer.pk)).count()
    subtree_ms = (time.perf_counter() - t0) / 20 * 1000

    cal = get_calendar()
    start = dt.date(2004, 1, 1)
    t0 = time.perf_counter()
    n = 0
    day = start
    while day < dt.date(2026, 11, 1):
        cal.add_workdays(day, 20)
        day += dt.timedelta(days=1)
        n += 1
    per_call_us = (time.perf_counter() - t0) / n * 1e6
    t0 = time.perf_counter()
    for _ in range(50):
        get_calendar()
    get_cal_ms = (time.perf_counter() - t0) / 50 * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    body = f"""Command: `.venv/bin/python bench/foundation_bench.py` (SQLite in a temp dir; {dt.date.today()}).

| Measure | Result |
|---|---|
| Synthetic province (`gongkai demo --scale` defaults: 12 cities × 8 counties × (25 departments \
+ 12 townships)) | {len(made):,} agencies + {len(made):,} users in {gen_s:.1f} s |
| Superior viewer's readable agencies (subtree prefix query, count) \
| {n_visible:,} agencies, {subtree_ms:.1f} ms per query |
| `add_workdays(d, 20)` over every day 2004-01-01 … 2026-10-31 | {n:,} calls, {per_call_us:.1f} µs per call |
| `get_calendar()` when unchanged (stamp query + cached calendar) | {get_cal_ms:.2f} ms per call |
| Peak RSS of the benchmark process | {rss_mb:.0f} MB |
"""
    write_section("Foundation", body)
    print(body)


if __name__ == "__main__":
    main()
