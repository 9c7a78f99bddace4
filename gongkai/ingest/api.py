"""JSON API of ``gongkai.ingest`` (mounted at /api/ingest/): imported published reports, scoped by agency.

``GET published-reports`` lists the reports the user may read; ``GET published-reports/{id}`` returns one
with its parsed data and check results; ``POST parse`` parses an uploaded file without storing it.
All endpoints need a signed-in user; ``parse`` also an import role and an upload within the ingest cap
(``gongkai.ingest.guard``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.files import UploadedFile
from ninja.security import django_auth

from gongkai.core import uploads
from gongkai.core.params import ApiId, ApiYear
from gongkai.ingest.guard import NO_ROLE_MESSAGE, can_import, guard_parse_upload
from gongkai.ingest.ocr import WEB_OCR_SECONDS
from gongkai.ingest.pipeline import UnrecognisedFile, ingest_reading
from gongkai.ingest.readers import MAX_FILE_BYTES, UnreadableFile
from gongkai.reports import history as selectors

router = Router(tags=["ingest"], auth=django_auth)


class PublishedReportOut(Schema):
    id: int
    agency_id: int | None
    agency_name: str
    year: int | None
    era: str
    source_filename: str
    error_count: int
    warning_count: int
    applications_received: int | None
    proactive_total: int | None


@router.get("published-reports", response=list[PublishedReportOut])
def list_reports(request: HttpRequest, agency_id: ApiId | None = None, year: ApiYear | None = None) -> Any:
    qs = selectors.readable_reports(request.user)
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if year is not None:
        qs = qs.filter(year=year)
    return list(qs.order_by("agency_id", "-year")[:500])


@router.get("published-reports/{published_report_id}")
def get_report(request: HttpRequest, published_report_id: int) -> dict[str, Any]:
    r = selectors.published_report_or_404(request.user, published_report_id)
    return {"id": r.pk, "agency_id": r.agency_id, "agency_name": r.agency_name, "year": r.year, "era": r.era,
            "source_filename": r.source_filename, "sha256": r.sha256, "data": r.data, "checks": r.checks}


@router.post("parse", response={200: dict[str, Any], 403: dict[str, str], 413: dict[str, str],
                                 422: dict[str, str]})
@decorate_view(guard_parse_upload)
def parse_file(request: HttpRequest, file: UploadedFile | None = File(None)) -> Any:  # noqa: B008
    # The file is optional in the signature so that a refused (stopped) upload reaches this body and gets
    # its Chinese 413 instead of ninja's English "field required".
    if not can_import(request.user):
        return Status(403, {"error": NO_ROLE_MESSAGE})
    refused = uploads.refusal(request)
    if refused:
        return Status(413, {"error": refused})
    if file is None:
        return Status(422, {"error": "请选择要解析的年度报告文件（字段名 file）"})
    if file.size is not None and file.size > MAX_FILE_BYTES:
        return Status(413, {"error": f"文件超过上限 {MAX_FILE_BYTES // 1024 // 1024} MB"})
    try:
        reading = ingest_reading(file.name or "upload", file.read(), ocr_seconds=WEB_OCR_SECONDS)
    except (UnreadableFile, UnrecognisedFile) as exc:
        return Status(422, {"error": str(exc)})
    # ``evidence``: per cell (key table|row|col) its labels, span in the extracted text and alternatives.
    return Status(200, {"kind": reading.kind, "report": reading.data.to_json(),
                        "problems": [p.to_json() for p in reading.problems],
                        "evidence": {k: e.to_json() for k, e in reading.evidence.items()},
                        "ocr_pages": list(reading.ocr_pages)})
