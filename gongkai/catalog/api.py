"""JSON API routes of ``gongkai.catalog`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["catalog"])
