"""Reform's charts: core bars coloured by progress state, the expected progress marked."""

from decimal import Decimal

from prima.core import charts as core_charts
from prima.core.tests.test_charts import rendered_font_sizes
from prima.reform import charts

AREAS = [("1. Manajemen Perubahan", Decimal("0.9"), "on_track"),
         ("3. Penataan dan Penguatan Organisasi", Decimal("0.3"), "late"),
         ("4. Penataan Tata Laksana", None, "not_started")]


def test_area_chart_colours_states_marks_expected_progress_and_reads_on_a_phone():
    svg = charts.area_chart(AREAS, title="Capaian", expected=Decimal("0.5"))

    assert min(rendered_font_sizes(svg)) >= 12
    assert f'fill="{core_charts.PALETTE["green"]}"' in svg
    assert f'fill="{core_charts.PALETTE["red"]}"' in svg
    assert 'stroke-dasharray="3 2"' in svg  # the expected progress
    assert "1. Manajemen Perubahan: 90%; 3. Penataan dan Penguatan Organisasi: 30%; " \
           "4. Penataan Tata Laksana: —" in svg
    assert "capaian yang diharapkan sampai triwulan ini (50%)" in svg


def test_bar_chart_accepts_css_classes_of_the_comparison_page():
    svg = charts.bar_chart([("KPU Kabupaten Jepara", Decimal("0.6"), "rb-bar rb-bar-at_risk")],
                           title="Peringkat", description="Jepara 60%")

    assert f'fill="{core_charts.PALETTE["amber"]}"' in svg and ">60%<" in svg
