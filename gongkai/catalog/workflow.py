"""The review workflow of a record (先审查、后公开, 一事一审) as a transition table.

draft → submitted → (confidentiality review: pass | return) → reviewed → approval (one or two
levels per ``agency.approval_levels``) → approved → published; a returned record is edited and
resubmitted; a published record may be withdrawn. Repeal and correction of a published record are
recorded acts that keep it published (see services). The table is a ``core.workflow.TransitionTable``
(pure; refusals raise ``core.workflow.TransitionError``, the one every workflow raises).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.workflow import Transition, TransitionTable


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


CLERK, REVIEWER, APPROVER = ("clerk",), ("reviewer",), ("approver",)
# Rows that exist only under one approval scheme (``agency.approval_levels``); look rows up with
# ``TABLE.find(status, action, levels=agency.approval_levels)``.
ONE_LEVEL, TWO_LEVELS = (("levels", 1),), (("levels", 2),)

TABLE = TransitionTable(
    (
        Transition(Action.SUBMIT, frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, CLERK),
        Transition(Action.REVIEW_PASS, frozenset({Status.SUBMITTED}), Status.REVIEWED, REVIEWER),
        Transition(Action.REVIEW_RETURN, frozenset({Status.SUBMITTED}), Status.RETURNED, REVIEWER),
        Transition(Action.APPROVE, frozenset({Status.REVIEWED}), Status.APPROVED, APPROVER, when=ONE_LEVEL),
        Transition(Action.APPROVE, frozenset({Status.REVIEWED}), Status.FIRST_APPROVED, APPROVER, when=TWO_LEVELS),
        Transition(Action.APPROVE, frozenset({Status.FIRST_APPROVED}), Status.APPROVED, APPROVER, when=TWO_LEVELS),
        Transition(Action.REJECT, frozenset({Status.REVIEWED, Status.FIRST_APPROVED}), Status.RETURNED, APPROVER),
        Transition(Action.PUBLISH, frozenset({Status.APPROVED}), Status.PUBLISHED, APPROVER),
        Transition(Action.WITHDRAW, frozenset({Status.PUBLISHED}), Status.WITHDRAWN, APPROVER),
    ),
    status_labels={s.value: str(s.label) for s in Status},
    action_labels={a.value: str(a.label) for a in Action},
)

# States in which the drafter may still edit the record freely.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# States that count as "in the pipeline" (not yet published, not withdrawn) for timeliness.
PENDING = frozenset({Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.REVIEWED,
                     Status.FIRST_APPROVED, Status.APPROVED})

