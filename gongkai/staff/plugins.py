"""Finding optional per-app modules (``dashboard``, ``demo`` …) without the staff shell importing apps by name."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import apps


def app_modules(module: str) -> Iterator[ModuleType]:
    """Yield ``gongkai.<app>.<module>`` for every installed gongkai domain app that has it, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.name in ("gongkai.core", "gongkai.staff"):
            continue
        name = f"{config.name}.{module}"
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
