"""`gongkai report AGENCY YEAR [--format 2021|2019|2008] --out FILE`: write an agency's annual report.

AGENCY is the issuer code, the id or the exact name. FILE ends in .json, .html, .docx, .pdf or .xlsx;
JSON is keyed by the official labels. The agency's latest report version of that year is used (its
frozen figures once submitted) when its format matches; otherwise the tables are computed from the
ledgers now. Checks are printed; an error in them makes the exit status 1 (the file is still written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.reports import figures
from gongkai.reports.assemble import default_title, previous_data, report_data
from gongkai.reports.checks import check_report
from gongkai.reports.models import AnnualReport
from gongkai.reports.render.exports import CONTENT_TYPES, write
from gongkai.reports.workflow import Status

ERA_BY_OPTION = {"2021": "2021", "2019": "2019", "2008": "pre2019", "pre2019": "pre2019"}


class Command(BaseCommand):
    help = "Write an agency's annual report for a year as JSON, HTML, DOCX, PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="issuer code, id or exact name")
        parser.add_argument("year", type=int)
        parser.add_argument("--format", dest="era", choices=sorted(ERA_BY_OPTION), default=None)
        parser.add_argument("--out", required=True, help="output file (.json .html .docx .pdf .xlsx)")

    def handle(self, *args: Any, **opts: Any) -> None:
        ident = str(opts["agency"])
        q = Q(code=ident) | Q(name=ident)
        if ident.isdigit():
            q |= Q(pk=int(ident))
        matches = list(Agency.objects.filter(q)[:2])
        if len(matches) != 1:
            raise CommandError(f"找不到机关“{ident}”" if not matches else f"“{ident}”对应多个机关，请用发布机构代码")
        agency = matches[0]
        year = int(opts["year"])
        out = Path(opts["out"])
        if out.suffix.lstrip(".").lower() not in CONTENT_TYPES:
            raise CommandError("输出文件须以 .json、.html、.docx、.pdf 或 .xlsx 结尾")
        from gongkai.reports.services import default_era

        era = ERA_BY_OPTION[opts["era"]] if opts["era"] else default_era(year)
        report = (AnnualReport.objects.filter(agency=agency, year=year, era=era)
                  .exclude(status=Status.SUPERSEDED).order_by("-version").first())
        if report is not None:
            data = report_data(report)
        else:
            data = figures.compute([agency.pk], year, era=era, agency_name=agency.name,
                                   title=default_title(agency, year))
        write(data, out)
        problems = check_report(data, previous=previous_data(agency, year))
        for p in problems:
            self.stderr.write(f"[{p.rule}] {p.severity}: {p.message}")
        self.stdout.write(f"{out} written ({agency.name} {year}, {era})")
        if any(p.severity == "error" for p in problems):
            raise SystemExit(1)
