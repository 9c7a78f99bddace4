"""索引号 allocation under concurrent publication against the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection

from gongkai.catalog import services
from gongkai.catalog.models import Record
from gongkai.catalog.rules import INDEX_NUMBER_RE
from tests.catalog.helpers import draft

N = 80
THREADS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_publication_has_no_gaps_or_duplicates(org: dict[str, Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL server (row locks)")
    ids = []
    for i in range(N):
        r = draft(org, title=f"并发发布测试{i}")
        for action, who in (("submit", "clerk"), ("review_pass", "reviewer"), ("approve", "approver")):
            r = services.record_act(record=r, action=action, actor=org[who], reason="同意公开")
        ids.append(r.pk)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    now = dt.datetime(2026, 11, 23, 3, tzinfo=dt.UTC)

    def worker(chunk: list[int]) -> None:
        try:
            barrier.wait()
            for pk in chunk:
                services.record_act(record=Record.objects.get(pk=pk), action="publish", actor=org["approver"], now=now)
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(ids[i::THREADS],)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    numbers = list(Record.objects.filter(pk__in=ids).values_list("index_number", flat=True))
    serials = sorted(int(INDEX_NUMBER_RE.match(n).group("serial")) for n in numbers)  # type: ignore[union-attr]
    assert serials == list(range(1, N + 1))
    assert all(n.startswith("11441700007280420Y/2026-") for n in numbers)
