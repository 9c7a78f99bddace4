"""Settings for the catalog benchmark's server: the embedded defaults plus a floor view URL.
``GONGKAI_BENCH_NO_PAGE_CACHE=1`` turns the portal's caches off (pages and the fragments the views keep)
to measure the cold path."""

import os

from gongkai.config.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench.catalog_urls"
PORTAL_PAGE_CACHE = os.environ.get("GONGKAI_BENCH_NO_PAGE_CACHE") != "1"
