"""The start-up check that model choices equal the keys declared in gongkai.formats (issue 10 item 1)."""

from __future__ import annotations

import pytest
from django.core import checks

from gongkai.appeals.models import AppealKind, AppealOutcome
from gongkai.applications.models import Outcome
from gongkai.formats.declarations import (
    APPEAL_KIND_KEYS,
    APPEAL_RESULT_KEYS,
    OUTCOME_KEYS,
    TABLE4_PART_KEYS,
)
from gongkai.formats.shared import TABLE4_COLUMNS
from gongkai.reports import declared


def test_choices_match_declarations_and_check_is_registered() -> None:
    assert declared.check_declared_choices() == []
    assert list(Outcome.values) == list(OUTCOME_KEYS)
    assert list(AppealKind.values) == list(APPEAL_KIND_KEYS)
    assert list(AppealOutcome.values) == list(APPEAL_RESULT_KEYS)
    assert declared.check_declared_choices in checks.registry.registry.get_checks()
    assert set(TABLE4_PART_KEYS) < {c.key for c in TABLE4_COLUMNS}


@pytest.mark.parametrize("name", ["OUTCOME_KEYS", "APPEAL_KIND_KEYS", "APPEAL_RESULT_KEYS"])
def test_check_fails_when_choices_and_declaration_differ(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    keys = getattr(declared, name)
    monkeypatch.setattr(declared, name, (*keys[:-1], "made_up"))
    errors = declared.check_declared_choices()
    assert [e.id for e in errors] and {e.id for e in errors} == {"reports.E001"}
    assert any("made_up" in (e.hint or "") and keys[-1] in (e.hint or "") for e in errors)


def test_check_fails_on_order() -> None:
    errors = declared.compare([("x", ("a", "b"), ("b", "a"))])
    assert len(errors) == 1 and errors[0].level == checks.ERROR
