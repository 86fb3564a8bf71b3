"""Compatibility path: the public views live in ``views/public.py``; the root conftest and
``apps.py`` still import ``public_lookups`` from here."""

from .views.public import public_lookups

__all__ = ["public_lookups"]
