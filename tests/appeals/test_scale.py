"""`gongkai demo --scale` creates appeal cases too, so Table 4 is exercised at scale."""

from __future__ import annotations

from django.core.management import call_command

from gongkai.appeals.models import AppealCase
from gongkai.appeals.selectors import table4_counts


def test_scale_creates_appeals_that_table4_counts(db):
    call_command("demo", "--scale", "--cities", "1", "--counties", "1", "--departments", "2", "--townships", "1",
                 "--applications", "40")
    n = AppealCase.objects.count()
    assert n == 6 * 2  # 6 agencies × (40 // 20)
    ids = list(AppealCase.objects.values_list("agency_id", flat=True).distinct())
    counts = table4_counts(ids, 2026)
    total = sum(v for k, v in counts.items() if k.endswith(".total"))
    assert total == n
