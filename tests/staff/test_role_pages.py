"""Role-aware pages (issue 13 item 10): a page offers only the actions the user's role may take and says
who takes the others; any PermissionDenied a user can reach is the Chinese 403 page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.catalog import services
from tests.staff.helpers import application, draft, office

pytestmark = pytest.mark.django_db


def test_clerk_is_not_offered_the_extension_and_is_told_who_decides(client: Any) -> None:
    org = office()
    case = application(org["agency"], dt.date(2026, 3, 2))
    client.force_login(org["clerk"])
    page = client.get(f"/staff/applications/{case.pk}/").content.decode()
    assert 'data-action="approve_extension"' not in page
    assert "批准延期答复：由公开工作机构负责人办理" in page
    assert 'data-action="answer"' in page  # what the clerk may do is still there
    client.force_login(org["office_head"])
    page = client.get(f"/staff/applications/{case.pk}/").content.decode()
    assert 'data-action="approve_extension"' in page and "由公开工作机构负责人办理" not in page


def test_forbidden_action_answers_the_chinese_403_page(client: Any) -> None:
    org = office()
    case = application(org["agency"], dt.date(2026, 3, 2))
    client.force_login(org["clerk"])
    response = client.post(f"/staff/applications/{case.pk}/act/approve_extension/",
                           {"on": "2026-03-20", "days": "20", "reason": "需要调取档案"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "无权访问" in body and "Forbidden" not in body and "<html" in body.lower()


def test_record_page_names_the_next_role_and_offers_only_own_actions(client: Any) -> None:
    org = office()
    record = services.record_act(record=draft(org), action="submit", actor=org["clerk"])
    client.force_login(org["clerk"])
    page = client.get(f"/staff/catalog/{record.pk}/").content.decode()
    assert "下一步由保密审查员办理（保密审查通过或保密审查退回）。" in page
    assert f'action="/staff/catalog/{record.pk}/review/"' not in page
    client.force_login(org["reviewer"])
    page = client.get(f"/staff/catalog/{record.pk}/").content.decode()
    assert f'action="/staff/catalog/{record.pk}/review/"' in page and "下一步由" not in page
    client.force_login(org["approver"])
    page = client.get(f"/staff/catalog/{record.pk}/").content.decode()
    assert "下一步由保密审查员办理" in page and "审批同意" not in page


def test_clerk_posting_a_review_gets_the_chinese_403(client: Any) -> None:
    org = office()
    record = services.record_act(record=draft(org), action="submit", actor=org["clerk"])
    client.force_login(org["clerk"])
    response = client.post(f"/staff/catalog/{record.pk}/review/", {"decision": "pass", "opinion": "同意"})
    assert response.status_code == 403 and "无权访问" in response.content.decode()


def test_people_are_shown_by_name_not_login(client: Any) -> None:
    from gongkai.applications import services as app_services

    org = office()
    case = app_services.application_submit(agency=org["agency"], data={
        "applicant_type": "natural_person", "applicant_name": "王五", "id_number": "110105198001010024",
        "phone": "13900005678", "info_name": "养护资金使用情况"}, channel="in_person",
        received_on=dt.date(2026, 3, 2), actor=org["clerk"])
    record = services.record_act(record=draft(org), action="submit", actor=org["clerk"])
    client.force_login(org["office_head"])
    for url in (f"/staff/applications/{case.pk}/", f"/staff/catalog/{record.pk}/"):
        page = client.get(url).content.decode()
        assert "经办人 张敏" in page, url
        assert f">{org['clerk'].username}<" not in page and f" {org['clerk'].username} " not in page, url
