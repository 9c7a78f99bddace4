"""Catalog services: drafting, the review workflow with roles and events, 索引号, revisions, repeal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.catalog import services
from gongkai.catalog.models import IndexCounter, Record, RecordRevision
from gongkai.catalog.rules import INDEX_NUMBER_RE, normalise_doc_number
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.core.workflow import TransitionError
from tests.catalog.helpers import OPINION, draft, publish


@pytest.mark.parametrize("raw, want", [
    ("国办函[2020]109号", "国办函〔2020〕109号"),
    ("示教【2025】3号", "示教〔2025〕3号"),
    ("示教﹝2025﹞3号", "示教〔2025〕3号"),
    ("示教（2025）3号", "示教〔2025〕3号"),
    ("国办发〔2020〕26号", "国办发〔2020〕26号"),
    ("示教〔2025〕3号（试行）", "示教〔2025〕3号（试行）"),
    ("", ""),
])
def test_doc_number_brackets(raw: str, want: str) -> None:
    assert normalise_doc_number(raw) == want


@pytest.mark.parametrize("value, ok", [
    ("000014349/2024-00094", True), ("0142768-8/2022-00185", True), ("11441700007280420Y/2021-00050", True),
    ("11341702486344515H/202110-00013", True), ("00000001/2018-00042", True), ("620702072/2020-00021", True),
    ("0001/2020-00001", False), ("000014349/20-00094", False), ("000014349-2024-00094", False),
])
def test_index_number_regex(value: str, ok: bool) -> None:
    assert bool(INDEX_NUMBER_RE.match(value)) is ok


def test_draft_is_sanitised_and_normalised(org: dict[str, Any]) -> None:
    r = draft(org)
    assert r.doc_number == "示教〔2026〕3号"
    assert "<script>" not in r.body and "现将方案印发给你们" in r.body
    assert r.index_number is None
    assert r.due_on == dt.date(2026, 3, 30)  # 20 workdays after 2026-03-02 (no holidays in between)


def test_full_workflow_one_event_per_step_and_index_number(org: dict[str, Any]) -> None:
    r = draft(org)
    now = dt.datetime(2026, 3, 10, 2, 0, tzinfo=dt.UTC)
    r = publish(org, r, now=now)
    assert r.status == "published"
    assert r.index_number == "11441700007280420Y/2026-00001"
    assert INDEX_NUMBER_RE.match(r.index_number)
    assert r.published_on == dt.date(2026, 3, 10)
    actions = list(Event.objects.for_object(r).order_by("id").values_list("action", flat=True))
    assert actions == ["catalog.record.create", "catalog.record.submit", "catalog.record.review_pass",
                       "catalog.record.approve", "catalog.record.publish"]
    r2 = publish(org, draft(org, title="第二条"), now=now)
    assert r2.index_number == "11441700007280420Y/2026-00002"


def test_yyyymm_index_format(org: dict[str, Any]) -> None:
    agency = org["agency"]
    agency.index_date_format = "YYYYMM"
    agency.save()
    r = publish(org, draft(org), now=dt.datetime(2026, 10, 5, 2, tzinfo=dt.UTC))
    assert r.index_number == "11441700007280420Y/202610-00001"
    assert IndexCounter.objects.get(period="202610").last_serial == 1


def test_roles_are_enforced(org: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.record_create(agency=org["agency"], data={"title": "x"}, actor=org["reviewer"])
    r = draft(org)
    with pytest.raises(PermissionDenied):
        services.record_act(record=r, action="submit", actor=org["reviewer"])
    r = services.record_act(record=r, action="submit", actor=org["clerk"])
    with pytest.raises(PermissionDenied):
        services.record_act(record=r, action="review_pass", actor=org["clerk"])
    with pytest.raises(TransitionError):
        services.record_act(record=r, action="publish", actor=org["approver"])


def test_return_needs_reason_and_allows_resubmit(org: dict[str, Any]) -> None:
    r = services.record_act(record=draft(org), action="submit", actor=org["clerk"])
    with pytest.raises(ValidationError):
        services.record_act(record=r, action="review_return", actor=org["reviewer"])
    r = services.record_act(record=r, action="review_return", actor=org["reviewer"], reason="含有学生个人信息")
    assert r.status == "returned" and r.return_reason == "含有学生个人信息"
    r = services.record_update(record=r, data={"summary": "已删除个人信息"}, actor=org["clerk"])
    r = services.record_act(record=r, action="submit", actor=org["clerk"])
    assert r.status == "submitted" and r.return_reason == ""


def test_two_level_approval_needs_two_people(org: dict[str, Any]) -> None:
    agency = org["agency"]
    agency.approval_levels = 2
    agency.save()
    r = draft(org)
    r = services.record_act(record=r, action="submit", actor=org["clerk"])
    r = services.record_act(record=r, action="review_pass", actor=org["reviewer"], reason=OPINION)
    r = services.record_act(record=r, action="approve", actor=org["approver"])
    assert r.status == "first_approved"
    with pytest.raises(PermissionDenied):
        services.record_act(record=r, action="approve", actor=org["approver"])
    r = services.record_act(record=r, action="approve", actor=org["approver2"])
    assert r.status == "approved"


def test_published_record_is_not_silently_edited(org: dict[str, Any]) -> None:
    r = publish(org, draft(org))
    with pytest.raises(TransitionError):
        services.record_update(record=r, data={"title": "偷偷改"}, actor=org["clerk"])
    rev = services.record_revise(record=r, data={"title": "关于印发示例县义务教育招生入学工作方案（修订）的通知"},
                                 reason="标题漏字", actor=org["approver"])
    assert isinstance(rev, RecordRevision) and rev.number == 1 and rev.changed_fields == ["title"]
    r.refresh_from_db()
    assert r.revision_count == 1 and r.index_number.endswith("-00001")
    with pytest.raises(ValidationError):
        services.record_revise(record=r, data={"title": r.title}, reason="无变化", actor=org["approver"])


def test_repeal_and_withdraw(org: dict[str, Any]) -> None:
    old = publish(org, draft(org, kind="normative"))
    new = publish(org, draft(org, title="新方案", kind="normative"))
    services.record_repeal(record=old, validity="repealed", on=dt.date(2026, 5, 1), replaced_by=new,
                           actor=org["approver"], reason="被新方案替代")
    old.refresh_from_db()
    assert old.validity == "repealed" and old.replaced_by == new
    with pytest.raises(TransitionError):
        services.record_repeal(record=old, validity="expired", on=dt.date(2026, 6, 1), actor=org["approver"])
    services.record_act(record=new, action="withdraw", actor=org["approver"], reason="发布有误")
    assert Record.objects.get(pk=new.pk).status == "withdrawn"


def test_withheld_cannot_be_published_and_needs_ground(org: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        draft(org, disclosure="withheld")
    r = draft(org, disclosure="withheld", legal_ground="《条例》第十四条")
    r = services.record_act(record=r, action="submit", actor=org["clerk"])
    r = services.record_act(record=r, action="review_pass", actor=org["reviewer"], reason=OPINION)
    r = services.record_act(record=r, action="approve", actor=org["approver"])
    with pytest.raises(ValidationError):
        services.record_act(record=r, action="publish", actor=org["approver"])


def test_policy_interpretation_links(org: dict[str, Any]) -> None:
    policy = publish(org, draft(org))
    interp = draft(org, title="《招生入学工作方案》政策解读",
                   category=services.category_named(org["agency"], "政策解读", actor=SYSTEM), interprets=policy)
    assert list(policy.interpretations.all()) == [interp]


def test_generated_record_allocates_index_and_logs(org: dict[str, Any]) -> None:
    r = services.record_publish_generated(
        agency=org["agency"], title="测试县教育局2025年政府信息公开工作年度报告", category_name="政府信息公开年报",
        body_html="<p>一、总体情况</p>", formed_on=dt.date(2026, 1, 20), actor=org["approver"],
        attachments=[("report.pdf", b"%PDF-1.4 broken")], now=dt.datetime(2026, 1, 25, 2, tzinfo=dt.UTC))
    assert r.status == "published" and r.index_number == "11441700007280420Y/2026-00001"
    assert r.category.name == "政府信息公开年报" and r.generated
    assert r.attachments.get().extract_error  # unreadable PDF reported, upload kept
    assert Event.objects.for_object(r).get().action == "catalog.record.publish_generated"
