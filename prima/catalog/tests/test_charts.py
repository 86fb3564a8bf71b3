"""The aggregation chart: bars or a line from core charts, at most MAX_ITEMS groups."""

import pytest

from prima.catalog import charts
from prima.core.tests.test_charts import rendered_font_sizes

ITEMS = [(f"Desa nomor {n} di Kecamatan Kedung", n * 1000) for n in range(80)]


@pytest.mark.parametrize("kind", charts.KINDS)
def test_chart_kinds_read_on_a_phone_and_keep_at_most_max_items(kind):
    svg = charts.chart(kind, "Jumlah suara per desa", ITEMS)

    assert min(rendered_font_sizes(svg)) >= 12
    assert "Desa nomor 59 di Kecamatan Kedung: 59.000" in svg
    assert "Desa nomor 60 " not in svg
    assert ("<polyline" in svg) == (kind == "line")
