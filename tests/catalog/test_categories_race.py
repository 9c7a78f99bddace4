"""Two first requests for an agency's categories at once create the defaults exactly once (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from gongkai.catalog import services
from gongkai.catalog.models import InfoCategory
from gongkai.catalog.rules import DEFAULT_CATEGORIES
from gongkai.core.actors import SYSTEM
from tests.conftest import AgencyFactory

THREADS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_default_categories() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL server (row locks)")
    agency = AgencyFactory()
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            services.categories_ensure(agency=agency, actor=SYSTEM)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert InfoCategory.objects.filter(agency=agency).count() == len(DEFAULT_CATEGORIES)
