"""gongkai.applications (see docs/architecture.md)."""
