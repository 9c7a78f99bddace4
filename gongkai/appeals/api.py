"""JSON API routes of ``gongkai.appeals`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["appeals"])
