"""Demo appeals: a few review and litigation cases of the demo county linked to its applications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.appeals import services
from gongkai.appeals.models import AppealCase
from gongkai.applications.models import Application

D = dt.date


@transaction.atomic
def load(county: Any) -> None:
    agencies = [county.county, *county.departments]
    if AppealCase.objects.filter(agency__in=agencies, note__endswith="（示例数据）").exists():
        return
    specs = [
        ("denied.third_party", "review", D(2025, 7, 20), D(2025, 9, 15), "upheld", "示例县人民政府"),
        ("denied.process_info", "litigation_direct", D(2025, 10, 9), D(2026, 3, 2), "corrected", "示例县人民法院"),
        ("denied.internal_affairs", "review", D(2025, 10, 20), None, "pending", "示例县人民政府"),
        ("denied.enforcement_file", "review", D(2026, 4, 20), D(2026, 6, 12), "other", "示例县人民政府"),
        ("denied.enforcement_file", "litigation_after_review", D(2026, 6, 30), None, "pending", "示例市中级人民法院"),
    ]
    for outcome, kind, filed, decided, result, body in specs:
        app = Application.objects.filter(agency__in=agencies, outcome=outcome).order_by("received_on").first()
        if app is None:
            continue
        services.appeal_create(agency=app.agency, actor=None, data={
            "kind": kind, "application": app, "appellant": app.applicant_name, "body": body,
            "subject": f"不服《{app.info_name}》答复", "filed_on": filed, "decided_on": decided, "outcome": result,
            "note": "（示例数据）"})
