"""The one transition-table type every workflow uses (records, applications, annual reports).

A workflow is data: a tuple of ``Transition`` rows (from which statuses an action may start, the status
it leads to, which roles may take it, and any condition on the object such as the number of approval
levels) wrapped in a ``TransitionTable`` that answers two questions — "may this action run from this
status?" (``find``, raising the one ``TransitionError`` with a Chinese message) and "what may run from
here?" (``available``). Tables are pure: services look the row up, then do the write and the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class TransitionError(ValueError):
    """An action the object's current status does not allow; the message is for users (zh-Hans)."""


@dataclass(frozen=True)
class Transition:
    """One row: ``action`` moves an object from any of ``sources`` to ``target``.

    ``target`` None means the service decides (e.g. an application goes back to processing only when
    no consultation is left open). ``when`` holds conditions on the object's context, e.g.
    ``(("levels", 2),)`` for a step that exists only under two-level approval.
    """

    action: str
    sources: frozenset[str]
    target: str | None
    roles: tuple[str, ...] = ()
    label: str = ""
    when: tuple[tuple[str, object], ...] = ()
    options: Mapping[str, object] = field(default_factory=dict)

    def applies(self, context: Mapping[str, object]) -> bool:
        return all(context.get(key) == value for key, value in self.when)


class TransitionTable:
    """A workflow's rows with the labels that make its refusals readable."""

    def __init__(self, rows: Iterable[Transition], *, status_labels: Mapping[str, str],
                 action_labels: Mapping[str, str] | None = None) -> None:
        self.rows: tuple[Transition, ...] = tuple(rows)
        self.status_labels = dict(status_labels)
        self.action_labels = {r.action: r.label for r in self.rows if r.label} | dict(action_labels or {})
        unknown = {s for r in self.rows for s in (*r.sources, r.target) if s is not None} - set(self.status_labels)
        if unknown:
            raise ValueError(f"transition table names undeclared statuses: {sorted(unknown)}")

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(r.action for r in self.rows)

    def label(self, action: str) -> str:
        return self.action_labels.get(action, action)

    def find(self, status: str, action: str, **context: object) -> Transition:
        """The row for ``action`` from ``status`` under ``context``, or ``TransitionError``."""
        if action not in self.actions:
            raise TransitionError(f"未知操作“{action}”")
        for row in self.rows:
            if row.action == action and status in row.sources and row.applies(context):
                return row
        raise TransitionError(
            f"当前状态“{self.status_labels.get(status, status)}”下不能执行“{self.label(action)}”"
        )

    def available(self, status: str, **context: object) -> list[Transition]:
        """Rows that may run from ``status`` (first row per action), in table order."""
        seen: set[str] = set()
        out: list[Transition] = []
        for row in self.rows:
            if status in row.sources and row.applies(context) and row.action not in seen:
                seen.add(row.action)
                out.append(row)
        return out
