"""Demo appeals: a few review and litigation cases of the demo county linked to its applications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongkai.agencies.demo import DemoCounty
from gongkai.agencies.models import Agency
from gongkai.appeals import services
from gongkai.appeals.models import AppealCase
from gongkai.applications.models import Application
from gongkai.core.actors import SYSTEM

D = dt.date


@transaction.atomic
def load(county: DemoCounty) -> None:
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
        services.appeal_create(agency=app.agency, actor=SYSTEM, data={
            "kind": kind, "application": app, "appellant": app.applicant_name, "body": body,
            "subject": f"不服《{app.info_name}》答复", "filed_on": filed, "decided_on": decided, "outcome": result,
            "note": "（示例数据）"})


def scale(agencies: list[Agency], opts: dict[str, Any]) -> None:
    """About one appeal per 20 synthetic applications (``opts["applications"]`` per agency), bulk-created,
    so Table 4 is exercised at scale; kinds and outcomes drawn with a fixed seed."""
    import random

    from gongkai.appeals.models import AppealKind, AppealOutcome

    per = int(opts.get("applications") or 0) // 20
    if per <= 0:
        return
    year = int(opts.get("year") or 2026)
    rng = random.Random(year * 7)
    kinds = list(AppealKind.values)
    outcomes = list(AppealOutcome.values)
    rows: list[AppealCase] = []
    for agency in agencies:
        for _ in range(per):
            filed = D(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
            outcome = rng.choices(outcomes, [6, 2, 1, 3])[0]
            decided = None if outcome == AppealOutcome.PENDING else filed + dt.timedelta(days=rng.randrange(20, 60))
            rows.append(AppealCase(
                agency=agency, kind=rng.choices(kinds, [6, 3, 1])[0], appellant="示例申请人", subject="示例争议事项",
                filed_on=filed, outcome=outcome, note="（规模测试数据）",
                decided_on=decided,
            ))
    with transaction.atomic():
        AppealCase.objects.bulk_create(rows, batch_size=2000)
