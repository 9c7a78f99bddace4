"""Helpers for catalog tests: draft and publish a record through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.catalog import services
from gongkai.core.actors import SYSTEM

OPINION = "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意公开。"


def draft(org: dict[str, Any], **over: Any) -> Any:
    agency = org["agency"]
    data: dict[str, Any] = {
        "title": "关于印发示例县义务教育招生入学工作方案的通知",
        "doc_number": "示教[2026]3号",
        "topic": "科技、教育\\教育",
        "category": services.category_named(agency, "政策法规", actor=SYSTEM),
        "keywords": "招生 入学",
        "formed_on": dt.date(2026, 3, 2),
        "written_on": dt.date(2026, 3, 2),
        "summary": "明确2026年义务教育阶段招生入学的对象、时间和程序。",
        "body": "<p>各学校：</p><script>alert(1)</script><p>现将方案印发给你们。</p>",
    }
    data.update(over)
    return services.record_create(agency=agency, data=data, actor=org["clerk"])


def publish(org: dict[str, Any], record: Any, now: Any = None) -> Any:
    for action, who in (("submit", "clerk"), ("review_pass", "reviewer"), ("approve", "approver")):
        record = services.record_act(record=record, action=action, actor=org[who], now=now,
                                     reason=OPINION if action == "review_pass" else "")
    if record.status == "first_approved":
        record = services.record_act(record=record, action="approve", actor=org["approver2"], now=now)
    return services.record_act(record=record, action="publish", actor=org["approver"], now=now)
