"""Notices: sent per event and channel with consent, held in quiet hours, retried when the provider is down,
shown failed on the case, never duplicated; the Alibaba Cloud adapter signs as documented (fake server)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import pytest
from django.core import mail
from django.test import Client

from gongkai.applications import services as s
from gongkai.applications.models import Application
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.notices import services as ns
from gongkai.notices import sms
from gongkai.notices.models import Channel, Notice, State
from gongkai.notices.tasks import plan_notices, send_due_notices, warn_overdue
from tests.conftest import member

D = dt.date
UTC = dt.UTC


class DownSms(sms.SmsProvider):
    """A provider that is down: every call fails transiently."""

    calls: ClassVar[int] = 0

    def send(self, message: sms.SmsMessage) -> str:
        DownSms.calls += 1
        raise sms.SmsError("服务暂不可用")


@pytest.fixture(autouse=True)
def _clean(settings: Any) -> Iterator[None]:
    settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.ConsoleSms"
    settings.GONGKAI_SMS_QUIET_HOURS = "0-0"  # off unless a test sets it; the clock is real here
    sms.ConsoleSms.outbox.clear()
    DownSms.calls = 0
    yield
    sms.ConsoleSms.outbox.clear()


def _submit(agency: Any, *, email: str = "zhang@example.org", phone: str = "13800001234") -> Application:
    return s.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "张三", "phone": phone, "email": email,
        "info_name": "2025年度部门预算"}, channel="in_person", received_on=D(2026, 3, 2), actor=SYSTEM)


def _event(app: Application, action: str) -> Event:
    return Event.objects.get(action=action, object_id=str(app.pk))


@pytest.mark.django_db
def test_received_notice_with_receipt_by_email_and_sms_after_commit(agency: Any, django_capture_on_commit_callbacks: Any
                                                                    ) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        app = _submit(agency)
        ns.consent_record(application=app, email=True, sms=True, actor=SYSTEM)
    # consent was recorded after the submission event in the same commit; plan again as a redelivery would
    plan_notices(_event(app, "application.submitted").pk)
    assert len(mail.outbox) == 1
    m = mail.outbox[0]
    assert app.tracking_code in m.subject and "回执" in m.subject
    assert "2026年3月30日" in m.body and agency.name in m.body
    assert len(sms.ConsoleSms.outbox) == 1 and app.tracking_code in sms.ConsoleSms.outbox[0].text
    assert set(Notice.objects.values_list("state", flat=True)) == {State.SENT}


@pytest.mark.django_db
def test_no_sms_without_consent_and_no_duplicates(agency: Any) -> None:
    app = _submit(agency)
    ev = _event(app, "application.submitted")
    for _ in range(3):  # a redelivered task, a second worker, a replay
        plan_notices(ev.pk)
    assert Notice.objects.count() == 1 and Notice.objects.get().channel == Channel.EMAIL
    assert len(mail.outbox) == 1 and sms.ConsoleSms.outbox == []


@pytest.mark.django_db
def test_each_case_event_has_its_notice(agency: Any) -> None:
    app = _submit(agency)
    clerk = member(agency)
    s.correction_request(application=app, on=D(2026, 3, 3), until=D(2026, 3, 20), note="请写明文号", actor=clerk)
    s.correction_receive(application=app, on=D(2026, 3, 5), actor=clerk)
    head = member(agency, "office_head")
    s.extension_approve(application=app, on=D(2026, 3, 10), days=10, reason="需检索", actor=head)
    s.application_answer(application=app, outcome="granted", on=D(2026, 3, 12), actor=clerk, letter=False)
    for action in ("application.submitted", "application.request_correction", "application.approve_extension",
                   "application.answer"):
        plan_notices(_event(app, action).pk)
    subjects = [m.subject for m in mail.outbox]
    assert [x.split("（")[0] for x in subjects] == ["政府信息公开申请回执", "补正申请告知", "延期答复告知",
                                                   "答复已作出"]
    assert "2026-03-20" in mail.outbox[1].body and "10个工作日" in mail.outbox[2].body
    assert "予以公开" in mail.outbox[3].body


@pytest.mark.django_db
def test_provider_down_retried_then_failed_shown_on_case_then_resent_once(agency: Any, settings: Any,
                                                                           client: Client) -> None:
    settings.GONGKAI_SMS_BACKEND = "tests.notices.test_notices.DownSms"
    app = _submit(agency, email="")
    ns.consent_record(application=app, email=False, sms=True, actor=SYSTEM)
    t0 = dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    n = ns.notices_plan(event=_event(app, "application.submitted"))[0]
    n = ns.notice_deliver(notice_id=n.pk, now=t0)
    assert n is not None and (n.state, n.attempts) == (State.PENDING, 1) and n.next_attempt_at is not None
    assert ns.notice_deliver(notice_id=n.pk, now=t0) is None  # not before its next attempt time
    later = t0
    for _ in range(10):
        later += dt.timedelta(hours=3)
        ns.send_due(now=later)
    n.refresh_from_db()
    assert (n.state, n.attempts, DownSms.calls) == (State.FAILED, ns.MAX_ATTEMPTS, ns.MAX_ATTEMPTS)
    assert "服务暂不可用" in n.last_error
    clerk = member(agency)
    client.force_login(clerk)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "发送失败" in page and "138****1234" in page and "13800001234" not in page.split("通知")[-1]
    settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.ConsoleSms"
    assert client.post(f"/staff/notices/{n.pk}/retry/").status_code == 302
    n.refresh_from_db()
    assert n.state == State.SENT and len(sms.ConsoleSms.outbox) == 1
    assert client.post(f"/staff/notices/{n.pk}/retry/").status_code == 302  # a second click sends nothing
    send_due_notices()
    assert len(sms.ConsoleSms.outbox) == 1
    assert Event.objects.filter(action="notice.retried").count() == 1


@pytest.mark.django_db
def test_retry_is_scoped_to_the_agency(agency: Any, other_agency: Any, client: Client) -> None:
    app = _submit(agency)
    n = ns.notices_plan(event=_event(app, "application.submitted"))[0]
    client.force_login(member(other_agency))
    assert client.post(f"/staff/notices/{n.pk}/retry/").status_code == 404


def test_quiet_hours() -> None:
    sh = ns.SHANGHAI
    assert ns.quiet_until(dt.datetime(2026, 3, 2, 23, 30, tzinfo=sh), (22, 8)) == dt.datetime(2026, 3, 3, 8, tzinfo=sh)
    assert ns.quiet_until(dt.datetime(2026, 3, 3, 7, 59, tzinfo=sh), (22, 8)) == dt.datetime(2026, 3, 3, 8, tzinfo=sh)
    assert ns.quiet_until(dt.datetime(2026, 3, 3, 8, 0, tzinfo=sh), (22, 8)) is None
    assert ns.quiet_until(dt.datetime(2026, 3, 3, 21, 59, tzinfo=sh), (22, 8)) is None
    assert ns.quiet_until(dt.datetime(2026, 3, 3, 13, 0, tzinfo=sh), (12, 14)) == dt.datetime(2026, 3, 3, 14,
                                                                                              tzinfo=sh)


@pytest.mark.django_db
def test_sms_held_over_quiet_hours_email_not(agency: Any, settings: Any) -> None:
    settings.GONGKAI_SMS_QUIET_HOURS = "22-8"
    app = _submit(agency)
    ns.consent_record(application=app, email=True, sms=True, actor=SYSTEM)
    night = dt.datetime(2026, 3, 2, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    planned = ns.notices_plan(event=_event(app, "application.submitted"))
    for n in planned:
        ns.notice_deliver(notice_id=n.pk, now=night)
    by = {n.channel: Notice.objects.get(pk=n.pk) for n in planned}
    assert by[Channel.EMAIL].state == State.SENT
    held = by[Channel.SMS]
    assert held.state == State.PENDING and held.attempts == 0
    assert held.next_attempt_at == dt.datetime(2026, 3, 3, 8, tzinfo=ns.SHANGHAI)
    assert ns.send_due(now=dt.datetime(2026, 3, 2, 23, 0, tzinfo=UTC)) == 0  # 07:00 Shanghai: still quiet
    assert ns.send_due(now=dt.datetime(2026, 3, 3, 0, 1, tzinfo=UTC)) == 1
    assert len(sms.ConsoleSms.outbox) == 1


@pytest.mark.django_db
def test_overdue_warning_to_staff_once(agency: Any) -> None:
    app = _submit(agency)
    clerk = member(agency, "clerk")
    clerk.email = "clerk@example.org"
    clerk.save()
    assert warn_overdue("2026-03-30") == 0  # due that day: not yet overdue
    assert warn_overdue("2026-03-31") == 1
    assert warn_overdue("2026-04-01") == 1  # planned again: the same row, not a second mail
    mails = [m for m in mail.outbox if m.to == ["clerk@example.org"]]
    assert len(mails) == 1 and app.number in mails[0].subject
    assert Notice.objects.filter(kind="overdue").count() == 1


# ---------------------------------------------------------------- the Alibaba Cloud adapter

def test_signature_matches_the_published_example() -> None:
    """Vector from Alibaba Cloud's "HTTP协议及签名" walk-through (https://developer.aliyun.com/ask/218386,
    same protocol page https://help.aliyun.com/document_detail/56190.html): secret testSecret."""
    params = {"AccessKeyId": "testId", "Action": "SingleCallByTts", "CalledNumber": "13000000000",
              "CalledShowNumber": "057112345678", "Format": "XML", "OutId": "123", "RegionId": "cn-hangzhou",
              "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "f7d2d4ef-6d5f-4da4-86ed-88e001a66abb",
              "SignatureVersion": "1.0", "Timestamp": "2017-09-28T14:31:56Z", "TtsCode": "TTS_0000000",
              "TtsParam": '{"code":"1234","product":"test"}', "Version": "2017-05-25"}
    assert sms.pop_signature(params, "testSecret") == "aMfgrx8DLS7vLfpeR1c2rrKLr0Q="
    assert sms.pop_encode("a b*c~") == "a%20b%2Ac~"


class _Fake(BaseHTTPRequestHandler):
    """A local stand-in for dysmsapi: checks the signature like the service and answers as configured."""

    mode: ClassVar[str] = "ok"
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, keep_blank_values=True))
        _Fake.seen.append(q)
        given = q.pop("Signature", "")
        if _Fake.mode == "down":
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"<html>busy</html>")
            return
        if given != sms.pop_signature(q, "s3cret"):
            body = {"Code": "SignatureDoesNotMatch", "Message": "bad signature"}
        elif _Fake.mode == "bad_number":
            body = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号"}
        else:
            body = {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0", "RequestId": "r1"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_aliyun(settings: Any) -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.GONGKAI_ALIYUN_SMS = {"endpoint": url, "access_key_id": "LTAI-test", "access_key_secret": "s3cret",
                                   "sign_name": "示例县政务公开", "timeout": "5"}
    settings.GONGKAI_SMS_TEMPLATES = {"received": "SMS_000001"}
    _Fake.mode, _Fake.seen = "ok", []
    yield url
    server.shutdown()
    server.server_close()


def test_aliyun_adapter_against_a_local_fake(fake_aliyun: str) -> None:
    msg = sms.SmsMessage(phone="13800001234", kind="received", text="…",
                         params={"code": "ABCD2345EFGH6789", "agency": "示例县教育局"}, ref="e12:sms:applicant")
    assert sms.AliyunSms().send(msg) == "900619746936498440^0"
    q = _Fake.seen[-1]
    assert (q["Action"], q["TemplateCode"], q["SignName"], q["OutId"]) == ("SendSms", "SMS_000001", "示例县政务公开",
                                                                           "e12:sms:applicant")
    assert json.loads(q["TemplateParam"]) == {"code": "ABCD2345EFGH6789", "agency": "示例县教育局"}
    _Fake.mode = "down"
    with pytest.raises(sms.SmsError) as down:
        sms.AliyunSms().send(msg)
    assert down.value.transient
    _Fake.mode = "bad_number"
    with pytest.raises(sms.SmsError) as bad:
        sms.AliyunSms().send(msg)
    assert not bad.value.transient and "MOBILE_NUMBER_ILLEGAL" in str(bad.value)
    with pytest.raises(sms.SmsError) as missing:  # no template registered for this kind
        sms.AliyunSms().send(sms.SmsMessage(phone="13800001234", kind="fee", text="…"))
    assert not missing.value.transient


@pytest.mark.django_db
def test_permanent_provider_error_fails_at_once(agency: Any, fake_aliyun: str, settings: Any) -> None:
    settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.AliyunSms"
    _Fake.mode = "bad_number"
    app = _submit(agency, email="")
    ns.consent_record(application=app, email=False, sms=True, actor=SYSTEM)
    n = ns.notices_plan(event=_event(app, "application.submitted"))[0]
    n = ns.notice_deliver(notice_id=n.pk, now=dt.datetime(2026, 3, 2, 2, 0, tzinfo=UTC))
    assert n is not None and (n.state, n.attempts) == (State.FAILED, 1)


@pytest.mark.django_db
def test_command_sends_due_and_warns_overdue(agency: Any, settings: Any) -> None:
    import io

    from django.core.management import call_command

    settings.GONGKAI_SMS_BACKEND = "tests.notices.test_notices.DownSms"
    app = _submit(agency, email="")
    ns.consent_record(application=app, email=False, sms=True, actor=SYSTEM)
    n = ns.notices_plan(event=_event(app, "application.submitted"))[0]
    ns.notice_deliver(notice_id=n.pk, now=dt.datetime(2020, 1, 1, 2, tzinfo=UTC))  # failed once, retry due since
    settings.GONGKAI_SMS_BACKEND = "gongkai.notices.sms.ConsoleSms"
    out = io.StringIO()
    call_command("notices", "send-due", stdout=out)
    assert "已发送 1 条通知" in out.getvalue() and len(sms.ConsoleSms.outbox) == 1
    clerk = member(agency, "clerk")
    clerk.email = "c@example.org"
    clerk.save()
    out = io.StringIO()
    call_command("notices", "warn-overdue", "--today", "2026-04-01", stdout=out)
    assert "逾期提醒 1 条" in out.getvalue()


@pytest.mark.django_db
def test_routed_case_tells_the_receiving_agency_once(agency: Any) -> None:
    from gongkai.applications import routing
    from tests.conftest import AgencyFactory

    desk = AgencyFactory(name="示例县政务服务中心", parent=agency)
    app = routing.intake_for_routing(desk=desk, data={"applicant_type": "natural_person", "applicant_name": "王五",
                                                      "phone": "13800001234", "info_name": "公交线路调整方案"},
                                     channel="in_person", received_on=D(2026, 3, 2), actor=SYSTEM)
    clerk = member(agency, "clerk")
    clerk.email = "clerk@example.org"
    clerk.save()
    other = member(desk, "clerk")
    other.email = "desk@example.org"
    other.save()
    routing.application_route(application=app, to_agency=agency, on=D(2026, 3, 3), actor=SYSTEM)
    ev = _event(app, "application.route")
    plan_notices(ev.pk)
    plan_notices(ev.pk)
    staff_mails = [m for m in mail.outbox if m.subject.startswith("待签收")]
    assert [m.to for m in staff_mails] == [["clerk@example.org"]]
    assert "2026年3月30日" in staff_mails[0].body and app.number in staff_mails[0].subject
