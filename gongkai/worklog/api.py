"""JSON API routes of ``gongkai.worklog`` (mounted under /api/ by gongkai.api)."""

from ninja import Router

router = Router(tags=["worklog"])
