"""Small builders for staff tests: an agency with one member per role, an application, a draft record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.agencies.models import Role
from gongkai.applications import services as app_services
from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from tests.conftest import AgencyFactory, member

# GB 11643 check digit is valid for this number (1-1-0-1-0-5-1980-01-01-002, check 4).
ID_NUMBER = "110105198001010024"


def office(**agency_fields: Any) -> dict[str, Any]:
    agency = AgencyFactory(**agency_fields)
    services.categories_ensure(agency=agency, actor=SYSTEM)
    people = {role: member(agency, role) for role in (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.OFFICE_HEAD)}
    for role, user in people.items():
        user.first_name = {"clerk": "经办人 张敏", "reviewer": "保密审查 李强", "approver": "分管负责人 王静",
                           "office_head": "公开办负责人 赵磊"}[role]
        user.save()
    return {"agency": agency, **people}


def application(agency: Any, received_on: dt.date) -> Any:
    return app_services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "王五", "id_number": ID_NUMBER,
        "phone": "13900005678", "info_name": "本县2025年农村公路养护资金使用情况"}, channel="in_person",
        submitted_at=dt.datetime.combine(received_on, dt.time(9), tzinfo=dt.UTC), received_on=received_on,
        actor=SYSTEM)


def draft(org: dict[str, Any], **over: Any) -> Any:
    data: dict[str, Any] = {
        "title": "关于公开征求《农村公路养护计划》意见的通知", "topic": "工业、交通\\公路",
        "category": services.category_named(org["agency"], "规划计划", actor=SYSTEM),
        "formed_on": dt.date(2026, 10, 12), "summary": "公开征求社会公众意见。",
        "body": "<h1>征求意见</h1><p>欢迎提出意见。</p><script>alert(1)</script><p onclick='x()'>联系电话见附件。</p>",
    }
    data.update(over)
    return services.record_create(agency=org["agency"], data=data, actor=org["clerk"])
