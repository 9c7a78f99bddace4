"""SMS through a provider interface: ``SmsProvider`` with a console/file/memory backend and one real adapter.

``AliyunSms`` speaks Alibaba Cloud SMS's documented HTTP API (``SendSms``, version 2017-05-25) with the
POP signature (HMAC-SHA1 over the sorted, percent-encoded query; help.aliyun.com/document_detail/56190)
instead of the vendor SDK, which pulls about twenty packages (aiohttp, APScheduler, …) for one GET.
``ConsoleSms`` is the embedded default and the test backend: it logs the text and keeps it in
``outbox``. A provider raises ``SmsError``; ``transient`` says whether trying again may help.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    kind: str  # notices.kinds key; the provider maps it to its registered template
    text: str  # the rendered text (console/file backends, and the record)
    params: dict[str, str] = field(default_factory=dict)
    ref: str = ""  # our idempotency key, passed as the provider's OutId for reconciliation


class SmsError(Exception):
    def __init__(self, message: str, *, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


class SmsProvider:
    """Send one message; return the provider's reference. Raise ``SmsError`` on failure."""

    def send(self, message: SmsMessage) -> str:
        raise NotImplementedError


class ConsoleSms(SmsProvider):
    """Logs each message and keeps it in ``outbox`` (tests read and clear it)."""

    outbox: list[SmsMessage] = []

    def send(self, message: SmsMessage) -> str:
        ConsoleSms.outbox.append(message)
        logger.info("SMS to %s: %s", message.phone, message.text)
        return f"console-{len(ConsoleSms.outbox)}"


class FileSms(SmsProvider):
    """Appends each message as one JSON line to ``GONGKAI_SMS_FILE`` (default ``<data dir>/sms.jsonl``)."""

    def send(self, message: SmsMessage) -> str:
        path = Path(getattr(settings, "GONGKAI_SMS_FILE", "") or Path(settings.MEDIA_ROOT).parent / "sms.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"phone": message.phone, "kind": message.kind, "text": message.text,
                           "params": message.params, "ref": message.ref}, ensure_ascii=False)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        return f"file-{uuid.uuid4().hex[:12]}"


def pop_encode(value: str) -> str:
    """POP's percent-encoding: RFC 3986 unreserved characters kept, space as %20, ``*`` as %2A, ``~`` kept."""
    return urllib.parse.quote(value, safe="~")


def pop_signature(params: dict[str, str], secret: str, method: str = "GET") -> str:
    """The POP (RPC style) signature of ``params`` (without ``Signature``), base64 of HMAC-SHA1."""
    query = "&".join(f"{pop_encode(k)}={pop_encode(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{pop_encode('/')}&{pop_encode(query)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class AliyunSms(SmsProvider):
    """Alibaba Cloud SMS ``SendSms`` over HTTPS GET, signed; settings ``GONGKAI_ALIYUN_SMS`` (see docs)."""

    # Provider codes that another try will not fix (bad template, signature, number, key).
    PERMANENT = ("isv.SMS_TEMPLATE_ILLEGAL", "isv.SMS_SIGNATURE_ILLEGAL", "isv.MOBILE_NUMBER_ILLEGAL",
                 "isv.INVALID_PARAMETERS", "InvalidAccessKeyId.NotFound", "SignatureDoesNotMatch",
                 "isv.TEMPLATE_MISSING_PARAMETERS")

    def __init__(self) -> None:
        conf: dict[str, str] = dict(getattr(settings, "GONGKAI_ALIYUN_SMS", {}) or {})
        self.endpoint = conf.get("endpoint", "https://dysmsapi.aliyuncs.com/")
        self.key_id = conf.get("access_key_id", "")
        self.secret = conf.get("access_key_secret", "")
        self.sign_name = conf.get("sign_name", "")
        self.templates: dict[str, str] = dict(getattr(settings, "GONGKAI_SMS_TEMPLATES", {}) or {})
        self.timeout = float(conf.get("timeout", "10"))

    def request_params(self, message: SmsMessage, *, now: dt.datetime | None = None,
                       nonce: str | None = None) -> dict[str, str]:
        code = self.templates.get(message.kind)
        if not code:
            raise SmsError(f"未配置“{message.kind}”的短信模板编号", transient=False)
        now = now or dt.datetime.now(dt.UTC)
        params = {
            "AccessKeyId": self.key_id, "Action": "SendSms", "Format": "JSON", "RegionId": "cn-hangzhou",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0", "Timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "Version": "2017-05-25",
            "PhoneNumbers": message.phone, "SignName": self.sign_name, "TemplateCode": code,
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
        }
        if message.ref:
            params["OutId"] = message.ref[:64]
        params["Signature"] = pop_signature(params, self.secret)
        return params

    def send(self, message: SmsMessage) -> str:
        params = self.request_params(message)
        url = f"{self.endpoint}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote)}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as resp:
                payload = json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            try:
                payload = json.loads(body)
            except ValueError:
                raise SmsError(f"短信服务返回HTTP {exc.code}", transient=exc.code >= 500) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise SmsError(f"短信服务无法连接：{exc}") from None
        except ValueError:
            raise SmsError("短信服务返回了无法解析的内容") from None
        code = str(payload.get("Code", ""))
        if code != "OK":
            raise SmsError(f"短信服务拒绝：{code} {payload.get('Message', '')}"[:300],
                           transient=code not in self.PERMANENT)
        return str(payload.get("BizId", ""))


def get_provider() -> SmsProvider:
    path = getattr(settings, "GONGKAI_SMS_BACKEND", "") or "gongkai.notices.sms.ConsoleSms"
    cls = import_string(path)
    provider: SmsProvider = cls()
    return provider
