"""Annual-report objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

from tests.access import MARKER

PUBLIC_PATHS: list[str] = ["/api/reports/published/"]  # published reports are public by design


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.reports import services

    report = services.report_create(agency=agency, year=2025, actor=user)
    services.report_update(report=report, actor=user, title=f"{MARKER}年度报告",
                           narrative={"overview": MARKER, "problems": MARKER, "other": MARKER})
    return {"report_id": report.pk, "agency_id": agency.pk, "report_action": "submit", "export_kind": "json"}
