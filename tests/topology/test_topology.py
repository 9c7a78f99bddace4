"""The scaled topology, end to end (issue 16, item 1): two gunicorn app servers (A, B) with the production
settings, a real Celery worker and beat, PostgreSQL and Redis — see conftest.py for how they are started.

Each test goes through the servers over HTTP, as users would: staff publish on A, the public searches on B;
a page cached by A must not outlive a publication when B serves it; beat's reminder arrives once; an
application sent to A is on B's staff list; a worker killed in the middle of a task loses no index update
and mails no one twice once it is restarted.
"""

from __future__ import annotations

import email
import email.policy
import subprocess
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from gongkai.agencies.demo import DEMO_PASSWORD
from tests.topology.harness import PYTHON, ROOT, Browser, Topology, titles_in, wait_for

pytestmark = pytest.mark.topology

RECIPIENTS = ("clerk@topology.example.org", "head@topology.example.org")
FAR_DAY = "2031-06-02"  # a reminder run for another day than beat's, sent by hand in the kill test


def _staff(topo: Topology, server: str, username: str = "approver") -> Browser:
    browser = Browser(topo.urls[server])
    browser.login(username, DEMO_PASSWORD)
    return browser


def _publish(topo: Topology, server: str, record_id: int) -> None:
    done = _staff(topo, server).post(f"/staff/catalog/{record_id}/publish/")
    assert done.status == 302 and done.location.rstrip("/").endswith(str(record_id)), (done.status, done.text[:300])


def _found(topo: Topology, server: str, term: str, title: str) -> bool:
    page = Browser(topo.urls[server]).get("/search/?q=" + urllib.parse.quote(term))
    assert page.status == 200, page.status
    return title in titles_in(page.text)


def _mails(topo: Topology) -> list[tuple[str, str, str]]:
    """(Message-ID, recipient, subject) of every mail the file backend wrote, across all processes."""
    out = []
    for path in sorted(Path(topo.env["GONGKAI_EMAIL_FILE_PATH"]).glob("*.log")):
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("\n" + "-" * 79 + "\n"):
            if not chunk.strip():
                continue
            msg = email.message_from_string(chunk, policy=email.policy.default)
            out.append((str(msg["Message-ID"]), str(msg["To"]), str(msg["Subject"])))
    return out


def _reminders(topo: Topology, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, int]:
    counts = dict.fromkeys(RECIPIENTS, 0)
    for mid, to, subject in _mails(topo):
        if "到期提醒" in subject and mid not in exclude:
            counts[to] = counts.get(to, 0) + 1
    return counts


def _wait_today_reminders(topology: dict[str, Any]) -> dict[str, int]:
    topo = topology["topo"]
    return wait_for("beat's due reminder to reach the clerk and the office head",
                    lambda: (c := _reminders(topo, topology.setdefault("extra_mail", set())))
                    and all(c[r] >= 1 for r in RECIPIENTS) and c, timeout=60, logs=topo.logs)


def test_publish_on_a_is_indexed_by_the_worker_and_found_on_b(topology: dict[str, Any]) -> None:
    topo, record = topology["topo"], topology["seed"]["records"][0]
    assert not _found(topo, "B", record["term"], record["title"])  # approved, not yet published
    _publish(topo, "A", record["id"])
    wait_for("the worker to index the record so that B's search finds it",
             lambda: _found(topo, "B", record["term"], record["title"]), timeout=60, logs=topo.logs)
    assert _found(topo, "A", record["term"], record["title"])


def test_page_cached_on_a_is_invalidated_for_b_by_a_publication(topology: dict[str, Any]) -> None:
    topo, record, redis = topology["topo"], topology["seed"]["records"][1], topology["redis"]
    path = f"/gk/{topology['seed']['agency_id']}/content/"
    before = set(redis.scan_iter(match="*portal:page:*"))
    first = Browser(topo.urls["A"]).get(path)
    assert first.status == 200 and record["title"] not in titles_in(first.text)
    stored = set(redis.scan_iter(match="*portal:page:*")) - before
    assert len(stored) == 1, "A stored the page in the shared cache"
    key = stored.pop()
    ttl_after_a = redis.pttl(key)
    time.sleep(1.5)
    second = Browser(topo.urls["B"]).get(path)
    assert second.status == 200 and record["title"] not in titles_in(second.text)
    # B served A's entry: it did not store the page again (the entry kept ageing).
    assert redis.pttl(key) <= ttl_after_a - 1000

    _publish(topo, "A", record["id"])
    # No worker involved: the publication bumped the agency's version in its own transaction, so B's next
    # request misses A's entry at once.
    after = Browser(topo.urls["B"]).get(path)
    assert after.status == 200 and record["title"] in titles_in(after.text)


def test_beat_sends_the_due_reminder_once_a_day(topology: dict[str, Any]) -> None:
    topo = topology["topo"]
    _wait_today_reminders(topology)
    time.sleep(3 * 3 + 2)  # at least three more beat ticks (every 3 s here)
    assert _reminders(topo, topology["extra_mail"]) == dict.fromkeys(RECIPIENTS, 1)
    beat_log = topo.procs["beat"].log.read_text(errors="replace")
    assert beat_log.count("send_due_reminders") >= 3, "beat fired repeatedly; the claims kept it to one mail"


def test_application_submitted_on_a_is_visible_to_staff_on_b(topology: dict[str, Any]) -> None:
    topo = topology["topo"]
    info = "拓扑测试在线申请的政府信息"
    sent = Browser(topo.urls["A"]).post_json("/api/applications/submit", {
        "agency_id": topology["seed"]["agency_id"], "applicant_type": "natural_person",
        "applicant_name": "拓扑申请人", "id_number": "110101199001011237", "phone": "13900000000",
        "info_name": info})
    assert sent.status == 201, (sent.status, sent.text[:300])
    listing = _staff(topo, "B", "clerk").get("/staff/applications/")
    assert listing.status == 200
    assert info in titles_in(listing.text)


def test_killed_worker_loses_no_index_update_and_mails_no_one_twice(topology: dict[str, Any]) -> None:
    topo, record = topology["topo"], topology["seed"]["records"][2]
    _wait_today_reminders(topology)  # today's reminders are out: any reminder after this is FAR_DAY's
    baseline = {mid for mid, _to, _s in _mails(topo)}
    marks = Path(topo.env["GONGKAI_TOPOLOGY_MARKS"])
    topo.stop("worker")
    try:
        # 1. The worker dies while indexing a published record.
        topo.start_worker("stalling-1", stalling=True)
        _publish(topo, "A", record["id"])
        wait_for("the worker to start indexing", lambda: (marks / "index-started").exists(), logs=topo.logs)
        topo.kill("stalling-1")
        assert not _found(topo, "B", record["term"], record["title"])  # published, index not yet written

        # 2. A worker dies after the first of two reminder mails of one run.
        subprocess.run([PYTHON, "-m", "celery", "-A", "gongkai.config", "call",
                        "gongkai.applications.tasks.send_due_reminders", "--args", f'["{FAR_DAY}"]'],
                       env=topo.env, check=True, capture_output=True, timeout=120)
        topo.start_worker("stalling-2", stalling=True)
        wait_for("the first reminder mail of the run", lambda: (marks / "first-mail-sent").exists(),
                 timeout=90, logs=topo.logs)
        topo.kill("stalling-2")
        new = [m for m in _mails(topo) if m[0] not in baseline]
        assert len(new) == 1 and "到期提醒" in new[0][2], new
    finally:
        topo.start_worker()

    # 3. Restarted: both unacknowledged tasks come back after the visibility timeout and complete.
    wait_for("the redelivered index task (B's search finds the record)",
             lambda: _found(topo, "B", record["term"], record["title"]), timeout=90, logs=topo.logs)
    wait_for("the redelivered reminder run to mail the second recipient",
             lambda: len([m for m in _mails(topo) if m[0] not in baseline]) >= 2, timeout=90, logs=topo.logs)
    time.sleep(int(topo.env["GONGKAI_TASK_VISIBILITY_SECONDS"]) + 4)  # room for any further redelivery
    far_day = [m for m in _mails(topo) if m[0] not in baseline]
    topology["extra_mail"].update(m[0] for m in far_day)
    assert sorted(to for _mid, to, _s in far_day) == sorted(RECIPIENTS)


def test_backup_restores_into_a_fresh_database(topology: dict[str, Any], tmp_path: Path) -> None:
    """deploy/backup: pg_dump + the media store, restored into a new database and media directory; the
    restored event log verifies and holds what the running one holds."""
    import psycopg

    topo = topology["topo"]
    media = Path(topo.env["GONGKAI_MEDIA_ROOT"])
    (media / "attachments").mkdir(parents=True, exist_ok=True)
    (media / "attachments" / "backup-probe.txt").write_text("附件内容", encoding="utf-8")
    server, name = topology["db"].rsplit("/", 1)
    admin = server.replace("postgres://", "postgresql://", 1)
    # Search entries are written by the Celery worker after the commit that asks for them: wait until an earlier
    # test's indexing has landed, so the dump and the live database are compared at rest (a race seen once).
    last, quiet = -1, 0
    for _ in range(30):
        with psycopg.connect(f"{admin}/{name}") as conn:
            now = conn.execute("SELECT count(*) FROM search_searchentry").fetchone()[0]  # type: ignore[index]
        quiet = quiet + 1 if now == last else 0
        if quiet >= 3:
            break
        last = now
        time.sleep(1)
    stamp = topo.run("bash", str(ROOT / "deploy" / "backup" / "backup.sh"), str(tmp_path / "backup")).split()[-1]
    fresh = f"{name}_restored"
    with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        env = dict(topo.env, DATABASE_URL=f"{server}/{fresh}", GONGKAI_MEDIA_ROOT=str(tmp_path / "media-restored"))
        topo.run("bash", str(ROOT / "deploy" / "backup" / "restore.sh"), str(tmp_path / "backup"), stamp, env=env)
        verified = topo.run(PYTHON, "-m", "gongkai.cli", "events", "verify", env=env)
        assert "全部完好" in verified, verified[-500:]
        tables = ("core_event", "catalog_record", "applications_application", "search_searchentry", "auth_user")
        counts = {}
        for db in (name, fresh):
            with psycopg.connect(f"{admin}/{db}") as conn:
                counts[db] = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}  # type: ignore[index]
        assert counts[fresh] == counts[name] and counts[fresh]["core_event"] > 0
        restored = tmp_path / "media-restored" / "attachments" / "backup-probe.txt"
        assert restored.read_text(encoding="utf-8") == "附件内容"
    finally:
        with psycopg.connect(admin + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
