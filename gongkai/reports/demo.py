"""Demo data for annual reports: a draft 2025 report for the demo county government, left with empty
narrative sections so the suggested drafts show (idempotent: an existing report is kept)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from gongkai.reports import services
from gongkai.reports.models import AnnualReport


def load(county: Any) -> None:
    gov = county.county
    if AnnualReport.objects.filter(agency=gov, year=2025).exists():
        return
    clerk = get_user_model().objects.get(username="clerk")
    services.report_create(agency=gov, year=2025, actor=clerk)
