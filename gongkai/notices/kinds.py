"""The notices, declared once: which event sends what to whom, over which channels, with which template.

Each ``Kind`` names the case events that trigger it (``application.<action>`` keys of the event log),
its recipient (the applicant, or the agency's staff for the overdue warning), and the text templates
``notices/<key>.txt`` (e-mail: first line the subject) and ``notices/<key>.sms.txt``. An SMS provider
needs a template registered with it in advance: ``GONGKAI_SMS_TEMPLATES`` maps each kind to that code
and the provider receives ``params`` (named values, never a model object).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    events: tuple[str, ...]
    to_staff: bool = False


KINDS: tuple[Kind, ...] = (
    Kind("received", "收到申请（回执）", ("application.submitted",)),
    Kind("correction", "补正告知", ("application.request_correction",)),
    Kind("consultation", "征求意见告知", ("application.open_consultation",)),
    Kind("extension", "延期答复告知", ("application.approve_extension",)),
    Kind("fee", "收费通知", ("application.send_fee_notice",)),
    Kind("answer", "答复已作出", ("application.answer", "application.close_no_correction",
                                "application.close_fee_unpaid")),
    Kind("routed", "分办待签收（工作人员）", ("application.route",), to_staff=True),
    Kind("overdue", "逾期未答复提醒（工作人员）", (), to_staff=True),
)
BY_KEY: dict[str, Kind] = {k.key: k for k in KINDS}
BY_EVENT: dict[str, Kind] = {e: k for k in KINDS for e in k.events}
