"""Writes of supervision: issuing a 督办 note on a subordinate's case and the agency acknowledging it.

Issuing needs a role in an agency *above* the case's agency (its admin, office head or superior viewer:
督办 is the superior office's instruction, not a change to the case); acknowledging needs an acting role
in the case's agency. Each is one transaction and one event, recorded in the case agency's log so the
agency sees the instruction in its own history.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies.access import has_role, is_platform_admin
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.models import Application
from gongkai.applications.workflow import ACTING
from gongkai.core import clock, events
from gongkai.core.actors import Actor, person
from gongkai.supervision.models import SupervisionNote

SUPERVISING = (Role.ADMIN, Role.OFFICE_HEAD, Role.SUPERIOR_VIEWER)


def _ancestors(agency: Agency) -> list[int]:
    return [int(p) for p in agency.path.strip("/").split("/") if p and int(p) != agency.pk]


def supervising_agency(actor: Actor, agency: Agency) -> Agency | None:
    """The nearest agency above ``agency`` in which ``actor`` may supervise, or None."""
    above = _ancestors(agency)
    if not above:
        return None
    if is_platform_admin(actor):
        return Agency.objects.get(pk=above[-1])
    if not isinstance(actor, User):
        return None
    held = set(Membership.objects.filter(user=actor, agency_id__in=above, role__in=SUPERVISING)
               .values_list("agency_id", flat=True))
    for pk in reversed(above):
        if pk in held:
            return Agency.objects.get(pk=pk)
    return None


def note_issue(*, application: Application, text: str, actor: Actor) -> SupervisionNote:
    """督办: the superior office's note on a case; the agency must acknowledge it."""
    text = text.strip()
    if not text:
        raise ValidationError("请填写督办意见")
    superior = supervising_agency(actor, application.agency)
    if superior is None:
        raise PermissionDenied("missing role")
    with transaction.atomic():
        note = SupervisionNote.objects.create(application=application, from_agency=superior,
                                              to_agency=application.agency, text=text[:2000],
                                              issued_by=person(actor), issued_at=clock.now())
        events.record(action="supervision.note_issued", obj=application, actor=actor, agency=application.agency,
                      after={"note": note.pk, "from_agency": superior.pk, "text": note.text[:200]})
    return note


def note_acknowledge(*, note: SupervisionNote, response: str, actor: Actor) -> SupervisionNote:
    """The case's agency signs for a 督办 note, saying what it has done or will do."""
    if not has_role(actor, note.to_agency, *ACTING):
        raise PermissionDenied("missing role")
    if not response.strip():
        raise ValidationError("请说明办理情况")
    with transaction.atomic():
        note = SupervisionNote.objects.select_for_update().select_related("application", "to_agency").get(pk=note.pk)
        if note.acknowledged_at is not None:
            raise ValidationError("该督办意见已签收")
        note.acknowledged_at, note.acknowledged_by = clock.now(), person(actor)
        note.response = response.strip()[:500]
        note.save(update_fields=["acknowledged_at", "acknowledged_by", "response"])
        events.record(action="supervision.note_acknowledged", obj=note.application, actor=actor,
                      agency=note.to_agency, after={"note": note.pk, "response": note.response[:200]})
    return note
