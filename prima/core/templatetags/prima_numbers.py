"""``{% load prima_numbers %}``: ``{{ value|figure }}`` (see ``prima.core.numbers``)."""

from django import template

from prima.core.numbers import figure as _figure

register = template.Library()


@register.filter
def figure(value, places=None):
    return _figure(value, None if places in (None, "") else int(places))
