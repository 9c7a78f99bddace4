"""Fixtures for the public portal: an agency with its roles (the catalog's ``org``) and a small published
catalog — a 规范性文件 with its 解读, one replaced by a newer version (已修改), one repealed (已废止)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from tests.catalog.conftest import org  # noqa: F401  (re-exported fixture)
from tests.catalog.helpers import draft, publish


@pytest.fixture
def catalog(org: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    interp_cat = services.category_named(org["agency"], "政策解读", actor=SYSTEM)
    policy = publish(org, draft(org, title="关于印发示例县义务教育招生入学工作方案的通知", doc_number="示教〔2026〕3号",
                                kind="normative", issuing_organ="示例县教育局"))
    reading = publish(org, draft(org, title="《示例县义务教育招生入学工作方案》政策解读", doc_number="",
                                 category=interp_cat, interprets=policy, summary="从背景和主要内容两方面解读。"))
    old = publish(org, draft(org, title="示例县校外培训机构管理办法（2019年）", doc_number="示教〔2019〕9号",
                             kind="normative", written_on=dt.date(2019, 5, 6)))
    new = publish(org, draft(org, title="示例县校外培训机构管理办法", doc_number="示教〔2026〕8号", kind="normative"))
    services.record_repeal(record=old, validity="expired", on=dt.date(2026, 3, 1), replaced_by=new,
                           actor=org["approver"])
    gone = publish(org, draft(org, title="示例县中小学收费管理暂行规定", doc_number="示教〔2015〕2号",
                              kind="regulation", issuing_organ="示例县人民政府"))
    services.record_repeal(record=gone, validity="repealed", on=dt.date(2026, 2, 1), actor=org["approver"])
    return {"policy": policy, "reading": reading, "old": old, "new": new, "gone": gone, **org}
