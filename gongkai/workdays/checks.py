"""System check: warn when next year's holiday data is missing (it is announced each Oct–Dec, spec §8.1)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError


@register()
def next_year_calendar(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from gongkai.workdays.services import missing_next_year

    try:
        year = missing_next_year()
    except DatabaseError:  # tables not migrated yet
        return []
    if year is None:
        return []
    return [Warning(
        f"缺少{year}年节假日安排数据：落在{year}年的申请答复期限暂按周一至周五估算（暂估），其他期限无法计算。",
        hint=f"在“工作日历”页面粘贴《国务院办公厅关于{year}年部分节假日安排的通知》全文，"
             f"或运行 gongkai calendar import-notice FILE",
        id="workdays.W001",
    )]
