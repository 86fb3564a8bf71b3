"""Small helpers the reform tests share (fixtures are in ``conftest.py``)."""

from django.urls import reverse

from prima.reform.models import AreaOfChange

from .factories import REGIME_CODE


def url(name, *args):
    """The path of the reform URL ``name`` (without the ``reform:`` prefix)."""
    return reverse(f"reform:{name}", args=args)


def area(number):
    """Area of change ``number`` of the 26/2020 regime (from its data migration)."""
    return AreaOfChange.objects.get(regime__code=REGIME_CODE, number=number)
