"""Settings modules: ``base`` (shared, read from the environment), ``test`` and ``prod``."""
