"""gongkai (公开): a platform for government information disclosure under 国务院令第711号.

The package holds one Django project (``gongkai.config``) and its domain apps; see
docs/architecture.md for what lives where.
"""

__version__ = "0.1.0"
