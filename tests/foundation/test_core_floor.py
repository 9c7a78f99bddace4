"""core is the floor: it imports no gongkai app; the named system actor; catalog's review table on core's type."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction

from gongkai.agencies.access import has_role, is_platform_admin, readable_agencies
from gongkai.agencies.models import Agency, Role
from gongkai.appeals import services as appeal_services
from gongkai.catalog import workflow as catalog_workflow
from gongkai.catalog.workflow import TABLE, Action, Status
from gongkai.core import events, workflow
from gongkai.core.actors import SYSTEM, person
from gongkai.core.models import Event
from tests.conftest import member

CORE = Path(__file__).resolve().parents[2] / "gongkai" / "core"


def _gongkai_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "gongkai" or name.startswith("gongkai.")}


def test_core_imports_no_other_gongkai_app() -> None:
    # Until the repository's import-linter contract runs in `make test`, this keeps the floor a floor.
    outside = {
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _gongkai_imports(path)
        if not name.startswith("gongkai.core")
    }
    assert outside == set()


def test_system_actor_holds_every_role_but_is_no_login(agency: Agency) -> None:
    assert is_platform_admin(SYSTEM)
    assert has_role(SYSTEM, agency, Role.ADMIN)
    assert agency in readable_agencies(SYSTEM)
    assert SYSTEM.is_authenticated is False
    assert person(SYSTEM) is None
    assert person(AnonymousUser()) is None
    assert not is_platform_admin(AnonymousUser())


@pytest.mark.django_db
def test_system_events_leave_the_actor_column_empty_and_users_fill_it(agency: Agency) -> None:
    user = member(agency, Role.CLERK)
    with transaction.atomic():
        by_system = events.record(action="test.system", obj=agency, actor=SYSTEM, agency=agency)
        by_user = events.record(action="test.user", obj=agency, actor=user, agency=agency)
    assert Event.objects.get(pk=by_system.pk).actor_id is None
    assert Event.objects.get(pk=by_user.pk).actor_id == user.pk
    assert Event.objects.get(pk=by_user.pk).agency_id == agency.pk


def test_appeal_writes_check_the_actor_with_no_bypass(agency: Agency) -> None:
    data = {"kind": "review", "appellant": "甲", "subject": "不服答复", "filed_on": "2026-02-01"}
    # A visitor (or a user without an acting role) is refused; there is no actor that skips the check.
    with pytest.raises(PermissionDenied):
        appeal_services.appeal_create(agency=agency, data=data, actor=AnonymousUser())
    with pytest.raises(PermissionDenied):
        appeal_services.appeal_create(agency=agency, data=data, actor=member(agency, Role.REVIEWER))
    assert appeal_services.appeal_create(agency=agency, data=data, actor=SYSTEM).pk


@pytest.mark.django_db
def test_agencies_import_command_acts_as_system(tmp_path: Path) -> None:
    csv = tmp_path / "a.csv"
    csv.write_text("code,name,level,kind\n555000001,导入测试局,county,department\n", encoding="utf-8")
    call_command("agencies", "import", str(csv))
    created = Agency.objects.get(code="555000001")
    assert Event.objects.filter(action="agency.created", object_id=str(created.pk), actor__isnull=True).exists()


def test_catalog_review_table_is_cores_type_with_approval_levels() -> None:
    assert isinstance(TABLE, workflow.TransitionTable)
    assert not hasattr(catalog_workflow, "TransitionError")  # one class: core.workflow.TransitionError
    assert TABLE.find(Status.REVIEWED, Action.APPROVE, levels=1).target == Status.APPROVED
    assert TABLE.find(Status.REVIEWED, Action.APPROVE, levels=2).target == Status.FIRST_APPROVED
    with pytest.raises(workflow.TransitionError, match="当前状态“待二级审批”下不能执行“审批同意”"):
        TABLE.find(Status.FIRST_APPROVED, Action.APPROVE, levels=1)
    assert [t.action for t in TABLE.available(Status.REVIEWED, levels=2)] == [Action.APPROVE, Action.REJECT]
