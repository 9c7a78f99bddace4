"""Writes to the appeals ledger: create and update a case (one transaction, one event each)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, Role
from gongkai.appeals.models import AppealCase, AppealOutcome
from gongkai.core import events
from gongkai.core.actors import Actor

FIELDS = ("kind", "case_number", "appellant", "body", "subject", "filed_on", "decided_on", "outcome", "note",
          "application")
ACTING = (Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)


def _validate(case: AppealCase) -> None:
    if case.application is not None and case.application.agency_id != case.agency_id:
        raise ValidationError("关联申请必须属于同一机关")
    if case.outcome != AppealOutcome.PENDING and case.decided_on is None:
        raise ValidationError("已审结的案件需填写审结日期")
    if case.outcome == AppealOutcome.PENDING and case.decided_on is not None:
        raise ValidationError("尚未审结的案件不应填写审结日期")
    if case.decided_on and case.decided_on < case.filed_on:
        raise ValidationError("审结日期不能早于立案日期")


def appeal_create(*, agency: Agency, data: dict[str, Any], actor: Actor) -> AppealCase:
    if not has_role(actor, agency, *ACTING):
        raise PermissionDenied("missing role")
    with transaction.atomic():
        case = AppealCase(agency=agency, **{k: v for k, v in data.items() if k in FIELDS})
        _validate(case)
        case.save()
        events.record(action="appeal.created", obj=case, actor=actor, agency=agency, after=events.snapshot(case))
    return case


def appeal_update(*, case: AppealCase, data: dict[str, Any], actor: Actor) -> AppealCase:
    if not has_role(actor, case.agency, *ACTING):
        raise PermissionDenied("missing role")
    with transaction.atomic():
        case = AppealCase.objects.select_for_update().get(pk=case.pk)
        before = events.snapshot(case)
        for k, v in data.items():
            if k in FIELDS:
                setattr(case, k, v)
        _validate(case)
        case.save()
        events.record(action="appeal.updated", obj=case, actor=actor, agency=case.agency, before=before,
                      after=events.snapshot(case))
    return case
