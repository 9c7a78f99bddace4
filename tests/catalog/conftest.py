"""Fixtures for catalog tests: an agency with one member per role and a default category."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from tests.conftest import AgencyFactory, member


@pytest.fixture
def org(db: Any) -> dict[str, Any]:
    agency = AgencyFactory(code="11441700007280420Y", name="测试县教育局")
    services.categories_ensure(agency=agency, actor=SYSTEM)
    return {
        "agency": agency,
        "clerk": member(agency, Role.CLERK),
        "reviewer": member(agency, Role.REVIEWER),
        "approver": member(agency, Role.APPROVER),
        "approver2": member(agency, Role.APPROVER),
        "all": member(agency),
    }
