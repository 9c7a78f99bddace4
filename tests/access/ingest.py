"""Ingest objects for the cross-agency walker: one imported published report carrying the marker."""

from __future__ import annotations

from typing import Any

from gongkai.ingest.services import published_report_import
from tests.access import MARKER
from tests.ingest.conftest import SEED_2022

PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    report = published_report_import(agency=agency, path_or_bytes=SEED_2022.read_bytes(), actor=user,
                                     filename=f"{MARKER}.txt")
    return {"published_report_id": report.pk}
