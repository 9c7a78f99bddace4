"""JSON API routes of ``gongkai.reports`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["reports"])
