"""Issue 9, item 7: the event log is append-only at the database and tamper-evident by its hash chain.

Each test performs the attack: changing or removing events through every path that bypasses the ORM's
guard (base manager, plain querysets, ``_raw_delete``, raw SQL, TRUNCATE), altering a row behind a dropped
trigger, writing through /admin/, and appending concurrently to one chain.
"""

from __future__ import annotations

import importlib
import io
import threading
import types
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core import eventchain, events
from gongkai.core.admin import EventLoggedAdmin
from gongkai.core.models import Event, EventChain
from tests.conftest import AgencyFactory, UserFactory

REFUSED = "只能追加"


def _append(agency: Agency | None, n: int, **extra: Any) -> list[Event]:
    target = agency or AgencyFactory()
    with transaction.atomic():
        return [events.record(action="test.step", obj=target, agency=agency, after={"step": i, **extra})
                for i in range(n)]


def _verify(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("events", "verify", *args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def _refused(attack: Callable[[], object]) -> str:
    with pytest.raises(DatabaseError) as exc, transaction.atomic():
        attack()
    return str(exc.value)


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _immediate_constraints() -> None:
    # Django's foreign keys are deferred: PostgreSQL refuses ALTER/TRUNCATE while their checks are pending.
    if connection.vendor == "postgresql":
        _sql("SET CONSTRAINTS ALL IMMEDIATE")


def _disable_triggers() -> None:
    """What someone with the database owner's rights could do; rolled back with the test's transaction."""
    _immediate_constraints()
    if connection.vendor == "postgresql":
        _sql("ALTER TABLE core_event DISABLE TRIGGER USER")
    else:
        for name in eventchain.SQLITE_TRIGGERS:
            _sql(f"DROP TRIGGER {name}")


# ---------------------------------------------------------------- the triggers

ATTACKS: dict[str, Callable[[Event], object]] = {
    "base manager update": lambda ev: Event._base_manager.filter(pk=ev.pk).update(note="改"),
    "base manager delete": lambda ev: Event._base_manager.filter(pk=ev.pk).delete(),
    "plain queryset update": lambda ev: models.QuerySet(Event).filter(pk=ev.pk).update(action="forged"),
    "plain queryset delete": lambda ev: models.QuerySet(Event).filter(pk=ev.pk).delete(),
    "_raw_delete": lambda ev: Event._base_manager.filter(pk=ev.pk)._raw_delete(connection.alias),
    "Model.save_base": lambda ev: models.Model.save_base(ev, force_update=True),
    "raw SQL UPDATE": lambda ev: _sql("UPDATE core_event SET after = %s WHERE id = %s", ['{"step": 99}', ev.pk]),
    "raw SQL DELETE": lambda ev: _sql("DELETE FROM core_event WHERE id = %s", [ev.pk]),
    "raw SQL DELETE all": lambda ev: _sql("DELETE FROM core_event"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_trigger_refuses_change_or_removal(agency: Agency, attack: str) -> None:
    ev = _append(agency, 2)[0]
    message = _refused(lambda: ATTACKS[attack](ev))
    assert REFUSED in message
    stored = Event.objects.get(pk=ev.pk)
    assert (stored.action, stored.note, stored.after) == ("test.step", "", {"step": 0})
    assert Event.objects.filter(agency=agency).count() == 2
    assert _verify()[0] == 0


def test_truncate_refused_on_postgresql(agency: Agency) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE exists on PostgreSQL only")
    _append(agency, 1)
    _immediate_constraints()
    assert REFUSED in _refused(lambda: _sql("TRUNCATE core_event CASCADE"))
    assert Event.objects.filter(agency=agency).count() == 1


def test_flush_refuses_outside_test_settings(agency: Agency, settings: Any) -> None:
    settings.GONGKAI_ALLOW_EVENT_PURGE = False
    _append(agency, 1)
    with pytest.raises(CommandError, match="只能追加"):
        call_command("flush", interactive=False, verbosity=0)
    assert Event.objects.filter(agency=agency).count() == 1


# ---------------------------------------------------------------- the hash chain and verify

def test_chain_links_each_agency_separately(agency: Agency, other_agency: Agency) -> None:
    a = _append(agency, 3)
    b = _append(other_agency, 2)
    g = _append(None, 2)
    assert [e.seq for e in a] == [1, 2, 3] and [e.seq for e in b] == [1, 2]
    assert a[0].prev_hash == eventchain.GENESIS and a[1].prev_hash == a[0].hash and a[2].prev_hash == a[1].hash
    assert b[0].prev_hash == eventchain.GENESIS
    assert g[1].prev_hash == g[0].hash and Event.objects.get(pk=g[1].pk).agency_id is None
    head = EventChain.objects.get(key=eventchain.chain_key(agency.pk))
    assert (head.length, head.head_hash) == (3, a[2].hash)
    code, out = _verify()
    assert code == 0, out
    assert "全部完好" in out


def test_hash_survives_the_database_round_trip(agency: Agency) -> None:
    # Values each database stores differently from how Python wrote them (float, tuple, nested keys, CJK).
    ev = _append(agency, 1, ratio=1.0, big=1e16, huge=1.5e300, small=0.1, tiny=1e-7, pair=(1, 2),
                 nested={"b": {"甲": None}, "a": []})[0]
    stored = Event.objects.get(pk=ev.pk)
    assert eventchain.event_hash(stored.chain_fields()) == stored.hash == ev.hash


def test_verify_reports_exactly_the_altered_event(agency: Agency, other_agency: Agency) -> None:
    first, altered, last = _append(agency, 3)
    _append(other_agency, 2)
    _disable_triggers()
    _sql("UPDATE core_event SET after = %s WHERE id = %s", ['{"step": 1, "amount": 0}', altered.pk])
    code, out = _verify()
    assert code == 1
    assert f"事件 #{altered.pk}，" in out and "内容与哈希不符" in out
    assert f"#{first.pk}，" not in out and f"#{last.pk}，" not in out
    assert out.count("断链") == 1  # the other agency's chain is intact
    assert "1 条链断开" in out


def test_verify_reports_a_removed_event_and_a_removed_tail(agency: Agency, other_agency: Agency) -> None:
    a = _append(agency, 4)
    b = _append(other_agency, 3)
    _disable_triggers()
    _sql("DELETE FROM core_event WHERE id = %s", [a[1].pk])
    _sql("DELETE FROM core_event WHERE id = %s", [b[2].pk])
    code, out = _verify()
    assert code == 1
    assert f"事件 #{a[2].pk}，" in out and "链内序号应为 2，实为 3" in out
    assert f"事件 #{b[1].pk}，" in out and "末尾的记录被删除" in out
    code, out = _verify("--agency", other_agency.code)
    assert code == 1 and f"#{a[2].pk}" not in out and "已校验 1 条链" in out


def test_verify_reports_a_forged_link(agency: Agency) -> None:
    # A forger who recomputes the altered event's own hash still breaks the next event's link.
    a = _append(agency, 3)
    forged = Event.objects.get(pk=a[1].pk)
    forged.note = "伪造"
    new_hash = eventchain.event_hash(forged.chain_fields())
    _disable_triggers()
    _sql("UPDATE core_event SET note = %s, hash = %s WHERE id = %s", ["伪造", new_hash, a[1].pk])
    code, out = _verify()
    assert code == 1 and f"事件 #{a[2].pk}，" in out and "不衔接" in out


def test_verify_fails_when_triggers_are_missing(agency: Agency) -> None:
    _append(agency, 1)
    _disable_triggers()
    if connection.vendor == "postgresql":  # disabled, not dropped: drop them for this check
        _sql(eventchain.PG_DROP)
    code, out = _verify()
    assert code == 1 and "触发器" in out


def test_bulk_create_refused(agency: Agency) -> None:
    with pytest.raises(Exception, match="one at a time"):
        Event.objects.bulk_create([Event(at=events.clock.now(), action="x", object_type="x", object_id="1")])


def test_backfill_migration_chains_existing_events(agency: Agency, other_agency: Agency) -> None:
    _append(agency, 3)
    _append(other_agency, 2)
    _disable_triggers()
    _sql("UPDATE core_event SET seq = -id, prev_hash = '', hash = ''")  # as before 0002 (unique seq)
    _sql("DELETE FROM core_eventchain")
    assert _verify()[0] == 1
    migration = importlib.import_module("gongkai.core.migrations.0003_event_chain_backfill")
    state = MigrationLoader(connection).project_state(("core", "0002_event_chain_fields"), at_end=True)
    migration.backfill(state.apps, types.SimpleNamespace(connection=connection))
    out = _verify()[1]  # exit code also reflects the triggers dropped above (SQLite)
    assert "全部完好" in out, out


# ---------------------------------------------------------------- admin writes

@pytest.fixture
def superuser(db: Any) -> Any:
    return get_user_model().objects.create_superuser("root", "root@example.org", "pw-root-123456")


def test_every_admin_logs_its_writes() -> None:
    unlogged = [m._meta.label for m, a in admin.site._registry.items()
                if m is not Event and not isinstance(a, EventLoggedAdmin)]
    assert unlogged == []


def test_admin_add_change_delete_record_events(client: Any, superuser: Any, agency: Agency) -> None:
    user = UserFactory()
    client.force_login(superuser)
    resp = client.post("/admin/agencies/membership/add/", {"user": user.pk, "agency": agency.pk, "role": Role.CLERK})
    assert resp.status_code == 302, resp.content[:2000]
    m = Membership.objects.get(user=user, agency=agency)
    added = Event.objects.get(action="admin.agencies.membership.added", object_id=str(m.pk))
    assert added.actor == superuser and added.agency == agency and added.after["role"] == Role.CLERK

    resp = client.post(f"/admin/agencies/membership/{m.pk}/change/",
                       {"user": user.pk, "agency": agency.pk, "role": Role.REVIEWER})
    assert resp.status_code == 302
    changed = Event.objects.get(action="admin.agencies.membership.changed", object_id=str(m.pk))
    assert (changed.before["role"], changed.after["role"]) == (Role.CLERK, Role.REVIEWER)

    resp = client.post(f"/admin/agencies/membership/{m.pk}/delete/", {"post": "yes"})
    assert resp.status_code == 302 and not Membership.objects.filter(pk=m.pk).exists()
    deleted = Event.objects.get(action="admin.agencies.membership.deleted", object_id=str(m.pk))
    assert deleted.before["role"] == Role.REVIEWER and deleted.actor == superuser
    assert _verify()[0] == 0


def test_admin_bulk_delete_and_user_password_are_logged(client: Any, superuser: Any, agency: Agency) -> None:
    users = [UserFactory() for _ in range(2)]
    ms = [Membership.objects.create(user=u, agency=agency, role=Role.CLERK) for u in users]
    client.force_login(superuser)
    resp = client.post("/admin/agencies/membership/", {
        "action": "delete_selected", "_selected_action": [m.pk for m in ms], "post": "yes"})
    assert resp.status_code == 302 and not Membership.objects.filter(agency=agency).exists()
    assert Event.objects.filter(action="admin.agencies.membership.deleted", agency=agency).count() == 2

    target = users[0]
    resp = client.post(f"/admin/auth/user/{target.pk}/password/", {
        "password1": "Xk9-新密码-2026-long", "password2": "Xk9-新密码-2026-long", "usable_password": "true"})
    assert resp.status_code == 302, resp.content[:2000]
    ev = Event.objects.get(action="admin.auth.user.password_changed", object_id=str(target.pk))
    assert ev.actor == superuser and ev.before is None and ev.after is None  # the hash never enters the log

    resp = client.post(f"/admin/auth/user/{target.pk}/change/", {
        "username": target.username, "is_active": "on", "is_superuser": "on",
        "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00"})
    assert resp.status_code == 302, resp.content[:3000]
    ev = Event.objects.get(action="admin.auth.user.changed", object_id=str(target.pk))
    assert ev.before["is_superuser"] is False and ev.after["is_superuser"] is True
    assert "password" not in ev.after


# ---------------------------------------------------------------- concurrent appends (PostgreSQL)

THREADS = 8
PER_THREAD = 15


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_appends_keep_one_valid_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL server (row locks)")
    agency = AgencyFactory()
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(PER_THREAD):
                with transaction.atomic():
                    events.record(action="test.concurrent", obj=agency, agency=agency, after={"t": n, "i": i})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(Event.objects.filter(agency=agency).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, THREADS * PER_THREAD + 1))
    code, out = _verify("--agency", agency.code)
    assert code == 0, out
