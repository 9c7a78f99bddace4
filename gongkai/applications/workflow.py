"""Application statuses and the transition table: which action moves a case from which status to which.

Services consult ``TRANSITIONS`` before every write; a pair that is not listed is refused with a
message naming the action and the current status. Open statuses keep the answer clock running (or
paused); closed statuses stop it and count in Table 3 by outcome.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROCESSING = "processing", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已终止")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (Status.PROCESSING, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)
DONE_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN)
_OPEN = frozenset(OPEN_STATUSES)

# action → (statuses it may start from, status it leads to; None = decided by the service)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "request_correction": (frozenset({Status.PROCESSING}), Status.AWAITING_CORRECTION),
    "receive_correction": (frozenset({Status.AWAITING_CORRECTION}), Status.PROCESSING),
    "close_no_correction": (frozenset({Status.AWAITING_CORRECTION}), Status.CLOSED),
    "open_consultation": (frozenset({Status.PROCESSING, Status.CONSULTING}), Status.CONSULTING),
    "close_consultation": (frozenset({Status.CONSULTING}), None),  # back to processing when none left open
    "approve_extension": (frozenset({Status.PROCESSING, Status.CONSULTING}), None),
    "set_art35_deadline": (frozenset({Status.PROCESSING, Status.CONSULTING}), None),
    "send_fee_notice": (frozenset({Status.PROCESSING}), Status.AWAITING_FEE),
    "pay_fee": (frozenset({Status.AWAITING_FEE}), Status.PROCESSING),
    "waive_fee": (frozenset({Status.AWAITING_FEE}), Status.PROCESSING),
    "close_fee_unpaid": (frozenset({Status.AWAITING_FEE}), Status.CLOSED),
    "answer": (frozenset({Status.PROCESSING, Status.CONSULTING}), Status.ANSWERED),
    "withdraw": (_OPEN, Status.WITHDRAWN),
}


class TransitionError(ValueError):
    """An action that the case's current status does not allow."""


def target(action: str, current: str) -> str | None:
    """The status after ``action`` (None: unchanged / service decides); raises if not allowed."""
    sources, to = TRANSITIONS[action]
    if current not in sources:
        label = Status(current).label if current in Status.values else current
        raise TransitionError(f"当前状态“{label}”下不能执行此操作（{action}）")
    return to
