"""JSON API routes of ``gongkai.applications`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["applications"])
