"""gongkai.worklog (see docs/architecture.md)."""
