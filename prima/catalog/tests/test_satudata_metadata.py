"""Satu Data Indonesia metadata (Peraturan BPS 5/2020): MS-Var per column (the data
dictionary), MS-Ind for indicator datasets, MS-Keg on the dataset; shown on the table page,
in CKAN's package_show, in DCAT and as the dictionary CSV; and region-code columns
(validated at ingestion, joined to names, filtered by a satker's subtree)."""

import csv
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prima.catalog import satudata, services
from prima.catalog.choices import AuditAction, VersionStatus
from prima.catalog.engine.query import Filter, Query, parse_query, run_query
from prima.catalog.models import ColumnMetadata, Indicator
from prima.core.models import AuditEvent

from .factories import TPS_CSV, ingest, published_dataset, upload

pytestmark = pytest.mark.django_db

KODE_DESA = {"definition": "Kode desa/kelurahan tempat TPS berada.",
             "concept": "Wilayah administrasi", "reference": "wilayah",
             "classification": "Kode wilayah Kemendagri (Permendagri 72/2019)",
             "time_reference": "2024", "access": "public"}
DPT = {"definition": "Jumlah pemilih dalam daftar pemilih tetap.", "concept": "DPT",
       "unit": "orang", "validation_rule": "bilangan bulat >= 0", "access": "public"}


@pytest.fixture
def table(people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid,
                                                   activity_period="2024",
                                                   activity_design="Sensus seluruh TPS")
    satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                  columns={"kode_desa": KODE_DESA, "dpt": DPT})
    return dataset, resource, version


# --- MS-Var -------------------------------------------------------------------------------------


def test_column_metadata_is_saved_and_audited(table, people):
    dataset, resource, version = table

    saved = {m.name: m for m in ColumnMetadata.objects.filter(resource=resource)}

    assert set(saved) == {"kode_desa", "dpt"}
    assert saved["dpt"].unit == "orang" and saved["kode_desa"].reference == "wilayah"
    event = AuditEvent.objects.get(action=AuditAction.DATASET_METADATA_UPDATED)
    assert event.actor == people.ppid


def test_column_metadata_rejects_unknown_columns_and_values(table, people):
    dataset, resource, version = table

    with pytest.raises(ValidationError, match="tidak ada"):
        satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                      columns={"nope": {"definition": "x"}})
    with pytest.raises(ValidationError):
        satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                      columns={"dpt": {"reference": "planet"}})
    with pytest.raises(PermissionDenied):
        satudata.save_column_metadata(resource=resource, actor=people.employee,
                                      columns={"dpt": {"definition": "dirusak"}})
    assert ColumnMetadata.objects.get(name="dpt").definition == DPT["definition"]


def test_data_dictionary_has_every_column_and_the_csv_sidecar(client, table):
    dataset, resource, version = table

    entries = satudata.data_dictionary(resource)
    response = client.get(reverse("catalog:resource-dictionary-csv",
                                  args=[dataset.slug, resource.slug]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))

    assert [e["name"] for e in entries] == [c["name"] for c in version.schema]
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert {r["kolom"]: r["satuan"] for r in rows}["dpt"] == "orang"
    assert {r["kolom"]: r["kode_referensi"] for r in rows}["kode_desa"] == "wilayah"
    assert len(rows) == len(version.schema)


def test_table_page_shows_the_data_dictionary(client, table):
    dataset, resource, version = table

    response = client.get(reverse("catalog:resource-table", args=[dataset.slug, resource.slug]))

    body = response.content.decode()
    assert 'data-testid="data-dictionary"' in body
    assert "Jumlah pemilih dalam daftar pemilih tetap." in body
    assert "Kode wilayah Kemendagri" in body


def test_ckan_package_show_carries_dictionary_indicators_and_activity(client, table, people):
    dataset, resource, version = table
    satudata.save_indicators(dataset=dataset, actor=people.ppid, indicators=[{
        "name": "Rata-rata DPT per TPS", "definition": "DPT dibagi jumlah TPS.",
        "formula": "sum(dpt) / count(no_tps)", "unit": "orang", "frequency": "per_election"}])

    body = client.get("/api/3/action/package_show", {"id": dataset.slug}).json()["result"]

    extras = {e["key"]: e["value"] for e in body["extras"]}
    assert extras["activity_period"] == "2024"
    assert extras["activity_design"] == "Sensus seluruh TPS"
    assert json.loads(extras["indicator_metadata"])[0]["formula"] == "sum(dpt) / count(no_tps)"
    dictionary = {e["name"]: e for e in body["resources"][0]["data_dictionary"]}
    assert dictionary["dpt"]["unit"] == "orang"
    assert dictionary["kode_desa"]["reference"] == "wilayah"


def test_dcat_carries_the_table_schema_and_activity(client, table):
    dataset, resource, version = table

    text = client.get("/data/catalog.ttl").content.decode()
    jsonld = client.get("/data/catalog.jsonld").content.decode()

    assert "csvw:tableSchema" in text and "prov:wasGeneratedBy" in text
    assert "kamus-data.csv" in text
    assert "Jumlah pemilih dalam daftar pemilih tetap." in jsonld


def test_ckan_and_dcat_stay_bounded_in_queries(client, people, tree,
                                               django_assert_max_num_queries):
    for n in range(3):
        dataset, resource, _v = published_dataset(tree.jepara, people.ppid, title=f"T {n}")
        satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                      columns={"dpt": DPT})
    with django_assert_max_num_queries(12):
        client.get("/data/catalog.jsonld")


# --- MS-Ind -------------------------------------------------------------------------------------


def test_indicators_replace_and_validate(table, people):
    dataset = table[0]
    rows = [{"name": "Partisipasi", "definition": "d", "formula": "a/b", "unit": "persen"}]

    satudata.save_indicators(dataset=dataset, actor=people.ppid, indicators=rows)
    with pytest.raises(ValidationError, match="rumus"):
        satudata.save_indicators(dataset=dataset, actor=people.ppid,
                                 indicators=[{"name": "Tanpa rumus", "definition": "d",
                                              "unit": "persen"}])

    assert list(Indicator.objects.values_list("name", flat=True)) == ["Partisipasi"]
    satudata.save_indicators(dataset=dataset, actor=people.ppid, indicators=[])
    assert not Indicator.objects.exists()


def test_incomplete_indicator_is_a_review_problem(table, people):
    dataset = table[0]
    satudata.save_indicators(dataset=dataset, actor=people.ppid, indicators=[
        {"name": "Partisipasi", "definition": "d", "formula": "a/b", "unit": "persen"}])

    problems = satudata.review_problems(dataset)

    assert any("MS-Ind" in p and "frekuensi" in p for p in problems)


def test_staff_forms_save_dictionary_and_indicators(client, login, table, people):
    dataset, resource, version = table
    login(people.ppid)
    data = {}
    for i, column in enumerate(version.schema):
        data[f"k{i}-definition"] = f"Def {column['name']}"
        data[f"k{i}-access"] = "public"
    data["k0-reference"] = "wilayah"

    page = client.get(reverse("catalog:staff-resource-dictionary",
                              args=[dataset.slug, resource.slug]))
    saved = client.post(reverse("catalog:staff-resource-dictionary",
                                args=[dataset.slug, resource.slug]), data)
    indicators = client.post(reverse("catalog:staff-dataset-indicators", args=[dataset.slug]), {
        "ind-TOTAL_FORMS": "2", "ind-INITIAL_FORMS": "0", "ind-0-name": "Partisipasi",
        "ind-0-definition": "d", "ind-0-formula": "a/b", "ind-0-unit": "persen",
        "ind-1-name": ""})
    bad = client.post(reverse("catalog:staff-dataset-indicators", args=[dataset.slug]), {
        "ind-TOTAL_FORMS": "1", "ind-INITIAL_FORMS": "0", "ind-0-name": "Tanpa definisi"})

    assert page.status_code == 200
    assert saved.status_code == 302
    assert ColumnMetadata.objects.get(resource=resource, name="no_tps").definition == \
        "Def no_tps"
    assert indicators.status_code == 302
    assert bad.status_code == 400 and "definisi" in bad.content.decode()
    assert list(Indicator.objects.values_list("name", flat=True)) == ["Partisipasi"]


def test_activity_metadata_is_editable(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="T",
                                      description="d", activity_period="Januari 2024",
                                      activity_unit="Subbagian Teknis",
                                      activity_design="Pencacahan lengkap",
                                      activity_dissemination="Situs web dan PPID")
    dataset.refresh_from_db()
    assert (dataset.activity_period, dataset.activity_unit) == ("Januari 2024",
                                                                "Subbagian Teknis")


# --- reference codes ----------------------------------------------------------------------------

BAD_CODES_CSV = (
    "kode_desa,desa,kecamatan,no_tps,dpt,suara_01,suara_02\n"
    "33.20.01.2001,Bategede,Kedung,001,250,120,98\n"
    "33.20.01.9999,Salah,Kedung,002,240,100,110\n"
    "33.20.02.2001,Kalianyar,Pecangaan,001,200,90,95\n"
    "XX.01,Asal,Pecangaan,001,210,80,100\n"
)


def test_region_codes_are_checked_at_ingestion_by_line(table, people):
    dataset, resource, version = table

    new = ingest(services.upload_new_version(resource=resource, actor=people.ppid,
                                             upload=upload(BAD_CODES_CSV, "tps-2.csv")))

    assert new.status == VersionStatus.FAILED
    assert [(p["line"], p["column"]) for p in new.problems] == [(3, "kode_desa"),
                                                                 (5, "kode_desa")]
    assert "33.20.01.9999" in new.problems[0]["message"]
    with pytest.raises(ValidationError):
        services.publish_version(version=new, actor=people.ppid)


def test_undeclared_columns_are_not_checked(people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid)

    new = ingest(services.upload_new_version(resource=resource, actor=people.ppid,
                                             upload=upload(BAD_CODES_CSV, "tps-2.csv")))

    assert new.status == VersionStatus.REVIEW, new.problems


def test_declaring_a_region_column_rechecks_a_version_under_review(people, tree):
    from .factories import table_resource

    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="T",
                                      description="d")
    resource, version = table_resource(dataset, people.ppid, BAD_CODES_CSV, publish=False)
    assert version.status == VersionStatus.REVIEW

    problems = satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                             columns={"kode_desa": KODE_DESA})

    version.refresh_from_db()
    assert [p["line"] for p in problems] == [3, 5]
    assert [p["line"] for p in version.problems] == [3, 5]
    with pytest.raises(ValidationError):
        services.publish_version(version=version, actor=people.ppid)


def test_region_codes_join_to_names_and_unknown_codes_are_reported(table):
    dataset, resource, version = table

    names = satudata.region_names(["33.20", "33.20.01", "99.99"])

    assert names == {"33.20": "Kabupaten Jepara", "33.20.01": "Kedung"}
    assert satudata.region_columns(resource, version) == ["kode_desa"]
    assert satudata.unknown_region_codes(version, "kode_desa") == []


def test_table_filtered_by_a_satker_subtree(table, client):
    dataset, resource, version = table

    kedung = run_query(version, Query(filters=[Filter("kode_desa", "subtree", "33.20.01")]))
    jepara = run_query(version, parse_query({"kode_desa__subtree": "33.20"}, version.schema))
    national = run_query(version, Query(filters=[Filter("kode_desa", "subtree", "0")]))
    kudus = run_query(version, Query(filters=[Filter("kode_desa", "subtree", "33.19")]))
    prefix_only = run_query(version, Query(filters=[Filter("kode_desa", "subtree", "33.2")]))
    page = client.get(reverse("catalog:resource-table-json", args=[dataset.slug, resource.slug]),
                      {"kode_desa__subtree": "33.20.02"}).json()

    assert kedung.total == 3
    assert jepara.total == national.total == 5
    assert kudus.total == 0 and prefix_only.total == 0
    assert page["total"] == 2


def test_tps_csv_codes_are_known():
    names = satudata.wilayah_names()
    codes = {line.split(",")[0] for line in TPS_CSV.splitlines()[1:]}
    assert codes <= set(names)


def test_region_codes_join_to_the_satker_tree(tree):
    joined = satudata.satkers_of_regions(["33.20.01.2001", "33.20", "33.19.01", "33.01",
                                          "91.01", "11.01"])

    assert joined["33.20.01.2001"] == tree.jepara and joined["33.20"] == tree.jepara
    assert joined["33.19.01"] == tree.kudus
    assert joined["33.01"] == tree.jateng  # a kabupaten without its own satker here
    assert joined["91.01"] == tree.papua
    assert joined["11.01"] == tree.root


def test_table_page_filters_rows_by_a_satker_through_the_region_column(client, table):
    dataset, resource, version = table
    url = reverse("catalog:resource-table", args=[dataset.slug, resource.slug])

    page = client.get(url)
    redirect = client.get(url, {"_fcol": "kode_desa", "_fop": "subtree", "_fval": "33.20.02"})
    filtered = client.get(redirect["Location"])

    assert 'data-testid="region-filter"' in page.content.decode()
    assert "KPU Kabupaten Jepara (33.20)" in page.content.decode()
    assert redirect.status_code == 302 and "kode_desa__subtree=33.20.02" in redirect["Location"]
    assert filtered.status_code == 200
    assert filtered.context["view"].page.total == 2
