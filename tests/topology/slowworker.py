"""A Celery worker that stops in the middle of its first index task and of its first reminder mail, so the
topology test can kill it exactly there. Run as ``python -m tests.topology.slowworker <celery args>``.

Each stop is taken once per marker directory (``GONGKAI_TOPOLOGY_MARKS``): the marker file is written
when the task reaches the point, then the process sleeps until it is killed. A later run (a restarted
worker given the redelivered task) finds the marker and goes straight through. Test code only: the
patch is applied in each pool process after it forks (``worker_process_init``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from celery.signals import worker_process_init

STALL_SECONDS = 600


def _stall_once(name: str) -> None:
    marker = Path(os.environ["GONGKAI_TOPOLOGY_MARKS"]) / name
    try:
        with marker.open("x"):
            pass
    except FileExistsError:
        return
    time.sleep(STALL_SECONDS)


@worker_process_init.connect
def _install(**_: Any) -> None:
    from gongkai.applications import tasks
    from gongkai.catalog import indexing

    real_index, real_mail = indexing.index_document, tasks.send_mail

    def index_document(**kwargs: Any) -> Any:
        _stall_once("index-started")  # killed here: the record is published, its index entry not written
        return real_index(**kwargs)

    def send_mail(*args: Any, **kwargs: Any) -> int:
        sent = real_mail(*args, **kwargs)
        _stall_once("first-mail-sent")  # killed here: one reminder out, the others not yet
        return sent

    indexing.index_document = index_document  # type: ignore[assignment]
    tasks.send_mail = send_mail  # type: ignore[assignment]


if __name__ == "__main__":
    from celery.__main__ import main

    sys.argv = ["celery", *sys.argv[1:]]
    main()
