"""The review workflow of a record (先审查、后公开, 一事一审) as a transition table.

draft → submitted → (confidentiality review: pass | return) → reviewed → approval (one or two
levels per ``agency.approval_levels``) → approved → published; a returned record is edited and
resubmitted; a published record may be withdrawn. Repeal and correction of a published record are
recorded acts that keep it published (see services). ``transition()`` is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待保密审查")
    RETURNED = "returned", _("已退回")
    REVIEWED = "reviewed", _("待审批")
    FIRST_APPROVED = "first_approved", _("待二级审批")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Action(models.TextChoices):
    SUBMIT = "submit", _("提交审查")
    REVIEW_PASS = "review_pass", _("保密审查通过")
    REVIEW_RETURN = "review_return", _("保密审查退回")
    APPROVE = "approve", _("审批同意")
    REJECT = "reject", _("审批退回")
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    roles: tuple[str, ...]
    levels: int | None = None  # only for agencies with this many approval levels; None = any


CLERK, REVIEWER, APPROVER = ("clerk",), ("reviewer",), ("approver",)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Action.SUBMIT, Status.SUBMITTED, CLERK),
    Transition(Status.RETURNED, Action.SUBMIT, Status.SUBMITTED, CLERK),
    Transition(Status.SUBMITTED, Action.REVIEW_PASS, Status.REVIEWED, REVIEWER),
    Transition(Status.SUBMITTED, Action.REVIEW_RETURN, Status.RETURNED, REVIEWER),
    Transition(Status.REVIEWED, Action.APPROVE, Status.APPROVED, APPROVER, levels=1),
    Transition(Status.REVIEWED, Action.APPROVE, Status.FIRST_APPROVED, APPROVER, levels=2),
    Transition(Status.FIRST_APPROVED, Action.APPROVE, Status.APPROVED, APPROVER, levels=2),
    Transition(Status.REVIEWED, Action.REJECT, Status.RETURNED, APPROVER),
    Transition(Status.FIRST_APPROVED, Action.REJECT, Status.RETURNED, APPROVER),
    Transition(Status.APPROVED, Action.PUBLISH, Status.PUBLISHED, APPROVER),
    Transition(Status.PUBLISHED, Action.WITHDRAW, Status.WITHDRAWN, APPROVER),
)

# States in which the drafter may still edit the record freely.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# States that count as "in the pipeline" (not yet published, not withdrawn) for timeliness.
PENDING = frozenset({Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.REVIEWED,
                     Status.FIRST_APPROVED, Status.APPROVED})


class TransitionError(Exception):
    """The action is not allowed from the record's current state (message in Chinese)."""


def transition(status: str, action: str, approval_levels: int = 1) -> Transition:
    """The transition for ``action`` from ``status``, or ``TransitionError``."""
    for t in TRANSITIONS:
        if t.source == status and t.action == action and (t.levels is None or t.levels == approval_levels):
            return t
    raise TransitionError(
        f"当前状态“{Status(status).label}”下不能执行“{Action(action).label}”"
    )


def allowed_actions(status: str, approval_levels: int = 1) -> list[Transition]:
    return [t for t in TRANSITIONS
            if t.source == status and (t.levels is None or t.levels == approval_levels)]
