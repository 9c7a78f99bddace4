"""JSON API routes of ``gongkai.reports`` (mounted under /api/reports/): an agency's figures for a year
computed from the ledgers, one report (keyed by official labels) with its checks, and the published
reports. Staff routes are scoped like the staff pages (404 for an agency the caller cannot read)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from gongkai.agencies.access import readable_agency_or_404
from gongkai.core.params import ApiYear
from gongkai.formats import FORMATS
from gongkai.reports import access, figures, selectors
from gongkai.reports.assemble import report_data, run_checks
from gongkai.reports.checks import check_report
from gongkai.reports.data import ReportData
from gongkai.reports.models import AnnualReport
from gongkai.reports.render.exports import labelled_json
from gongkai.reports.services import default_era

router = Router(tags=["reports"])


def _staff(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, "请先登录")


@router.get("/agencies/{agency_id}/{year}/figures")
def agency_figures(request: HttpRequest, agency_id: int, year: ApiYear, era: str = "") -> dict[str, Any]:
    """The tables of ``year`` computed from the ledgers now, with the consistency checks."""
    _staff(request)
    if era and era not in FORMATS:
        raise HttpError(400, "未知的年报格式（可用：" + "、".join(FORMATS) + "）")
    agency = readable_agency_or_404(request.user, agency_id)
    try:
        data = figures.compute(agency.pk, year, era=era or default_era(year), agency_name=agency.name)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from exc
    out = labelled_json(data)
    out["checks"] = [p.to_json() for p in check_report(data) if p.rule != "S1"]
    return out


@router.get("/{report_id}")
def report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    _staff(request)
    report = get_object_or_404(AnnualReport.objects.select_related("agency"), pk=report_id)
    access.require_read_report(request.user, report.agency)
    data = report_data(report)
    out = labelled_json(data)
    out.update({"id": report.pk, "agency_id": report.agency_id, "year": report.year, "version": report.version,
                "status": report.status, "index_number": report.index_number,
                "checks": [p.to_json() for p in run_checks(report, data)]})
    return out


@router.get("/published/list", auth=None)
def published(request: HttpRequest, year: ApiYear | None = None) -> list[dict[str, Any]]:
    """Published reports (public): id, agency, year, version, title, 索引号, portal URL."""
    qs = selectors.public_reports()
    if year is not None:
        qs = qs.filter(year=year)
    return [{"id": r.pk, "agency": r.agency.name, "agency_id": r.agency_id, "year": r.year, "version": r.version,
             "title": r.title, "index_number": r.index_number, "url": f"/nianbao/{r.pk}/"} for r in qs[:1000]]


@router.get("/published/{report_id}", auth=None)
def published_one(request: HttpRequest, report_id: int) -> dict[str, Any]:
    r = get_object_or_404(selectors.public_reports(), pk=report_id)
    return labelled_json(ReportData.from_json(r.data or {}))
