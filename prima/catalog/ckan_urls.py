"""Compatibility path: ``prima/urls.py`` includes the CKAN adapter's URLs (``ckan.urls``)
under this name."""

from .ckan.urls import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
