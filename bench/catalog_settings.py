"""Settings for the catalog benchmark's server: the embedded defaults plus a floor view URL."""

from gongkai.config.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.catalog_urls"
