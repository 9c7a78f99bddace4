"""Application statuses and the one transition table (``TABLE``): which action moves a case where, who may take it.

Each row's ``action`` is the one name of that action everywhere: the staff URL
(``/staff/applications/<id>/act/<action>/``), the API path, the registry in ``actions.py``, the
service's ``_acting`` call and the event (``application.<action>``). Services look the row up with
``TABLE.find(status, action)`` before every write; the core ``TransitionError`` refuses a pair that is
not listed, in Chinese. Open statuses keep the answer clock running (or paused); closed statuses stop
it and count in Table 3 by outcome.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core.workflow import Transition, TransitionTable


class Status(models.TextChoices):
    # 待分办 / 待签收: a platform or counter intake not yet worked by the agency that answers it
    # (issue 14; routing.py). The clock already runs: the receipt date is the platform's (ADR 0007).
    TO_ROUTE = "to_route", _("待分办")
    TO_SIGN = "to_sign", _("待签收")
    PROCESSING = "processing", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已终止")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (Status.TO_ROUTE, Status.TO_SIGN, Status.PROCESSING, Status.AWAITING_CORRECTION, Status.CONSULTING,
                 Status.AWAITING_FEE)
DONE_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN)

# Who acts on a case by default; the extension is the office head's alone (Art. 33 ¶2), and the
# Art. 35 deadline is an office decision a clerk may not take. (Before issue 10 the page admitted
# clerk/head/admin and the service head/approver/admin; what a user could actually do was the
# intersection, kept here.)
ACTING: tuple[str, ...] = (Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)
HEAD: tuple[str, ...] = (Role.OFFICE_HEAD,)
ART35: tuple[str, ...] = (Role.OFFICE_HEAD, Role.ADMIN)

_P, _AC, _C, _AF = Status.PROCESSING, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE
_WORKING = frozenset({_P, _C})


def _row(action: str, sources: frozenset[str], target: str | None, roles: tuple[str, ...], label: str) -> Transition:
    return Transition(action, frozenset(str(s) for s in sources), None if target is None else str(target), roles,
                      label=label)


# target None = the service decides (consultation: back to processing only when none is left open;
# extension and Art. 35 deadline: the status stays).
TABLE = TransitionTable(
    [
        # Routing (分办/签收/退回, routing.py): the router's desk sends, the receiving agency signs or returns.
        _row("route", frozenset({Status.TO_ROUTE}), Status.TO_SIGN, ACTING, "分办至承办机关"),
        _row("sign", frozenset({Status.TO_SIGN}), _P, ACTING, "签收"),
        _row("return_to_router", frozenset({Status.TO_SIGN}), Status.TO_ROUTE, ACTING, "退回分办（非本机关办理）"),
        # Art. 31(3): an online application whose agency confirms by hand starts its clock on this day.
        _row("confirm_receipt", frozenset({_P}), None, ACTING, "确认收到网上申请（第三十一条第三项）"),
        _row("request_correction", frozenset({_P}), _AC, ACTING, "发出补正告知（一次性，收到申请后7个工作日内）"),
        _row("receive_correction", frozenset({_AC}), _P, ACTING, "收到补正材料"),
        _row("close_no_correction", frozenset({_AC}), Status.CLOSED, ACTING, "逾期不补正，终止办理"),
        _row("open_consultation", _WORKING, _C, ACTING, "征求第三方或其他机关意见"),
        _row("close_consultation", frozenset({_C}), None, ACTING, "征求意见结束"),
        _row("approve_extension", _WORKING, None, HEAD, "批准延期答复（公开工作机构负责人）"),
        _row("set_art35_deadline", _WORKING, None, ART35, "确定合理答复期限（第三十五条）"),
        _row("send_fee_notice", frozenset({_P}), _AF, ACTING, "发出收费通知"),
        _row("pay_fee", frozenset({_AF}), _P, ACTING, "登记缴费"),
        _row("waive_fee", frozenset({_AF}), _P, ACTING, "减免收费"),
        _row("close_fee_unpaid", frozenset({_AF}), Status.CLOSED, ACTING, "逾期未缴费，终止办理"),
        _row("answer", _WORKING, Status.ANSWERED, ACTING, "作出答复"),
        _row("withdraw", frozenset(OPEN_STATUSES), Status.WITHDRAWN, ACTING, "申请人撤回"),
    ],
    status_labels={str(s.value): str(s.label) for s in Status},
)


def roles(action: str) -> tuple[str, ...]:
    """The roles that may take ``action`` (every row of one action names the same roles)."""
    return next(r.roles for r in TABLE.rows if r.action == action)
