"""What staff read for an event's action key: the one registry of Chinese labels of event actions.

Events are stored under stable English keys (``catalog.record.publish``, ``application.answer``) so the
log and its hash chain never change with wording; users must never see those keys. Each app registers
the labels of the events it writes when it is ready (workflow actions from its transition table, plain
writes from a small dict); ``label`` turns a key into Chinese, with a generic wording for admin writes
and a neutral fallback for keys of events written by an older release.
"""

from __future__ import annotations

from collections.abc import Mapping

_LABELS: dict[str, str] = {}

ADMIN_VERBS = {"added": "后台新增", "changed": "后台修改", "deleted": "后台删除", "password_changed": "后台修改密码"}
FALLBACK = "其他操作"


def register(labels: Mapping[str, str]) -> None:
    """Add ``key → 中文`` labels; a key registered twice with different wording is a programming error."""
    for key, text in labels.items():
        if _LABELS.get(key, text) != text:
            raise ValueError(f"event label for {key!r} declared twice: {_LABELS[key]!r} vs {text!r}")
        _LABELS[key] = str(text)


def known(action: str) -> bool:
    return action in _LABELS


def label(action: str) -> str:
    if action in _LABELS:
        return _LABELS[action]
    if action.startswith("admin."):
        verb = action.rsplit(".", 1)[-1]
        return ADMIN_VERBS.get(verb, "后台操作")
    return FALLBACK
