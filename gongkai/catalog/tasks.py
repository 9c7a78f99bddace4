"""Background tasks of the catalog: (re)indexing one record for search after its transaction commits.

Runs in-process when no broker is configured (eager Celery), on a worker otherwise, so a slow
index never blocks publishing. Only published records that are proactively disclosed are searchable.
"""

from __future__ import annotations

from celery import shared_task

from gongkai.catalog.indexing import index_record_now


@shared_task(name="gongkai.catalog.index_record")
def index_record(record_id: int) -> None:
    index_record_now(record_id)
