"""Template filters of the catalog pages."""

from __future__ import annotations

from django import template

from prima.core.charts import display_number

register = template.Library()


@register.filter
def angka(value) -> str:
    """A figure with Indonesian grouping (``77125`` → "77.125")."""
    return display_number(value)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None
