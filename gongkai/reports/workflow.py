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

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Role


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已审核通过")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已被新版本取代")


# Statuses in which the report's narrative and entered figures may be edited, and its figures are live.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
# Statuses whose figures are frozen in the report's data.
FROZEN = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED, Status.SUPERSEDED})
# At most one version per agency and year may be in one of these (a DB constraint enforces it).
OPEN = frozenset({Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED})

AGENCY_EDIT_ROLES: tuple[str, ...] = (Role.CLERK, Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)
AGENCY_SIGN_ROLES: tuple[str, ...] = (Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    actor: str  # "agency" or "superior"
    roles: tuple[str, ...] = ()
    needs_comment: bool = False
    needs_clean_checks: bool = False


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", "报送上级", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED,
               "agency", AGENCY_SIGN_ROLES, needs_clean_checks=True),
    Transition("return", "退回修改", frozenset({Status.SUBMITTED}), Status.RETURNED,
               "superior", needs_comment=True),
    Transition("accept", "审核通过", frozenset({Status.SUBMITTED}), Status.ACCEPTED, "superior"),
    # Publishing creates the catalog record, which the catalog lets only an approver do.
    Transition("publish", "发布", frozenset({Status.ACCEPTED}), Status.PUBLISHED, "agency", (Role.APPROVER,)),
    # Reopen leaves the published version as it is and creates a new draft version.
    Transition("reopen", "修订（新版本）", frozenset({Status.PUBLISHED}), Status.DRAFT, "agency", AGENCY_SIGN_ROLES),
)

BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


class TransitionError(Exception):
    """An action that the report's status does not allow (message in zh)."""


def transition(action: str, status: str) -> Transition:
    t = BY_ACTION.get(action)
    if t is None:
        raise TransitionError(f"未知操作“{action}”")
    if status not in t.sources:
        raise TransitionError(f"当前状态“{Status(status).label}”不能执行“{t.label}”")
    return t


def available(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if status in t.sources]
