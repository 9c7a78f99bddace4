"""`gongkai report AGENCY YEAR [--format 2021|2019|2008] --out FILE`: write an agency's annual report;
`gongkai report --all YEAR [--format …] --out FILE`: check every agency's tables of a year.

AGENCY is the issuer code, the id or the exact name. FILE ends in .json, .html, .docx, .pdf, .xlsx or .ofd;
JSON is keyed by the official labels. The agency's latest report version of that year is used (its
frozen figures once submitted) when its format matches; otherwise the tables are computed from the
ledgers now. Checks are printed; an error in them makes the exit status 1 (the file is still written).

With ``--all`` every agency's current figures (frozen once submitted, else computed now by the report
engine in one call for all agencies, ``rollup.current``) are checked and FILE (.json or .csv) lists each
agency with its errors and warnings; the exit status is 1 when any agency has an error.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.reports import figures, rollup
from gongkai.reports.assemble import default_title, previous_data, report_data
from gongkai.reports.checks import check_report
from gongkai.reports.models import AnnualReport
from gongkai.reports.render.exports import CONTENT_TYPES, write
from gongkai.reports.services import default_era
from gongkai.reports.workflow import Status

ERA_BY_OPTION = {"2021": "2021", "2019": "2019", "2008": "pre2019", "pre2019": "pre2019"}
SUMMARY_COLUMNS = ("机关代码", "机关名称", "错误", "提示", "问题")


class Command(BaseCommand):
    help = "Write an agency's annual report for a year (JSON, HTML, DOCX, PDF, XLSX), or check every agency's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="+", metavar="AGENCY YEAR", help="issuer code, id or exact name; year "
                            "(with --all: the year only)")
        parser.add_argument("--all", action="store_true", help="check every agency's tables of the year")
        parser.add_argument("--format", dest="era", choices=sorted(ERA_BY_OPTION), default=None)
        parser.add_argument("--out", required=True,
                            help="output file (.json .html .docx .pdf .xlsx .ofd; --all: .json .csv)")

    def handle(self, *args: str, **opts: Any) -> None:
        out = Path(opts["out"])
        if opts["all"]:
            if len(args) != 1 or not args[0].isdigit():
                raise CommandError("用法：gongkai report --all 年度 --out 文件.json|文件.csv")
            year = int(args[0])
            era = ERA_BY_OPTION[opts["era"]] if opts["era"] else default_era(year)
            if era not in figures.TABLES:
                raise CommandError(f"不能生成“{era}”格式的年报")
            self._all(year, era, out)
            return
        if len(args) != 2 or not args[1].isdigit():
            raise CommandError("用法：gongkai report 机关 年度 --out 文件")
        ident, year = args[0], int(args[1])
        q = Q(code=ident) | Q(name=ident)
        if ident.isdigit():
            q |= Q(pk=int(ident))
        matches = list(Agency.objects.filter(q)[:2])
        if len(matches) != 1:
            raise CommandError(f"找不到机关“{ident}”" if not matches else f"“{ident}”对应多个机关，请用发布机构代码")
        agency = matches[0]
        if out.suffix.lstrip(".").lower() not in CONTENT_TYPES:
            raise CommandError("输出文件须以 .json、.html、.docx、.pdf、.xlsx 或 .ofd 结尾")
        era = ERA_BY_OPTION[opts["era"]] if opts["era"] else default_era(year)
        report = (AnnualReport.objects.filter(agency=agency, year=year, era=era)
                  .exclude(status=Status.SUPERSEDED).order_by("-version").first())
        if report is not None:
            data = report_data(report)
        else:
            data = figures.compute(agency.pk, year, era=era, agency_name=agency.name,
                                   title=default_title(agency, year))
        write(data, out)
        problems = check_report(data, previous=previous_data(agency, year))
        for p in problems:
            self.stderr.write(f"[{p.rule}] {p.severity}: {p.message}")
        self.stdout.write(f"{out} written ({agency.name} {year}, {era})")
        if any(p.severity == "error" for p in problems):
            raise SystemExit(1)

    def _all(self, year: int, era: str, out: Path) -> None:
        kind = out.suffix.lstrip(".").lower()
        if kind not in ("json", "csv"):
            raise CommandError("--all 的输出文件须以 .json 或 .csv 结尾")
        agencies = list(Agency.objects.order_by("path"))
        found = rollup.current(agencies, year, era)
        rows: list[dict[str, Any]] = []
        for a in agencies:
            problems = found.problems(a.pk)
            rows.append({"code": a.code, "name": a.name,
                         "errors": sum(1 for p in problems if p.severity == "error"),
                         "warnings": sum(1 for p in problems if p.severity != "error"),
                         "problems": [p.to_json() for p in problems]})
        if kind == "json":
            out.write_text(json.dumps({"year": year, "era": era, "agencies": rows}, ensure_ascii=False, indent=1),
                           encoding="utf-8")
        else:
            with out.open("w", encoding="utf-8-sig", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(SUMMARY_COLUMNS)
                for r in rows:
                    w.writerow([r["code"], r["name"], r["errors"], r["warnings"],
                                "；".join(f"[{p['rule']}] {p['message']}" for p in r["problems"])])
        failing = sum(1 for r in rows if r["errors"])
        self.stdout.write(f"{out} written: {len(rows)} agencies, {failing} with errors ({year}, {era})")
        if failing:
            raise SystemExit(1)
