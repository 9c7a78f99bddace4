"""Demo work-ledger figures for the demo county (2024 and 2025), modelled on the seed reports, and
bulk scale data. Idempotent: entries are keyed by agency, year, kind and title."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from gongkai.agencies.demo import DemoCounty
from gongkai.agencies.models import Agency
from gongkai.worklog.kinds import Kind
from gongkai.worklog.models import WorkEntry

# (kind, title, quantity, secondary, principal_leader, month)
COUNTY_2025: list[tuple[str, str, str, int | None, bool, int]] = [
    (Kind.INTERPRETATION, "政策解读稿件（全年）", "38", None, False, 12),
    (Kind.CONCERN_RESPONSE, "回应公众关注热点", "12", None, False, 12),
    (Kind.PRESS_CONFERENCE, "县政府新闻发布会", "6", None, False, 6),
    (Kind.PRESS_CONFERENCE, "县长出席新闻发布会", "2", None, True, 9),
    (Kind.ONLINE_INTERVIEW, "政府网站在线访谈", "4", None, False, 5),
    (Kind.ONLINE_INTERVIEW, "县长在线访谈", "1", None, True, 11),
    (Kind.HOTLINE, "12345政府热线转办", "75", 75, False, 12),
    (Kind.HOTLINE, "网络问政留言", "40", 38, False, 12),
    (Kind.WINDOW_CONSULTATION, "政务服务大厅政策咨询窗口", "1300", None, False, 12),
    (Kind.STAFF_FULLTIME, "政务公开办专职人员", "2", None, False, 12),
    (Kind.STAFF_PARTTIME, "各股室兼职信息员", "8", None, False, 12),
    (Kind.OFFICE, "县政务公开办公室", "1", None, False, 12),
    (Kind.READING_POINT, "县档案馆、图书馆、政务服务中心查阅点", "3", None, False, 12),
    (Kind.FUNDS, "政府信息公开专项经费", "12.5", None, False, 12),
    (Kind.MEETING, "政务公开工作推进会", "2", None, False, 4),
    (Kind.TRAINING, "政务公开业务培训", "3", 147, False, 10),
]


def _rows(agency: Agency, year: int, spec: list[tuple[str, str, str, int | None, bool, int]],
          factor: Decimal = Decimal(1)) -> None:
    for kind, title, qty, secondary, leader, month in spec:
        quantity = (Decimal(qty) * factor).quantize(Decimal("0.01") if kind == Kind.FUNDS else Decimal(1))
        sec = None if secondary is None else int(secondary * factor)
        if sec is not None and kind == Kind.HOTLINE:
            sec = min(int(quantity), sec)
        WorkEntry.objects.update_or_create(
            agency=agency, year=year, kind=kind, title=title,
            defaults={"quantity": quantity, "secondary": sec, "principal_leader": leader,
                      "occurred_on": dt.date(year, month, 15)},
        )


@transaction.atomic
def load(county: DemoCounty) -> None:
    _rows(county.county, 2025, COUNTY_2025)
    _rows(county.county, 2024, COUNTY_2025, Decimal("0.8"))
    for i, dept in enumerate(county.departments):
        small = [r for r in COUNTY_2025 if r[0] in (Kind.INTERPRETATION, Kind.HOTLINE, Kind.STAFF_PARTTIME,
                                                       Kind.TRAINING, Kind.CONCERN_RESPONSE)]
        _rows(dept, 2025, small, Decimal(1 + i) / Decimal(10))


def scale(agencies: list[Agency], opts: dict[str, Any]) -> None:
    year = int(opts.get("year") or 2026)
    have = set(WorkEntry.objects.filter(year=year, agency__in=agencies).values_list("agency_id", flat=True))
    batch = [
        WorkEntry(agency=a, year=year, kind=kind, title=str(label), quantity=Decimal(1 + (a.pk + n) % 9),
                  secondary=(1 + (a.pk + n) % 9) if kind == Kind.HOTLINE else None)
        for a in agencies if a.pk not in have
        for n, (kind, label) in enumerate([(Kind.INTERPRETATION, "政策解读"), (Kind.HOTLINE, "热线"),
                                           (Kind.STAFF_PARTTIME, "兼职人员")])
    ]
    WorkEntry.objects.bulk_create(batch, batch_size=2000)
