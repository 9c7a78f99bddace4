"""App configuration for ``gongkai.portal``: connects the agency-edit signal that invalidates the
cached public pages of that agency (``gongkai.portal.cache``)."""

from django.apps import AppConfig
from django.db.models import Model


def _agency_saved(sender: type[Model], instance: Model, **kwargs: object) -> None:
    from gongkai.catalog import versions

    versions.bump(instance.pk)


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gongkai.agencies.models import Agency
        from gongkai.portal import site  # noqa: F401  (connects the SiteSettings post_save receiver)

        post_save.connect(_agency_saved, sender=Agency, dispatch_uid="portal-agency-saved")
        post_delete.connect(_agency_saved, sender=Agency, dispatch_uid="portal-agency-deleted")
