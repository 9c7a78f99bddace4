"""Services: intake, the clock actions and their rules, fees, answers with letters, Table 3 selectors."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
from typing import Any

import docx
import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.agencies.models import Role
from gongkai.applications import letters
from gongkai.applications import services as s
from gongkai.applications.models import ApplicantType, Application, FeeStatus, LetterKind, Outcome
from gongkai.applications.selectors import explain, fee_figures, similar_requests, table3_counts
from gongkai.applications.workflow import TABLE, Status
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.core.workflow import TransitionError
from tests.conftest import member

D = dt.date
pytestmark = pytest.mark.django_db


MARCH_2 = D(2026, 3, 2)


def submit(agency: Any, received: dt.date = MARCH_2, **over: Any) -> Application:
    data = {"applicant_type": ApplicantType.NATURAL_PERSON, "applicant_name": "张三",
            "id_number": "110101199003071234",
            "phone": "13800001234", "info_name": "2025年度部门预算", "info_doc_number": "",
            "info_description": "预算表"}
    data.update(over)
    return s.application_submit(agency=agency, data=data, channel="in_person",
                                submitted_at=dt.datetime(received.year, received.month, received.day, 9,
                                                         tzinfo=dt.UTC), received_on=received)


def test_submit_encrypts_identity_and_computes_due(agency: Any) -> None:
    app = submit(agency)
    assert "110101199003071234" not in app.id_number_enc
    assert app.id_number_masked == "110***********1234"
    assert app.due_on == D(2026, 3, 30)
    assert len(app.tracking_code) == 16
    assert Event.objects.filter(action="application.submitted", object_id=str(app.pk)).count() == 1
    user = member(agency)
    assert s.identity_reveal(application=app, actor=user) == "110101199003071234"
    assert Event.objects.filter(action="application.identity_viewed").count() == 1


def test_duplicate_flag_and_art44_hint(agency: Any) -> None:
    first = submit(agency, info_doc_number="示教〔2025〕3号")
    again = submit(agency, info_doc_number="示教〔2025〕3号")
    assert again.duplicate_of == first
    other = submit(agency, applicant_name="李四", id_number="110101199003075678", info_doc_number="示教〔2025〕3号")
    assert other.duplicate_of is None
    assert similar_requests(other) == 1


def test_full_clock_flow(agency: Any, django_capture_on_commit_callbacks: Any) -> None:
    user = member(agency)
    app = submit(agency)
    s.correction_request(application=app, on=D(2026, 3, 4), until=D(2026, 3, 20), note="请明确年度", actor=user)
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION and app.due_on is None
    with pytest.raises(ValidationError):
        s.correction_request(application=app, on=D(2026, 3, 4), until=D(2026, 3, 20), note="again", actor=user)
    s.correction_receive(application=app, on=D(2026, 3, 9), actor=user)
    app.refresh_from_db()
    from gongkai.workdays.services import get_calendar

    cal = get_calendar()
    assert app.due_on == cal.add_workdays(D(2026, 3, 9), 20)
    ev = s.consultation_open(application=app, on=D(2026, 3, 10), party="third_party", party_name="某公司",
                             actor=user)
    s.consultation_close(application=app, ref=ev.ref, on=D(2026, 3, 17), actor=user)
    app.refresh_from_db()
    paused_due = cal.add_workdays(cal.add_workdays(D(2026, 3, 9), 20), 5)
    assert app.due_on == paused_due
    clerk = member(agency, Role.CLERK)
    with pytest.raises(PermissionDenied):
        s.extension_approve(application=app, on=D(2026, 3, 20), days=10, reason="量大", actor=clerk)
    s.extension_approve(application=app, on=D(2026, 3, 20), days=10, reason="量大", actor=user)
    app.refresh_from_db()
    assert app.due_on == cal.add_workdays(paused_due, 10)
    with pytest.raises(ValidationError):
        s.extension_approve(application=app, on=D(2026, 3, 21), days=5, reason="再延", actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        s.application_answer(application=app, outcome=Outcome.PARTIAL, on=D(2026, 4, 20),
                             answer_text="涉及个人隐私部分不予公开", actor=user)
    app.refresh_from_db()
    assert app.status == Status.ANSWERED and app.outcome == "partial" and app.closed_on == D(2026, 4, 20)
    kinds = set(app.letters.values_list("kind", flat=True))
    assert kinds == {LetterKind.CORRECTION, LetterKind.CONSULTATION, LetterKind.EXTENSION, LetterKind.ANSWER}
    answer = app.letters.get(kind=LetterKind.ANSWER)
    text = "\n".join(p.text for p in docx.Document(answer.docx.path).paragraphs)
    # 2026: 部分公开 withholds a part, so review comes first (行政复议法 2023 Art. 23 ¶1 (4); ADR 0010)
    assert "60日内" in text and "应当先申请行政复议" in text and "6个月内" not in text and "第三十七条" in text
    with pdfplumber.open(io.BytesIO(answer.pdf.read())) as pdf:
        assert "政府信息公开申请答复书" in pdf.pages[0].extract_text()
    with pytest.raises(TransitionError):
        s.application_withdraw(application=app, on=D(2026, 4, 21), reason="", actor=user)


def test_each_action_records_one_event_under_its_table_name(agency: Any) -> None:
    user = member(agency)
    app = submit(agency)
    s.correction_request(application=app, on=D(2026, 3, 4), until=D(2026, 3, 20), note="请明确年度", actor=user)
    s.correction_receive(application=app, on=D(2026, 3, 9), actor=user)
    ev = s.consultation_open(application=app, on=D(2026, 3, 10), party="other_organ", party_name="某局", actor=user)
    s.consultation_close(application=app, ref=ev.ref, on=D(2026, 3, 11), actor=user)
    s.art35_deadline_set(application=app, on=D(2026, 3, 12), until=D(2026, 5, 29), reason="量大", actor=user)
    s.application_answer(application=app, outcome=Outcome.GRANTED, on=D(2026, 3, 20), actor=user)
    names = list(Event.objects.filter(object_id=str(app.pk), action__startswith="application.")
                 .order_by("id").values_list("action", flat=True))
    assert names == ["application.submitted", "application.request_correction", "application.receive_correction",
                     "application.open_consultation", "application.close_consultation",
                     "application.set_art35_deadline", "application.answer"]
    assert {n.removeprefix("application.") for n in names[1:]} <= TABLE.actions


def test_letter_files_are_built_after_commit_and_retried(agency: Any, django_capture_on_commit_callbacks: Any,
                                                        monkeypatch: Any) -> None:
    built: list[str] = []
    real_build = letters.build

    def build(title: str, text: str, **kw: Any) -> tuple[bytes, bytes]:
        built.append(title)
        return real_build(title, text, **kw)

    monkeypatch.setattr(letters, "build", build)
    app = submit(agency)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        s.application_answer(application=app, outcome=Outcome.GRANTED, on=D(2026, 3, 20), actor=SYSTEM)
        letter = app.letters.get()
        assert built == [] and not letter.docx  # decided inside the transaction, no files yet
    for callback in callbacks:
        callback()
    letter.refresh_from_db()
    assert built == [letter.title] and letter.docx and letter.pdf
    assert s.letter_files_build(letter=letter) and built == [letter.title]  # already there: not rebuilt

    def broken(title: str, text: str, **kw: Any) -> tuple[bytes, bytes]:
        raise OSError("fonts missing")

    monkeypatch.setattr(letters, "build", broken)
    other = submit(agency, info_name="另一项信息")
    with django_capture_on_commit_callbacks(execute=True):
        s.application_answer(application=other, outcome=Outcome.GRANTED, on=D(2026, 3, 20), actor=SYSTEM)
    kept = other.letters.get()  # the failure loses no letter: the decision and its text stay
    assert kept.body and not kept.docx and not kept.pdf
    assert Event.objects.filter(action="application.answer", object_id=str(other.pk)).count() == 1
    monkeypatch.setattr(letters, "build", build)
    assert s.letter_files_build(letter=kept)
    kept.refresh_from_db()
    assert kept.docx and kept.pdf


def test_no_actor_is_not_exempt_from_the_role_check(agency: Any) -> None:
    app = submit(agency)
    with pytest.raises(PermissionDenied):
        s.correction_receive(application=app, on=D(2026, 3, 3), actor=None)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        s.letter_template_save(agency=agency, kind="answer", title="答复书", body="x", actor=None)  # type: ignore[arg-type]
    s.art35_deadline_set(application=app, on=D(2026, 3, 3), until=D(2026, 5, 29), reason="量大", actor=SYSTEM)


def test_correction_notice_must_be_within_seven_workdays(agency: Any) -> None:
    app = submit(agency)
    with pytest.raises(ValidationError, match="7个工作日"):
        s.correction_request(application=app, on=D(2026, 3, 12), until=D(2026, 3, 30), note="x", actor=SYSTEM)


def test_fee_pieces_month_cumulative_and_unpaid(agency: Any) -> None:
    apps = [submit(agency, received=D(2026, 3, 2), info_name=f"信息{i}") for i in range(12)]
    last = apps[-1]
    notice = s.fee_notice_send(application=last, method="pieces", count=1, sent_on=D(2026, 3, 3),
                               received_on=D(2026, 3, 4), actor=SYSTEM)
    assert notice.prior == 11 and notice.amount == 100
    last.refresh_from_db()
    assert last.status == Status.AWAITING_FEE
    s.application_close_fee_unpaid(application=last, on=D(2026, 4, 2), actor=SYSTEM)
    notice.refresh_from_db()
    assert notice.status == FeeStatus.UNPAID
    pages = s.fee_notice_send(application=apps[0], method="pages", count=2219, sent_on=D(2026, 3, 3),
                              received_on=D(2026, 3, 3), actor=SYSTEM)
    assert pages.amount == 83460
    s.fee_pay(notice=pages, on=D(2026, 3, 10), actor=SYSTEM)
    figures = fee_figures([agency.pk], 2026)
    assert figures == {"notices": 2, "amount": 83560, "paid_count": 1, "collected": 83460, "waived_count": 0}


def test_fee_pause_setting(agency: Any) -> None:
    from gongkai.workdays.services import get_calendar

    cal = get_calendar()
    app = submit(agency)
    n = s.fee_notice_send(application=app, method="pages", count=40, sent_on=D(2026, 3, 3), received_on=D(2026, 3, 3),
                          actor=SYSTEM)
    s.fee_pay(notice=n, on=D(2026, 3, 10), actor=SYSTEM)
    app.refresh_from_db()
    assert app.due_on == cal.add_workdays(D(2026, 3, 30), 5)
    agency.fee_pauses_clock = False
    agency.save()
    s.recompute_open()
    app.refresh_from_db()
    assert app.due_on == D(2026, 3, 30)


def test_late_2026_case_gets_a_provisional_date_while_2027_is_missing(agency: Any) -> None:
    app = submit(agency, received=D(2026, 12, 10))
    # 2027 counted Monday–Friday: 2026-12-11 … 2027-01-07 holds 20 weekdays
    assert app.due_on == D(2027, 1, 7) and app.due_provisional and app.due_error == ""
    lines = explain(app).lines()
    assert any("暂估" in line and "2027年" in line for line in lines)


def test_calendar_change_recomputes_open_cases(agency: Any, django_capture_on_commit_callbacks: Any) -> None:
    from gongkai.workdays import services as ws

    app = submit(agency)
    assert app.due_on == D(2026, 3, 30)
    Application.objects.filter(pk=app.pk).update(due_on=D(2000, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        ws.day_set(year=2026, date=D(2026, 3, 16), kind="holiday", name="测试", actor=None)
    app.refresh_from_db()
    assert app.due_on == D(2026, 3, 31)


def test_table3_counts(agency: Any, other_agency: Any) -> None:
    old = submit(agency, received=D(2025, 12, 20), info_name="旧案")
    s.application_answer(application=old, outcome=Outcome.GRANTED, on=D(2026, 1, 10), actor=SYSTEM, letter=False)
    submit(agency, received=D(2025, 12, 29), info_name="跨年未结")
    a = submit(agency, received=D(2026, 3, 2), applicant_type=ApplicantType.COMMERCIAL)
    s.application_answer(application=a, outcome=Outcome.THIRD_PARTY, on=D(2026, 3, 20), actor=SYSTEM, letter=False)
    submit(agency, received=D(2026, 12, 30), info_name="年末")
    submit(other_agency, received=D(2026, 3, 2))
    t = table3_counts([agency.pk], 2026)
    assert t["new_received"]["total"] == 2 and t["new_received"]["commercial"] == 1
    assert t["carried_over"]["total"] == 2
    assert t["granted"]["natural_person"] == 1
    assert t["denied.third_party"]["commercial"] == 1
    assert t["total"]["total"] == 2
    assert t["carry_forward"]["total"] == 2
    # R1: new + carried over = total handled + carry forward
    assert t["new_received"]["total"] + t["carried_over"]["total"] == t["total"]["total"] + t["carry_forward"]["total"]
    assert table3_counts([agency.pk], 2025)["carry_forward"]["total"] == 2


def test_outcomes_are_table3_leaf_keys() -> None:
    expected = ["granted", "partial", "denied.state_secret", "denied.law_forbidden",
                "denied.three_safety_one_stability", "denied.third_party", "denied.internal_affairs",
                "denied.process_info", "denied.enforcement_file", "denied.admin_query", "unable.not_held",
                "unable.needs_creation", "unable.unclear_after_correction", "not_processed.petition_complaint",
                "not_processed.duplicate", "not_processed.publication", "not_processed.mass_repeat",
                "not_processed.confirm_reissue", "other.no_correction", "other.fee_unpaid", "other.other"]
    assert list(Outcome.values) == expected
    assert list(ApplicantType.values) == ["natural_person", "commercial", "research", "public_interest",
                                          "legal_service", "other_org"]


def _formats_present() -> bool:
    try:
        return importlib.util.find_spec("gongkai.formats") is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.skipif(not _formats_present(), reason="gongkai.formats absent")
def test_outcomes_equal_2021_format_leaf_keys() -> None:
    from gongkai.formats import table3_leaf_keys

    assert list(table3_leaf_keys(era="2021")) == list(Outcome.values)
    assert set(table3_leaf_keys(era="2021")) <= set(Outcome.values)
