"""Django project configuration: settings, URL routing, WSGI entry and the Celery app."""

from gongkai.config.celery import app as celery_app

__all__ = ["celery_app"]
