"""The website annual report's life cycle as a transition table, on the annual report's pattern.

draft → submitted (the site's editor hands the figures to the signing officer) → returned with a comment
(editable again) or published on the portal home page (国办函〔2018〕12号: "于每年1月31日前在本网站首页显著
位置发布"). A published report is not edited. The platform is one agency's site, so every actor holds a role in
the report's own agency: editors fill and submit, signers (approver, office head, admin) return or publish.
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
    PUBLISHED = "published", _("已发布")


EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
EDIT_ROLES: tuple[str, ...] = (Role.CLERK, Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)
SIGN_ROLES: tuple[str, ...] = (Role.APPROVER, Role.OFFICE_HEAD, Role.ADMIN)

TABLE = TransitionTable(
    (
        Transition("submit", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, EDIT_ROLES,
                   label="报送审核"),
        Transition("return", frozenset({Status.SUBMITTED}), Status.RETURNED, SIGN_ROLES, label="退回修改",
                   options={"needs_comment": True}),
        Transition("publish", frozenset({Status.SUBMITTED}), Status.PUBLISHED, SIGN_ROLES, label="发布"),
    ),
    status_labels={s.value: str(s.label) for s in Status},
)


def transition(status: str, action: str) -> Transition:
    """The row for ``action`` from ``status`` (``TransitionError`` with a Chinese message otherwise)."""
    return TABLE.find(status, action)


__all__ = ["EDITABLE", "EDIT_ROLES", "SIGN_ROLES", "TABLE", "Status", "TransitionError", "transition"]
