"""gongkai.ingest (see docs/architecture.md)."""
