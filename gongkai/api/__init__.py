"""gongkai.api (see docs/architecture.md)."""
