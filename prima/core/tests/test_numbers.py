from decimal import Decimal as D

import pytest
from django.template import Context, Template
from django.utils import translation

from prima.core.numbers import figure


@pytest.mark.parametrize(("value", "places", "text"), [
    (D("3.4000"), None, "3,4"),
    (D("8.6700"), None, "8,67"),
    (D("77125"), None, "77.125"),
    (1250000, None, "1.250.000"),
    (D("0.12345"), None, "0,1235"),
    (D("2.5"), 2, "2,50"),
    (None, None, ""),
    ("n/a", None, "n/a"),
])
def test_figures_read_as_written(value, places, text):
    with translation.override("id"):
        assert figure(value, places) == text


def test_template_filter_uses_the_active_language():
    template = Template("{% load prima_numbers %}{{ v|figure }} {{ v|figure:2 }}")
    with translation.override("en"):
        assert template.render(Context({"v": D("1234.5000")})) == "1,234.5 1,234.50"
