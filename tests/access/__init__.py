"""Cross-agency access contract: each module here (one per app) defines ``make(agency, user)`` returning URL
kwargs for objects of ``agency`` carrying ``MARKER``, and ``PUBLIC_PATHS`` (public-by-design prefixes)."""

MARKER = "MARKER-甲机关-内部"
