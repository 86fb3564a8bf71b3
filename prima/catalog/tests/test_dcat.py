"""DCAT catalog in JSON-LD and Turtle: published datasets only, DCAT-AP properties, and Turtle
strings escaped correctly."""

import json
import re

import pytest
from django.urls import include, path

from prima.catalog.dcat import dcat_urlpatterns, to_turtle, turtle_iri, turtle_string
from prima.urls import urlpatterns as project_urlpatterns

# The project's URLs plus the DCAT views (the lead includes them into the "catalog" namespace).
urlpatterns = [*project_urlpatterns,
               path("", include((dcat_urlpatterns, "catalog"), namespace="catalog-dcat"))]
pytestmark = pytest.mark.urls(__name__)

BASE = "http://127.0.0.1:8000"


def as_list(value):
    return value if isinstance(value, list) else [value]


def test_jsonld_lists_published_datasets_with_dcat_ap_properties(client, catalog):
    response = client.get("/data/catalog.jsonld")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert document["@context"]["dct"] == "http://purl.org/dc/terms/"
    graph = {node["@id"]: node for node in document["@graph"]}
    catalog_node = document["@graph"][0]
    assert catalog_node["@type"] == "dcat:Catalog"
    results_iri = f"{BASE}/data/hasil-pemilu-2024-jepara/"
    budget_iri = f"{BASE}/data/anggaran-2024/"
    assert catalog_node["dcat:dataset"] == [{"@id": budget_iri}, {"@id": results_iri}]
    assert set(graph) == {catalog_node["@id"], budget_iri, results_iri}

    results = graph[results_iri]
    assert results["@type"] == "dcat:Dataset"
    assert results["dct:title"] == {"@value": "Hasil Pemilu 2024 Kabupaten Jepara",
                                    "@language": "id"}
    assert results["dct:description"]["@value"] == (
        'Rekapitulasi "resmi" per kecamatan.\nSumber: KPU.')
    assert results["dct:identifier"] == "hasil-pemilu-2024-jepara"
    assert results["dct:publisher"] == {
        "@id": f"{BASE}/satker/33.20/", "@type": "foaf:Organization",
        "foaf:name": {"@value": "KPU Kabupaten Jepara", "@language": "id"},
        "dct:identifier": "kpu-33-20"}
    assert results["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert results["dct:issued"]["@type"] == "xsd:dateTime"
    assert results["dct:modified"]["@type"] == "xsd:dateTime"
    assert sorted(k["@value"] for k in results["dcat:keyword"]) == ["pemilu", "tps"]
    assert results["dcat:theme"]["@id"] == f"{BASE}/data/?topic=pemilu"
    assert results["dct:temporal"] == {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": "2024-02-14", "@type": "xsd:date"},
        "dcat:endDate": {"@value": "2024-03-20", "@type": "xsd:date"}}
    assert results["dct:spatial"] == {"@type": "dct:Location", "dct:identifier": "33.20"}
    assert results["dcat:contactPoint"] == {
        "@type": "vcard:Organization",
        "vcard:fn": {"@value": "PPID Jepara", "@language": "id"},
        "vcard:hasEmail": {"@id": "mailto:ppid@jepara.kpu.go.id"}}
    assert results["dct:accrualPeriodicity"] == {
        "@id": "http://publications.europa.eu/resource/authority/frequency/IRREG"}
    table, link = results["dcat:distribution"]
    assert table["@type"] == "dcat:Distribution"
    assert table["dcat:downloadURL"] == {
        "@id": f"{BASE}/data/hasil-pemilu-2024-jepara/rekap-kecamatan/unduh/"}
    assert table["dcat:accessURL"] == {
        "@id": f"{BASE}/data/hasil-pemilu-2024-jepara/rekap-kecamatan/"}
    assert table["dct:format"] == "CSV"
    assert table["dcat:mediaType"] == {
        "@id": "https://www.iana.org/assignments/media-types/text/csv"}
    assert link["dcat:accessURL"] == {"@id": "https://jepara.kpu.go.id/ba.pdf"}
    assert "dcat:downloadURL" not in link
    assert as_list(graph[budget_iri]["dcat:distribution"])[0]["dct:format"] == "XLSX"


def test_drafts_and_withdrawn_datasets_are_absent(client, catalog):
    jsonld = client.get("/data/catalog.jsonld").content.decode()
    turtle = client.get("/data/catalog.ttl").content.decode()

    for text in (jsonld, turtle):
        assert "draf-rahasia" not in text
        assert "ditarik" not in text
        assert "Rahasia" not in text


def test_turtle_has_prefixes_every_dataset_and_escaped_strings(client, catalog):
    response = client.get("/data/catalog.ttl")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    text = response.content.decode()
    for prefix in ("dcat", "dct", "foaf", "vcard", "xsd"):
        assert re.search(rf"^@prefix {prefix}: <http[^>]+> \.$", text, re.M)
    for slug in ("hasil-pemilu-2024-jepara", "anggaran-2024"):
        iri = f"<{BASE}/data/{slug}/>"
        assert re.search(rf"^{re.escape(iri)}\n    a dcat:Dataset ;$", text, re.M)
        assert "dcat:dataset" in text and iri in text
    assert ('dct:description "Rekapitulasi \\"resmi\\" per kecamatan.\\nSumber: KPU."@id'
            in text)
    assert f"<{BASE}/satker/33.20/>\n    a foaf:Organization ;" in text
    assert '"2024-02-14"^^xsd:date' in text
    # Every statement ends with " ." and no raw line break sits inside a string.
    for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', text):
        assert "\n" not in literal
    assert text.count("[") == text.count("]")


@pytest.mark.parametrize(("text", "expected"), [
    ('kata "kutip"', '"kata \\"kutip\\""'),
    ("baris\nbaru\r\ttab", '"baris\\nbaru\\r\\ttab"'),
    ("garis \\ miring", '"garis \\\\ miring"'),
    ("bel\x07", '"bel\\u0007"'),
    ("Jawa Tengah – ü", '"Jawa Tengah – ü"'),
])
def test_turtle_string_escaping(text, expected):
    assert turtle_string(text) == expected


def test_turtle_iri_percent_encodes_forbidden_characters():
    assert turtle_iri("https://contoh.id/a b<c>\"d") == "<https://contoh.id/a%20b%3Cc%3E%22d>"


def test_empty_catalog_is_still_valid(client, tree):
    document = json.loads(client.get("/data/catalog.jsonld").content)

    assert len(document["@graph"]) == 1
    assert "dcat:dataset" not in document["@graph"][0]
    assert to_turtle([]).startswith("@prefix dcat: ")


def test_catalog_queries_do_not_grow_with_datasets(client, catalog, django_assert_max_num_queries):
    from prima.catalog.tests.factories import add_link, make_dataset

    for i in range(10):
        dataset = make_dataset(catalog.results.satker, f"lagi-{i}", tags=[f"t{i}"],
                               topics=["pemilu"])
        add_link(dataset, "tautan", "https://contoh.id/x.csv", fmt="CSV")

    with django_assert_max_num_queries(8):
        document = json.loads(client.get("/data/catalog.jsonld").content)

    assert len(document["@graph"]) == 13
