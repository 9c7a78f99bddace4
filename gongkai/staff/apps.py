"""App configuration for ``gongkai.staff``: the staff shell on top of the domain apps.

The shell owns what spans every app — the dashboard that collects each app's panels, the health check,
the staff navigation and login page, the plugin registry, and the ``serve`` and ``demo`` commands — so
that ``core`` stays the floor and imports no other gongkai app.
"""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "gongkai.staff"
    label = "staff"
    verbose_name = "工作台"
