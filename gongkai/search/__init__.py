"""gongkai.search (see docs/architecture.md)."""
