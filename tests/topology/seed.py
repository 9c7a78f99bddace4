"""Seed data for the topology test, run as ``python -m tests.topology.seed N`` in the topology's environment.

Loads the demo county's agencies and staff (``agencies.demo.load_county``: users clerk, approver, head …,
password ``DEMO_PASSWORD``), gives the county clerk and office head an e-mail address, opens one application
received long ago (so it is overdue and the due reminder has something to say), and prepares N catalog
records up to 已审批 through the services, each titled with a term no other record contains, so the test
can publish them over HTTP and search for them. Prints one JSON object with the ids for the test.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import django


def main(count: int) -> None:
    django.setup()
    from django.contrib.auth import get_user_model

    from gongkai.agencies.demo import load_county
    from gongkai.applications import services as app_services
    from gongkai.catalog import services
    from gongkai.catalog.workflow import Status
    from gongkai.core.actors import SYSTEM

    county = load_county().county
    users = get_user_model().objects
    for username in ("clerk", "head"):
        users.filter(username=username).update(email=f"{username}@topology.example.org")
    admin = users.get(username="admin")
    app_services.application_submit(agency=county, channel="in_person", received_on=dt.date(2026, 1, 5), data={
        "applicant_type": "natural_person", "applicant_name": "拓扑测试申请人", "phone": "13800000000",
        "info_name": "拓扑测试逾期申请"}, actor=SYSTEM)
    category = services.category_named(county, "工作动态", actor=admin)
    records = []
    for i in range(count):
        term = f"拓扑{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{i}号专项"
        record = services.record_create(agency=county, actor=admin, data={
            "title": f"关于{term}工作的通知", "topic": "综合政务\\政务公开", "category": category,
            "formed_on": dt.date(2026, 11, 2), "summary": f"{term}工作安排。", "body": f"<p>{term}工作安排。</p>"})
        for action in ("submit", "review_pass", "approve", "approve"):
            if record.status == Status.APPROVED:
                break
            record = services.record_act(record=record, action=action, actor=admin, reason="经审查同意公开")
        records.append({"id": record.pk, "title": record.title, "term": term, "status": record.status})
    print(json.dumps({"agency_id": county.pk, "records": records}, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
