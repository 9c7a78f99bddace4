"""JSON API routes of ``gongkai.ingest`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["ingest"])
