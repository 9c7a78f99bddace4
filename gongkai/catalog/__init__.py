"""gongkai.catalog (see docs/architecture.md)."""
