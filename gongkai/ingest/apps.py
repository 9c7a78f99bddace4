"""App configuration for ``gongkai.ingest``."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "gongkai.ingest"
    label = "ingest"
