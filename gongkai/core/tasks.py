"""Background-task seam: Celery app configured so tasks run in-process unless a broker is set."""

from __future__ import annotations

from gongkai.config.celery import app

__all__ = ["app"]
