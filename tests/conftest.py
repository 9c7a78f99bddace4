"""Shared fixtures: factories for agencies and users, the database calendar, browser launching.

Transactional tests (``transaction=True``, ``live_server``) flush the database afterwards, which would
remove the calendar seeded by migration; use ``serialized_rollback=True`` with them so the seed is restored.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import factory
import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, Kind, Level, Membership, Role

_codes = iter(range(100000000, 199999999))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.LazyFunction(lambda: str(next(_codes)))
    name = factory.Sequence(lambda n: f"测试机关{n}")
    level = Level.COUNTY
    kind = Kind.DEPARTMENT
    office_name = "办公室"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-12345678")

    @factory.post_generation
    def _save(obj, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()


def member(agency: Agency, *roles: str, username: str | None = None) -> Any:
    """A user holding ``roles`` in ``agency`` (all acting roles when none are named)."""
    user = UserFactory(username=username) if username else UserFactory()
    for role in roles or [r for r in Role.values if r != Role.SUPERIOR_VIEWER]:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Rate-limit counters live in the cache and every test client is 127.0.0.1: start each test empty so
    one test's requests never count against another's limits."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def agency(db: Any) -> Agency:
    return AgencyFactory()


@pytest.fixture
def other_agency(db: Any) -> Agency:
    return AgencyFactory(name="无关机关")


@pytest.fixture
def calendar(db: Any) -> Any:
    from gongkai.workdays.services import get_calendar

    return get_calendar()


@pytest.fixture
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("Debian's chromium is required for browser tests (scripts/system-deps.sh installs it)")
    return path


@pytest.fixture
def browser_page(chromium_path: str) -> Iterator[Any]:
    """A Playwright page in Debian's chromium (never a downloaded browser)."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ])
        page = browser.new_page(locale="zh-CN")
        try:
            yield page
        finally:
            browser.close()
