"""The annual report's life cycle as a transition table (issue 5 §6).

draft → submitted (to the superior disclosure office) → returned with comments (back to editable) or
accepted → published (a catalog record in 政府信息公开年报 with its 索引号). A published report is never
edited: ``reopen`` starts a new version (a draft copied from it) and the old version stays published
until the new one is published, when it becomes ``superseded``.

Who acts (documented in docs/reports.md):
- ``agency`` actors hold one of the listed roles in the report's own agency;
- ``superior`` actors are the superior disclosure office: a user holding ``superior_viewer`` or ``admin``
  in an ancestor agency (a platform admin for a top-level agency). Accept/return are their only writes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role
from gongkai.core.workflow import Transition, TransitionError, TransitionTable


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已审核通过")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本取代")


# Statuses in which the report's narrative and entered figures may be edited, and its figures are live.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# At most one version per agency and year may be in one of these (a DB constraint enforces it).
OPEN = frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED})

AGENCY_EDIT_ROLES: tuple[str, ...] = (Role.CLERK, Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)
AGENCY_SIGN_ROLES: tuple[str, ...] = (Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)

# Row ``options`` (read by access.py, services.py and the detail template):
#   actor: "agency" (a role in the report's own agency) or "superior" (the superior disclosure office);
#   needs_comment: the action is refused without a review comment;
#   needs_clean_checks: the button is disabled while blocking check errors remain.
_AGENCY = {"actor": "agency", "needs_comment": False, "needs_clean_checks": False}
_SUPERIOR = {"actor": "superior", "needs_comment": False, "needs_clean_checks": False}

TABLE = TransitionTable(
    (
        Transition("submit", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, AGENCY_SIGN_ROLES,
                   label="报送上级", options=_AGENCY | {"needs_clean_checks": True}),
        Transition("return", frozenset({Status.SUBMITTED}), Status.RETURNED, label="退回修改",
                   options=_SUPERIOR | {"needs_comment": True}),
        Transition("accept", frozenset({Status.SUBMITTED}), Status.ACCEPTED, label="审核通过", options=_SUPERIOR),
        # Publishing creates the catalog record, which the catalog lets only an approver do.
        Transition("publish", frozenset({Status.ACCEPTED}), Status.PUBLISHED, (Role.APPROVER,), label="发布",
                   options=_AGENCY),
        # Reopen leaves the published version as it is and creates a new draft version.
        Transition("reopen", frozenset({Status.PUBLISHED}), Status.DRAFT, AGENCY_SIGN_ROLES,
                   label="修订（新版本）", options=_AGENCY),
    ),
    status_labels={s.value: str(s.label) for s in Status},
)


def actor(t: Transition) -> str:
    """"agency" or "superior": who takes the action (see the module docstring)."""
    return str(t.options["actor"])


def needs_comment(t: Transition) -> bool:
    return bool(t.options["needs_comment"])


def transition(status: str, action: str) -> Transition:
    """The row for ``action`` from ``status`` (``TransitionError`` with a Chinese message otherwise)."""
    return TABLE.find(status, action)


def available(status: str) -> list[Transition]:
    return TABLE.available(status)


__all__ = ["AGENCY_EDIT_ROLES", "AGENCY_SIGN_ROLES", "EDITABLE", "OPEN", "TABLE", "Status", "Transition",
           "TransitionError", "actor", "available", "needs_comment", "transition"]
