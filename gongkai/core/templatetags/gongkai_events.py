"""Template filters for what staff read about events: ``event_label`` (an event's action key as the
Chinese words) and ``person`` (who did it, by name: the account's full name, the login name only when
no name is recorded, and a given word such as "系统" for work no person did)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.core.eventlabels import label

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    return label(action)


@register.filter
def person(user: Any, nobody: str = "系统") -> str:
    if user is None or user == "":
        return nobody
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return str(name or getattr(user, "username", "") or user)
