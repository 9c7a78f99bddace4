"""Fixtures shared with the catalog tests (an agency with one user per role)."""

from tests.catalog.conftest import org  # noqa: F401
