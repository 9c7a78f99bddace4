"""gongkai.reports (see docs/architecture.md)."""
