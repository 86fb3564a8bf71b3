"""The report page's charts: core charts, readable on a phone, figures described."""

from prima.core.tests.test_charts import rendered_font_sizes
from prima.inforequests import charts

OUTCOMES = [("Diberikan seluruhnya", 12), ("Ditolak (informasi dikecualikan)", 2)]
MONTHS = [(m, n) for n, m in enumerate("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split())]


def test_outcome_and_month_charts_are_readable_on_a_phone():
    for svg in (charts.horizontal_bars("Hasil", OUTCOMES), charts.vertical_bars("Bulan", MONTHS)):
        assert min(rendered_font_sizes(svg)) >= 12
        assert 'role="img"' in svg and "<title id=" in svg


def test_outcome_chart_describes_every_figure():
    svg = charts.horizontal_bars("Hasil", OUTCOMES)

    assert "Diberikan seluruhnya: 12; Ditolak (informasi dikecualikan): 2" in svg
