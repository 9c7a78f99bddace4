"""gongkai.portal (see docs/architecture.md)."""
