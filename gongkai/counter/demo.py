"""Demo data of the desk (issue 14): a county service centre that routes paper applications, a return and
a re-route, a guided answer, a 督办 note; user ``counter`` (the centre's clerk). Idempotent by the centre's
issuer code and a marker in the cases' description. Demo notices are not sent (the demo loads as SYSTEM
inside one transaction, so the after-commit planning sees the events only once, and applicants here have
no e-mail address).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from gongkai.agencies.demo import DEMO_PASSWORD, DemoCounty
from gongkai.agencies.models import Agency, Kind, Level, Membership, Role
from gongkai.applications import guided, routing
from gongkai.applications.models import Application
from gongkai.core.actors import SYSTEM
from gongkai.supervision.services import note_issue

DESK = ("11330101000000010L", "示例县政务服务中心")
MARK = "（窗口示例）"
D = dt.date


def _desk(county: DemoCounty) -> Agency:
    desk, _created = Agency.objects.get_or_create(code=DESK[0], defaults={
        "name": DESK[1], "level": Level.COUNTY, "kind": Kind.DEPARTMENT, "parent": county.county, "ordering": 50,
        "office_name": "政务服务中心综合窗口"})
    user, created = get_user_model().objects.get_or_create(username="counter",
                                                           defaults={"first_name": "政务服务中心窗口 林悦"})
    if created:
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, agency=desk, role=Role.CLERK)
    return desk


@transaction.atomic
def load(county: DemoCounty) -> None:
    desk = _desk(county)
    if Application.objects.filter(info_description__endswith=MARK).exists():
        return
    edu, hr = county.departments[0], county.departments[1]

    def intake(name: str, info: str, on: dt.date) -> Application:
        person = sum(ord(c) for c in name) % 10000
        return routing.intake_for_routing(desk=desk, data={
            "applicant_type": "natural_person", "applicant_name": name, "phone": f"1390000{person:04d}",
            "id_number": f"33010119850101{person:04d}", "info_name": info, "info_description": f"窗口收件{MARK}"},
            channel="in_person", received_on=on, actor=SYSTEM)

    # waiting at the desk
    intake("韩梅", "2026年城区学校划片范围", D(2026, 11, 23))
    # routed, not yet signed for
    waiting = intake("许峰", "2026年度公益性岗位招聘计划", D(2026, 11, 16))
    routing.application_route(application=waiting, to_agency=hr, on=D(2026, 11, 17), actor=SYSTEM)
    # routed to the wrong agency, returned, routed again, signed and answered through the guided screen
    done = intake("高岚", "2026年义务教育阶段学生资助名单公示", D(2026, 3, 2))
    done = routing.application_route(application=done, to_agency=hr, on=D(2026, 3, 3), actor=SYSTEM)
    done = routing.application_return(application=done, on=D(2026, 3, 4), reason="学生资助由教育局负责", actor=SYSTEM)
    done = routing.application_route(application=done, to_agency=edu, on=D(2026, 3, 4), actor=SYSTEM)
    done = routing.application_sign(application=done, on=D(2026, 3, 5), actor=SYSTEM)
    guided.application_answer_guided(application=done, choices=["clear", "yes", "ours", "held", "all", "published"],
                                     on=D(2026, 3, 20), actor=SYSTEM,
                                     answer_text="该名单已于2026年3月10日在本局网站“政府信息公开”栏目公示。")
    # a signed case the county office supervises
    late = intake("罗敏", "2026年教师职称评审结果", D(2026, 10, 12))
    late = routing.application_route(application=late, to_agency=edu, on=D(2026, 10, 12), actor=SYSTEM)
    late = routing.application_sign(application=late, on=D(2026, 10, 13), actor=SYSTEM)
    note_issue(application=late, text="该申请已临近或超过答复期限，请于3个工作日内办结并报送办理情况。", actor=SYSTEM)
