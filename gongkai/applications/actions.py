"""The staff actions on a case, one entry per row of the transition table: the form it takes and its service.

The action's name, label and roles come from ``workflow.TABLE``; this registry adds how the staff
page and the API read its inputs (a form) and which service runs it. Both front ends dispatch through
``run``, so an action is spelled once from URL to service to event (``application.<action>``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as djforms
from django.shortcuts import get_object_or_404

from gongkai.applications import forms as f
from gongkai.applications import routing, services
from gongkai.applications.models import Application, FeeNotice
from gongkai.applications.workflow import TABLE, roles
from gongkai.core.actors import Actor

# cleaned_data of the action's form: Django types it as dict[str, Any]
Data = dict[str, Any]


@dataclass(frozen=True)
class Action:
    name: str
    form: type[djforms.Form]
    call: Callable[[Application, Data, Actor], object]

    @property
    def label(self) -> str:
        return TABLE.label(self.name)

    @property
    def roles(self) -> tuple[str, ...]:
        return roles(self.name)


def _fee(app: Application, pk: int) -> FeeNotice:
    return get_object_or_404(FeeNotice, pk=pk, application=app)


_ALL = [
    Action("route", f.RouteForm, lambda a, d, u: routing.application_route(application=a, actor=u, **d)),
    Action("sign", f.OnForm, lambda a, d, u: routing.application_sign(application=a, actor=u, **d)),
    Action("return_to_router", f.ReturnForm,
           lambda a, d, u: routing.application_return(application=a, actor=u, **d)),
    Action("confirm_receipt", f.OnForm, lambda a, d, u: services.receipt_confirm(application=a, actor=u, **d)),
    Action("request_correction", f.CorrectionForm,
           lambda a, d, u: services.correction_request(application=a, actor=u, **d)),
    Action("receive_correction", f.OnForm, lambda a, d, u: services.correction_receive(application=a, actor=u, **d)),
    Action("close_no_correction", f.OnForm,
           lambda a, d, u: services.application_close_no_correction(application=a, actor=u, **d)),
    Action("open_consultation", f.ConsultOpenForm,
           lambda a, d, u: services.consultation_open(application=a, actor=u, **d)),
    Action("close_consultation", f.ConsultCloseForm,
           lambda a, d, u: services.consultation_close(application=a, actor=u, **d)),
    Action("approve_extension", f.ExtensionForm,
           lambda a, d, u: services.extension_approve(application=a, actor=u, **d)),
    Action("set_art35_deadline", f.Art35Form,
           lambda a, d, u: services.art35_deadline_set(application=a, actor=u, **d)),
    Action("send_fee_notice", f.FeeNoticeForm,
           lambda a, d, u: services.fee_notice_send(application=a, actor=u, **d)),
    Action("pay_fee", f.FeeSettleForm,
           lambda a, d, u: services.fee_pay(notice=_fee(a, d["notice"]), on=d["on"], actor=u)),
    Action("waive_fee", f.FeeSettleForm,
           lambda a, d, u: services.fee_waive(notice=_fee(a, d["notice"]), on=d["on"], reason=d["reason"], actor=u)),
    Action("close_fee_unpaid", f.OnForm,
           lambda a, d, u: services.application_close_fee_unpaid(application=a, actor=u, **d)),
    Action("answer", f.AnswerForm, lambda a, d, u: services.application_answer(application=a, actor=u, **d)),
    Action("withdraw", f.WithdrawForm, lambda a, d, u: services.application_withdraw(application=a, actor=u, **d)),
]
ACTIONS: dict[str, Action] = {a.name: a for a in _ALL}
assert set(ACTIONS) == TABLE.actions, "every row of the transition table has a staff action and no other"


def available(app: Application) -> list[Action]:
    """The actions the case's status allows, in table order.

    ``confirm_receipt`` only while the online application awaits confirmation (no receipt day), and
    then nothing that needs a receipt day (``services.BEFORE_RECEIPT``).
    """
    rows = TABLE.available(app.status)
    if app.received_on is None:
        return [ACTIONS[row.action] for row in rows if row.action in services.BEFORE_RECEIPT]
    return [ACTIONS[row.action] for row in rows if row.action != "confirm_receipt"]
