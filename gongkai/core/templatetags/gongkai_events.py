"""Template filter ``event_label``: an event's action key as the Chinese words staff read."""

from __future__ import annotations

from django import template

from gongkai.core.eventlabels import label

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    return label(action)
