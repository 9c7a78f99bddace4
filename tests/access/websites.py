"""Website annual report objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

PUBLIC_PATHS: list[str] = ["/wangzhan/"]


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.websites import services

    report = services.website_report_create(agency=agency, year=2025, actor=user)
    return {"website_report_id": report.pk}
