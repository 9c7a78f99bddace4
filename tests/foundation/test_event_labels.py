"""Staff never read an event's internal key: every key the code writes has Chinese words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gongkai.applications.workflow import TABLE as APPLICATION_TABLE
from gongkai.catalog.workflow import TABLE as CATALOG_TABLE
from gongkai.core import eventlabels
from gongkai.reports.workflow import TABLE as REPORT_TABLE

SRC = Path(__file__).resolve().parents[2] / "gongkai"
# Literal event keys in the code: record(action="x.y") and the keys chosen just before a record call.
_LITERAL = re.compile(r'action\s*=\s*"([a-z_]+\.[a-z_.]+)"|action\s*=\s*existing,\s*"([a-z_.]+)"|"(ingest\.[a-z_.]+)"')


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for m in _LITERAL.finditer(path.read_text(encoding="utf-8")):
            keys.update(k for k in m.groups() if k)
    return keys


def test_every_literal_event_key_has_a_label() -> None:
    keys = _literal_keys()
    assert len(keys) > 20  # the scan found the code's keys (it would pass vacuously on an empty set)
    assert sorted(k for k in keys if not eventlabels.known(k)) == []


@pytest.mark.parametrize(("prefix", "table"), [("catalog.record.", CATALOG_TABLE), ("application.", APPLICATION_TABLE),
                                                ("reports.report_", REPORT_TABLE)])
def test_every_workflow_action_event_has_its_table_label(prefix: str, table: object) -> None:
    for row in table.rows:  # type: ignore[attr-defined]
        assert eventlabels.label(prefix + row.action) == table.label(row.action)  # type: ignore[attr-defined]


def test_admin_and_unknown_keys_read_as_words() -> None:
    assert eventlabels.label("admin.auth.user.changed") == "后台修改"
    assert eventlabels.label("something.old") == "其他操作"


def test_case_page_shows_words_not_keys(client, db) -> None:
    from gongkai.agencies.models import Role
    from gongkai.applications import services
    from tests.conftest import AgencyFactory, member

    agency = AgencyFactory()
    user = member(agency, Role.CLERK)
    app = services.application_submit(agency=agency, data={"applicant_name": "张三", "phone": "1", "info_name": "x"},
                                      channel="in_person", received_on=dt.date(2026, 3, 2))
    client.force_login(user)
    html = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "收到申请" in html and "application.submitted" not in html
