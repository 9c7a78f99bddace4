"""`gongkai demo` loads the demo county (idempotent); `--scale` generates a synthetic province."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from tqdm import tqdm

from gongkai.agencies.demo import DEMO_PASSWORD, load_county, scale_agencies
from gongkai.search.backends import bulk_loading, optimize_index
from gongkai.staff.plugins import app_modules


class Command(BaseCommand):
    help = "Load demo data (a small county with a user per role) or synthetic province-scale data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", action="store_true", help="generate a synthetic province")
        parser.add_argument("--cities", type=int, default=12)
        parser.add_argument("--counties", type=int, default=8)
        parser.add_argument("--departments", type=int, default=25)
        parser.add_argument("--townships", type=int, default=12)
        parser.add_argument("--records", type=int, default=0, help="catalog records per agency (scale)")
        parser.add_argument("--applications", type=int, default=0, help="applications per agency (scale)")
        parser.add_argument("--year", type=int, default=2026)
        parser.add_argument("--province", action="store_true",
                            help="with --scale: the goal's province — 10,000 agencies (9 cities × 10 counties × "
                                 "(1 + 70 departments + 40 townships) + 1), 100 records and 20 applications each")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["scale"]:
            if opts["province"]:
                opts.update(cities=9, counties=10, departments=70, townships=40, records=100, applications=20)
            self._scale(opts)
            return
        county = load_county()
        for module in app_modules("demo"):
            if module.__name__ != "gongkai.agencies.demo" and hasattr(module, "load"):
                module.load(county)
        self.stdout.write(
            f"demo county loaded: {county.county.name}. Staff login at /staff/login/ — users admin, clerk, "
            f"reviewer, approver, head, agencyadmin, city_viewer; password {DEMO_PASSWORD}"
        )

    def _scale(self, opts: dict[str, Any]) -> None:
        """The synthetic province by the bulk paths (docs/benchmarks.md "Province scale"), a progress bar per
        generator on stderr and the time of each phase at the end."""
        started = time.perf_counter()
        phases: list[tuple[str, float]] = []
        agencies = scale_agencies(cities=opts["cities"], counties=opts["counties"],
                                  departments=opts["departments"], townships=opts["townships"])
        phases.append((f"{len(agencies):,} agencies", time.perf_counter() - started))
        totals = {"gongkai.catalog.demo": ("records", opts["records"] * len(agencies)),
                  "gongkai.applications.demo": ("applications", opts["applications"] * len(agencies))}
        with bulk_loading():
            for module in app_modules("demo"):
                if module.__name__ == "gongkai.agencies.demo" or not hasattr(module, "scale"):
                    continue
                t0 = time.perf_counter()
                unit, total = totals.get(module.__name__, ("rows", 0))
                with tqdm(total=total or None, desc=module.__name__.split(".")[1], unit=f" {unit}",
                          file=sys.stderr, disable=opts["verbosity"] == 0, mininterval=1.0) as bar:
                    module.scale(agencies, {**opts, "progress": bar.update})
                phases.append((module.__name__.split(".")[1], time.perf_counter() - t0))
            t0 = time.perf_counter()
        optimize_index()
        # Fresh planner statistics after bulk inserts: without them PostgreSQL picks poor plans
        # for the report aggregates (measured: 1.0 s instead of 0.1–0.4 s for the records query). On
        # PostgreSQL VACUUM also sets the visibility map autovacuum would set later, so counts can skip
        # heap pages from the start.
        # VACUUM cannot run inside a transaction (a caller's atomic block, e.g. a test): ANALYZE alone then.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        phases.append(("search indexes built + (VACUUM) ANALYZE", time.perf_counter() - t0))
        for name, seconds in phases:
            self.stdout.write(f"  {name}: {seconds:.1f}s")
        self.stdout.write(f"scale data: {len(agencies)} agencies in {time.perf_counter() - started:.1f}s")
