"""Start-up check that the ledger apps' model choices still equal the keys declared in ``gongkai.formats``.

The report is a GROUP BY over the ledgers, so an application outcome, an appeal kind or an appeal result
that is not a declared Table 3 row or Table 4 column would be counted nowhere (or raise deep inside a
report). ``reports`` sits above the ledger apps and ``formats``, so it is the one place allowed to
compare them; the check runs with every ``manage.py`` command and in the test suite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.apps import AppConfig
from django.core import checks

from gongkai.appeals.models import AppealKind, AppealOutcome
from gongkai.applications.models import ApplicantType, Outcome
from gongkai.formats import TABLE3_APPLICANT_COLUMNS
from gongkai.formats.declarations import APPEAL_KIND_KEYS, APPEAL_RESULT_KEYS, OUTCOME_BASIS, OUTCOME_KEYS

# (what is compared, the model's choice values, the declared keys)
Pair = tuple[str, Sequence[str], Sequence[str]]


def choice_pairs() -> list[Pair]:
    return [
        ("applications.Outcome", list(Outcome.values), OUTCOME_KEYS),
        ("applications.ApplicantType", list(ApplicantType.values), TABLE3_APPLICANT_COLUMNS),
        ("applications OUTCOME_BASIS", list(OUTCOME_BASIS), OUTCOME_KEYS),
        ("appeals.AppealKind", list(AppealKind.values), APPEAL_KIND_KEYS),
        ("appeals.AppealOutcome", list(AppealOutcome.values), APPEAL_RESULT_KEYS),
    ]


def compare(pairs: Iterable[Pair]) -> list[checks.CheckMessage]:
    """One error per pair whose choices differ from the declaration (order included: forms list them)."""
    out: list[checks.CheckMessage] = []
    for name, actual, declared in pairs:
        if tuple(actual) != tuple(declared):
            missing = sorted(set(declared) - set(actual))
            extra = sorted(set(actual) - set(declared))
            out.append(checks.Error(
                f"{name} does not match the keys declared in gongkai.formats.declarations",
                hint=f"missing: {missing}; not declared: {extra}; order must follow the declaration",
                obj=name, id="reports.E001"))
    return out


def check_declared_choices(app_configs: Sequence[AppConfig] | None = None,
                           **kwargs: object) -> list[checks.CheckMessage]:
    return compare(choice_pairs())
