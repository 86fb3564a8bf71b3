"""Compatibility path: the CKAN adapter lives in ``prima.catalog.ckan``; ``prima/urls.py``
mounts the unversioned ``/api/action/`` path on this name."""

from .ckan.dispatch import action_view

__all__ = ["action_view"]
