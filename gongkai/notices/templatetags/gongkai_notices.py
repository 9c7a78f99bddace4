"""``{% case_notices app %}``: the notices sent about a case, for the case page (state, attempts, retry).

A template tag, so the applications' case page can show them without applications importing notices
(notices sits above applications in the layers).
"""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.notices.models import Notice

register = template.Library()


@register.inclusion_tag("notices/_case_notices.html", takes_context=True)
def case_notices(context: Any, app: Any) -> dict[str, Any]:
    rows = list(Notice.objects.filter(application_id=app.pk).order_by("created_at", "id"))
    return {"notices": rows, "can_act": context.get("can_act", False), "csrf_token": context.get("csrf_token")}
