"""``{% case_supervision app %}``: the 督办 notes on a case, for the applications' case page (no import there)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.supervision.models import SupervisionNote

register = template.Library()


@register.inclusion_tag("supervision/_case_notes.html")
def case_supervision(app: Any) -> dict[str, Any]:
    return {"app": app, "notes": list(SupervisionNote.objects.filter(application_id=app.pk)
                                      .select_related("from_agency"))}
