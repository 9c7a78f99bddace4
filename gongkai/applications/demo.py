"""Demo data for applications: realistic cases of the demo county in 2025 and 2026 across outcomes and
applicant types (some carried over, some open), and bulk synthetic cases for ``gongkai demo --scale``.

``load(county)`` goes through the services (so ledgers, letters and events are real) and is
idempotent: it does nothing when the county's demo cases exist. ``scale`` writes by the bulk path
(``core.bulkcopy``: COPY on PostgreSQL, executemany on SQLite) with one summary event per batch.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.applications import services
from gongkai.applications.deadlines import Kind
from gongkai.applications.models import ApplicantType, Application, ClockEvent, Outcome, new_tracking_code
from gongkai.applications.workflow import Status
from gongkai.core import bulkcopy, clock
from gongkai.core.actors import SYSTEM
from gongkai.workdays.counting import CalendarYearMissing
from gongkai.workdays.services import get_calendar

if TYPE_CHECKING:
    from gongkai.agencies.demo import DemoCounty

DEMO_NOTE = "（示例数据）"
D = dt.date

# (agency index: 0 county government, 1.. departments; received; type; name; information; outcome; closed)
CASES: list[tuple[int, dt.date, str, str, str, str, dt.date | None]] = [
    (1, D(2025, 3, 4), "natural_person", "刘洋", "2024年教师招聘考试成绩及录用名单", "granted", D(2025, 3, 20)),
    (1, D(2025, 5, 12), "natural_person", "陈静", "某学校食堂承包合同", "partial", D(2025, 6, 5)),
    (2, D(2025, 6, 3), "commercial", "示例建设有限公司", "社保稽核处理决定书", "denied.third_party", D(2025, 6, 30)),
    (3, D(2025, 7, 8), "natural_person", "黄磊", "某地块征收补偿安置方案", "granted", D(2025, 7, 29)),
    (3, D(2025, 8, 19), "legal_service", "示例律师事务所", "某村土地征收报批材料", "denied.process_info",
     D(2025, 9, 12)),
    (0, D(2025, 9, 2), "natural_person", "周芳", "县政府常务会议纪要", "denied.internal_affairs", D(2025, 9, 25)),
    (4, D(2025, 10, 14), "research", "示例大学公共管理学院", "2024年食品抽检结果汇总", "granted", D(2025, 11, 4)),
    (5, D(2025, 11, 3), "natural_person", "吴刚", "2024年部门决算", "unable.not_held", D(2025, 11, 20)),
    (0, D(2025, 11, 17), "natural_person", "郑丽", "信访事项处理情况", "not_processed.petition_complaint",
     D(2025, 11, 28)),
    (3, D(2025, 12, 15), "public_interest", "示例环保公益中心", "某项目环境影响评价批复", "granted", D(2026, 1, 9)),
    (1, D(2025, 12, 22), "natural_person", "孙悦", "学区划分依据", "partial", D(2026, 1, 21)),
    (2, D(2026, 1, 12), "natural_person", "冯涛", "养老保险待遇核定表", "denied.admin_query", D(2026, 2, 2)),
    (0, D(2026, 2, 9), "natural_person", "何琳", "2025年政府工作报告", "not_processed.publication", D(2026, 2, 27)),
    (4, D(2026, 3, 2), "commercial", "示例食品有限公司", "行政处罚案卷", "denied.enforcement_file", D(2026, 3, 27)),
    (3, D(2026, 4, 7), "natural_person", "王静", "不动产登记簿", "denied.admin_query", D(2026, 4, 28)),
    (5, D(2026, 5, 11), "other_org", "示例村股份经济合作社", "村级转移支付资金拨付明细", "granted", D(2026, 6, 3)),
    (1, D(2026, 6, 1), "natural_person", "刘洋", "2024年教师招聘考试成绩及录用名单", "not_processed.duplicate",
     D(2026, 6, 10)),
    (0, D(2026, 7, 6), "natural_person", "张敏", "某事项的统计分析报告", "unable.needs_creation", D(2026, 7, 24)),
    (3, D(2026, 8, 3), "legal_service", "示例律师事务所", "某地块规划条件", "granted", D(2026, 8, 25)),
    (2, D(2026, 9, 7), "natural_person", "李强", "工伤认定结论", "other.other", D(2026, 9, 18)),
    (4, D(2026, 10, 12), "natural_person", "赵磊", "投诉举报处理结果", "not_processed.confirm_reissue",
     D(2026, 10, 30)),
    (1, D(2026, 11, 2), "natural_person", "陈晨", "2026年秋季学期招生计划", "", None),
    (3, D(2026, 11, 9), "commercial", "示例置业有限公司", "土地出让合同", "", None),
    (0, D(2026, 11, 16), "natural_person", "周洋", "县政府重大行政决策目录", "", None),
]


def _agencies(county: DemoCounty) -> list[Agency]:
    return [county.county, *county.departments]


@transaction.atomic
def load(county: DemoCounty) -> None:
    agencies = _agencies(county)
    if Application.objects.filter(agency__in=agencies, info_description__endswith=DEMO_NOTE).exists():
        return
    made: list[Application] = []
    for i, (idx, received, atype, name, info, outcome, closed) in enumerate(CASES):
        agency = agencies[idx % len(agencies)]
        channel = ["online", "in_person", "tracked_post", "email"][i % 4]
        person = sum(ord(c) for c in name) % 10000
        data = {"applicant_type": atype, "applicant_name": name, "id_number": f"33010119900101{person:04d}",
                "phone": f"1380000{person:04d}", "info_name": info, "info_description": f"请提供{info}{DEMO_NOTE}"}
        app = services.application_submit(agency=agency, channel=channel, received_on=received, data=data,
                                          submitted_at=dt.datetime(received.year, received.month, received.day, 9,
                                                                   tzinfo=dt.UTC), actor=SYSTEM)
        made.append(app)
        if i == 1:
            services.consultation_open(application=app, on=received + dt.timedelta(days=2), party="third_party",
                                       party_name="示例餐饮管理有限公司", actor=SYSTEM, issue_letter=False)
            services.consultation_close(application=app, ref="c1", on=received + dt.timedelta(days=9), actor=SYSTEM)
        if i == 6:
            services.extension_approve(application=app, on=received + dt.timedelta(days=14), days=10,
                                       reason="涉及数据量大", actor=SYSTEM, issue_letter=False)
        if i == 13:
            notice = services.fee_notice_send(application=app, method="pages", count=120, sent_on=D(2026, 3, 4),
                                              received_on=D(2026, 3, 5), actor=SYSTEM, issue_letter=False)
            services.fee_pay(notice=notice, on=D(2026, 3, 10), actor=SYSTEM)
        if outcome and closed:
            services.application_answer(application=app, outcome=outcome, on=closed, actor=SYSTEM,
                                        letter=(i in (1, 12)), answer_text="依法作出答复。")
    # an appeal or two, handled by the appeals demo


def scale(agencies: list[Agency], opts: dict[str, Any]) -> None:
    """``opts["applications"]`` synthetic cases per agency in ``opts["year"]`` (80% closed), with their clock
    events (收到申请 for all, 批准延期答复 for one in twenty, 作出答复 for the closed ones), written by the bulk
    path (``core.bulkcopy``: COPY on PostgreSQL) in batches of about ``BATCH`` cases, one summary event per
    batch. ``opts["progress"]``, if given, is called with the number of cases written after each batch."""
    per = int(opts.get("applications") or 0)
    if per <= 0:
        return
    year = int(opts.get("year") or 2026)
    progress = opts.get("progress")
    rng = random.Random(year)
    cal = get_calendar()
    outcomes = list(Outcome.values)
    weights = [40, 12] + [1] * (len(outcomes) - 2)
    types = list(ApplicantType.values)
    type_weights = [70, 12, 2, 2, 8, 6][:len(types)] + [1] * max(0, len(types) - 6)
    now = clock.now()
    step = max(1, BATCH // per)
    for start in range(0, len(agencies), step):
        group = agencies[start:start + step]
        with transaction.atomic():
            ids = bulkcopy.reserve_ids(Application, len(group) * per)
            apps: list[dict[str, object]] = []
            events: list[dict[str, object]] = []
            for pk, agency in zip(ids, (a for a in group for _ in range(per)), strict=True):
                received = D(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
                extended = rng.random() < 0.05
                try:
                    due: dt.date | None = cal.add_workdays(received, 40 if extended else 20)
                except CalendarYearMissing:
                    due = None
                closed = rng.random() < 0.8 and due is not None
                closed_on = received + dt.timedelta(days=rng.randrange(3, 28)) if closed else None
                apps.append({
                    "id": pk, "agency_id": agency.pk, "tracking_code": new_tracking_code(),
                    "applicant_type": rng.choices(types, type_weights)[0], "applicant_name": "示例申请人",
                    "info_name": "示例信息", "submitted_at": dt.datetime(received.year, received.month, received.day,
                                                                      9, tzinfo=dt.UTC),
                    "received_on": received, "channel": "online",
                    "status": Status.ANSWERED if closed else Status.PROCESSING, "due_on": due,
                    "outcome": rng.choices(outcomes, weights)[0] if closed else "", "closed_on": closed_on,
                })
                events.append({"application_id": pk, "kind": Kind.RECEIVED, "on": received, "days": 0})
                if extended:
                    events.append({"application_id": pk, "kind": Kind.EXTENSION_APPROVED,
                                   "on": received + dt.timedelta(days=14), "days": 20})
                if closed_on is not None:
                    events.append({"application_id": pk, "kind": Kind.ANSWERED, "on": closed_on, "days": 0})
            bulkcopy.insert(Application, apps, now=now)
            event_ids = bulkcopy.reserve_ids(ClockEvent, len(events))
            for event_id, row in zip(event_ids, events, strict=True):
                row["id"] = event_id
            bulkcopy.insert(ClockEvent, events, now=now)
            bulkcopy.record_batch(obj=Application(pk=ids[0]), rows=len(apps), first_id=ids[0], last_id=ids[-1],
                                  now=now, clock_events=len(events), year=year)
        if progress is not None:
            progress(len(apps))


BATCH = 20_000
