"""gongkai.appeals (see docs/architecture.md)."""
