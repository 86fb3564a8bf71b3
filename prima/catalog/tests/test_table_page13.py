"""The table page for people who do not know the data: column labels and descriptions (never
a raw machine name), frequent values to pick for a filter, "Maksud Anda: …?" when an exact
text filter finds nothing but a looser one would, Indonesian number grouping, and a visible
sideways-scroll cue with a sticky first column on wide tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from prima.catalog import tables

from .factories import published_dataset

pytestmark = pytest.mark.django_db

KABKOTA = (
    "kode_kabkota,kabkota,tps,dpt\n"
    "33.20,Kabupaten Jepara,1,77125\n"
    "33.20,Kabupaten Jepara,2,250\n"
    "33.19,Kabupaten Kudus,1,300\n"
)


def _url(dataset, resource):
    return reverse("catalog:resource-table", args=[dataset.slug, resource.slug])


def _header_texts(html: str) -> list[str]:
    # The data table's header (an aggregation table may come before it, the data dictionary
    # after it).
    table = html.split('<table class="data-table sticky-first">', 1)[-1]
    head = table.split("<thead>", 1)[-1].split("</thead>")[0]
    return [re.sub(r"<[^>]+>|[▲▼]", "", cell).strip()
            for cell in re.findall(r"<th[^>]*>(.*?)</th>", head)]


@pytest.mark.parametrize(("column", "label"), [
    ({"name": "kode_kabkota", "label": "kode_kabkota"}, "Kode kab/kota"),
    ({"name": "no_tps", "label": ""}, "No. TPS"),
    ({"name": "dpt", "label": "dpt"}, "DPT"),
    ({"name": "suara_01", "label": "suara_01"}, "Suara 01"),
    ({"name": "kecamatan", "label": "Kecamatan"}, "Kecamatan"),
    ({"name": "nama_kpps", "label": "Nama ketua KPPS"}, "Nama ketua KPPS"),
])
def test_column_label_never_shows_a_machine_name(column, label):
    assert tables.column_label(column) == label


def test_headers_use_labels_and_descriptions(client, people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid, content=KABKOTA)
    version.schema[1]["label"] = "Kabupaten/kota"
    version.schema[3]["description"] = "Daftar pemilih tetap"
    version.save(update_fields=["schema"])

    html = client.get(_url(dataset, resource)).content.decode()

    assert _header_texts(html) == ["Kode kab/kota", "Kabupaten/kota", "TPS", "DPT"]
    assert 'title="Daftar pemilih tetap · Urutkan"' in html
    assert "<dt>DPT <code" in html and "<dd>Daftar pemilih tetap</dd>" in html
    assert ">kode_kabkota<" not in html.split("<thead>", 2)[-1].split("</thead>")[0]
    assert '<option value="kode_kabkota">Kode kab/kota</option>' in html


def test_filter_offers_the_most_frequent_values(client, people, tree, published_table):
    dataset, resource, _version = published_table

    html = client.get(_url(dataset, resource)).content.decode()

    kecamatan = re.search(r'<datalist id="choices-kecamatan">(.*?)</datalist>', html)[1]
    assert re.findall(r'value="([^"]*)"', kecamatan) == ["Kedung", "Pecangaan"]
    assert re.search(r'<input id="filter-value" name="_fval" autocomplete="off" '
                     r'list="choices-kode_desa">', html)
    assert 'data-list="choices-kecamatan"' in html
    assert "catalog/table.js" in html


def test_exact_text_filter_that_finds_nothing_suggests_the_looser_match(client, people, tree):
    dataset, resource, _version = published_dataset(tree.jepara, people.ppid, content=KABKOTA)

    response = client.get(_url(dataset, resource), {"kabkota__eq": "jepara", "tps__gte": "2"})

    view = response.context["view"]
    assert view.page.total == 0
    assert [s["value"] for s in view.suggestions] == ["Kabupaten Jepara"]
    html = response.content.decode()
    assert "Maksud Anda:" in html and ">Kabupaten Jepara</a>?" in html
    followed = client.get(_url(dataset, resource) + view.suggestions[0]["url"])
    assert followed.context["view"].page.total == 1  # the other filter is kept
    assert client.get(_url(dataset, resource), {"kabkota__eq": "Kabupaten Jepara"}
                      ).context["view"].suggestions == []


def test_numbers_use_indonesian_grouping(client, people, tree):
    rows = "\n".join(f"{n:05d},Desa {n % 7},{n}" for n in range(1234))
    dataset, resource, _version = published_dataset(
        tree.jepara, people.ppid, content="kode_desa,desa,dpt\n" + rows + "\n")

    response = client.get(_url(dataset, resource), {"_facet": "desa", "_sort_desc": "dpt"})

    html = response.content.decode()
    assert "1.234 baris cocok" in html
    assert ">1.233</td>" in html  # the largest dpt, first
    assert '<span class="count">177</span>' in html


def test_wide_table_gets_a_scroll_cue_and_a_sticky_first_column(client, people, tree,
                                                                published_table):
    dataset, resource, _version = published_table  # 7 columns
    narrow, narrow_resource, _v = published_dataset(
        tree.jepara, people.ppid, title="Sempit", content="kode,nama\n1,a\n")

    wide_html = client.get(_url(dataset, resource)).content.decode()
    narrow_html = client.get(_url(narrow, narrow_resource)).content.decode()

    assert 'id="scroll-hint"' in wide_html and 'aria-describedby="scroll-hint"' in wide_html
    assert 'class="table-wrap table-scroll is-wide"' in wide_html
    assert 'class="data-table sticky-first"' in wide_html
    assert 'id="scroll-hint"' not in narrow_html
    css = (Path(__file__).parents[2] / "static/catalog/catalog.css").read_text()
    assert re.search(r"\.data-table\.sticky-first th:first-child, "
                     r"\.data-table\.sticky-first td:first-child \{\s*position: sticky; left: 0;",
                     css)


def test_table_page_texts_in_english(client, people, tree):
    from django.conf import settings

    dataset, resource, _version = published_dataset(tree.jepara, people.ppid, content=KABKOTA)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(_url(dataset, resource), {"kabkota__eq": "jepara"}).content.decode()

    assert "0 matching rows" in html and "Did you mean:" in html
