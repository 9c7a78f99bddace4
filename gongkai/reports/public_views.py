"""Public pages of published annual reports (/nianbao/): the list under 政府信息公开年报 and one
report drawn as the official form with charts, plus its DOCX/PDF/XLSX/JSON. Only published versions
(and the versions they superseded, marked as such) are public; anything else answers 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.core.params import query_id, query_year
from gongkai.reports import selectors
from gongkai.reports.data import ReportData
from gongkai.reports.models import AnnualReport
from gongkai.reports.render import exports
from gongkai.reports.render.html import TABLE_CSS, report_fragment
from gongkai.reports.workflow import Status


def _public(report_id: int) -> AnnualReport:
    report = get_object_or_404(AnnualReport.objects.select_related("agency"), pk=report_id,
                               status__in=[Status.PUBLISHED, Status.SUPERSEDED])
    if not report.data:
        raise Http404("no data")
    return report


def charts_html(data: ReportData, previous: ReportData | None = None) -> str:
    from gongkai.reports.report_charts import report_charts

    return str(report_charts(data, previous))


def nianbao_list(request: HttpRequest) -> HttpResponse:
    """Published reports by year, filterable by agency and year (``?agency=<id>&year=<yyyy>``)."""
    all_reports = selectors.public_reports()
    agency_id, year = query_id(request, "agency"), query_year(request)
    reports = all_reports
    if agency_id is not None:
        reports = reports.filter(agency_id=agency_id)
    if year is not None:
        reports = reports.filter(year=year)
    years: dict[int, list[AnnualReport]] = {}
    for r in reports[:1000]:
        years.setdefault(r.year, []).append(r)
    agencies = sorted({(r.agency.path, r.agency_id, r.agency.name) for r in all_reports[:1000]})
    return render(request, "nianbao/list.html", {
        "years": sorted(years.items(), reverse=True), "agency_id": agency_id, "year": year,
        "agencies": [(pk, name) for _path, pk, name in agencies],
        "all_years": sorted({r.year for r in all_reports[:1000]}, reverse=True)})


def nianbao_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = _public(report_id)
    data = ReportData.from_json(report.data or {})
    from gongkai.reports.assemble import previous_data

    previous = previous_data(report.agency, report.year)
    charts = charts_html(data, previous)
    newer = None
    if report.status == Status.SUPERSEDED:
        newer = (AnnualReport.objects.filter(agency=report.agency, year=report.year, status=Status.PUBLISHED)
                 .order_by("-version").first())
    return render(request, "nianbao/detail.html", {
        "report": report, "body": report_fragment(data, charts=charts), "table_css": TABLE_CSS, "newer": newer,
    })


def nianbao_download(request: HttpRequest, report_id: int, export_kind: str) -> HttpResponse:
    report = _public(report_id)
    data = ReportData.from_json(report.data or {})
    return exports.response(data, export_kind, f"{report.agency.code}-{report.year}-v{report.version}")
