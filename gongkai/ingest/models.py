"""``ingest`` keeps no models: imported reports are report history, owned by ``gongkai.reports``.

``PublishedReport`` was declared here first and moved to ``gongkai.reports.models`` in Django's state
only; its table keeps the name ``ingest_publishedreport`` (ADR 0004). ``ingest`` parses and calls
``reports.history``.
"""
