"""A column whose metadata (MS-Var "public accessibility", domain satu-data.md 2) says it is
restricted never reaches the public: table page and its twins, exports, the JSON API rows,
CKAN's datastore_search and the original file; the satker's staff still see everything."""

import io
import json

import pyarrow.parquet as pq
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from prima.catalog import satudata
from prima.catalog.engine.access import public_view
from prima.catalog.engine.query import Query, run_query
from prima.catalog.tests.test_ckan_api import call

from .factories import published_dataset

pytestmark = pytest.mark.django_db

SECRET = "Bategede"  # a value of the restricted column ``desa`` only


@pytest.fixture
def restricted(people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid)
    satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                  columns={"desa": {"access": "restricted"},
                                           "dpt": {"access": "public"}})
    return dataset, resource, version


def _url(name, dataset, resource, *extra):
    return reverse(f"catalog:{name}", args=[dataset.slug, resource.slug, *extra])


def test_public_view_is_the_one_place_and_read_only(restricted):
    dataset, resource, version = restricted

    view = public_view(version)

    assert "desa" not in [c["name"] for c in view.schema]
    assert "desa" in [c["name"] for c in version.schema]  # the version itself is untouched
    page = run_query(view, Query(limit=10))
    assert "desa" not in page.rows[0] and "desa" in run_query(version, Query()).rows[0]
    with pytest.raises(RuntimeError):
        view.save()
    assert public_view(resource.current_version).hidden_columns == {"desa"}


def test_table_page_hides_the_column_everywhere(client, restricted):
    dataset, resource, version = restricted
    url = _url("resource-table", dataset, resource)

    page = client.get(url, {"_facet": "kecamatan"})
    text = page.content.decode()

    assert page.status_code == 200
    # The data dictionary still describes the column (metadata, marked "Terbatas"); no
    # value, header link, sort or filter of it is on the page.
    assert SECRET not in text and "_sort=desa" not in text and "_sort_desc=desa" not in text
    assert "Terbatas" in text
    assert client.get(url, {"_search": SECRET}).context["view"].page.total == 0
    for params in ({"desa__eq": SECRET}, {"desa__contains": "a"}, {"_sort": "desa"},
                   {"_facet": "desa"}, {"_group_by": "desa"}, {"_col": "desa"}):
        response = client.get(url, params)
        assert response.status_code == 400, params
        assert "tidak ada dalam tabel" in response.content.decode()


def test_json_and_csv_twins_hide_the_column(client, restricted):
    dataset, resource, version = restricted
    json_url = _url("resource-table-json", dataset, resource)
    csv_url = _url("resource-table-csv", dataset, resource)

    body = client.get(json_url).json()
    searched = client.get(json_url, {"_search": SECRET}).json()

    assert [c["name"] for c in body["columns"]] == [
        "kode_desa", "kecamatan", "no_tps", "dpt", "suara_01", "suara_02"]
    assert SECRET not in json.dumps(body) and searched["total"] == 0
    # A bare ``name=value`` of a name outside the table is ignored, as for any unknown
    # name: the answer does not depend on the hidden column.
    assert client.get(json_url, {"desa": SECRET}).json()["total"] == body["total"] == 5
    for params in ({"desa__eq": SECRET}, {"_sort_desc": "desa"}, {"_facet": "desa"},
                   {"_group_by": "desa"}, {"_metric": "count:desa"}):
        assert client.get(json_url, params).status_code == 400, params
    csv_text = client.get(csv_url).content.decode()
    assert SECRET not in csv_text and "desa," not in csv_text.splitlines()[0].replace(
        "kode_desa,", "")
    assert client.get(csv_url, {"_sort": "desa"}).status_code == 400


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_every_export_format_leaves_the_column_out(client, restricted, fmt):
    dataset, resource, version = restricted

    response = client.get(_url("resource-export", dataset, resource, fmt))
    content = b"".join(response.streaming_content)

    assert response.status_code == 200
    if fmt == "parquet":
        names = pq.read_table(io.BytesIO(content)).column_names
        assert "desa" not in names and "dpt" in names
    elif fmt == "xlsx":
        cells = [c.value for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows()
                 for c in row]
        assert "desa" not in cells and SECRET not in cells and "dpt" in cells
    else:
        assert SECRET.encode() not in content and b'"desa"' not in content
    assert client.get(_url("resource-export", dataset, resource, fmt),
                      {"_sort": "desa"}).status_code == 400


def test_json_api_rows_hide_the_column(client, restricted):
    dataset, resource, version = restricted
    url = f"/api/v1/katalog/dataset/{dataset.slug}/{resource.slug}/rows"

    body = client.get(url).json()

    assert SECRET not in json.dumps(body)
    assert client.get(url, {"desa__eq": SECRET}).status_code == 400
    assert client.get(url, {"desa": SECRET}).json() == body


def test_ckan_datastore_search_hides_the_column(client, restricted):
    dataset, resource, version = restricted

    found = call(client, "datastore_search", resource_id=str(resource.pk))["result"]
    searched = call(client, "datastore_search", resource_id=str(resource.pk),
                    q=SECRET)["result"]

    assert "desa" not in [f["id"] for f in found["fields"]]
    assert SECRET not in json.dumps(found) and searched["total"] == 0
    for params in ({"fields": "desa"}, {"sort": "desa"}, {"filters": json.dumps({"desa": SECRET})},
                   {"q": json.dumps({"desa": "Bat"})},
                   {"fields": "desa", "distinct": "true"}):
        body = call(client, "datastore_search", status=409, resource_id=str(resource.pk),
                    **params)
        assert body["success"] is False and SECRET not in json.dumps(body), params


def test_original_file_is_not_public_with_a_restricted_column(client, login, people,
                                                               restricted):
    dataset, resource, version = restricted
    url = _url("resource-download", dataset, resource)

    assert client.get(url).status_code == 404
    login(people.ppid)  # the satker's staff with catalog rights
    response = client.get(url)
    assert response.status_code == 200
    assert SECRET.encode() in b"".join(response.streaming_content)
    staff = client.get(reverse("catalog:staff-version-download",
                               args=[dataset.slug, resource.slug, version.number]))
    assert staff.status_code == 200


def test_original_file_stays_public_without_restricted_columns(client, people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid)

    assert client.get(_url("resource-download", dataset, resource)).status_code == 200


def test_ckan_fields_info_carries_the_variable_metadata(client, people, restricted):
    dataset, resource, version = restricted
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        "dpt": {"definition": "Jumlah pemilih dalam DPT.", "concept": "DPT", "unit": "orang",
                "access": "public"}})

    found = call(client, "datastore_search", resource_id=str(resource.pk))["result"]
    info = {f["id"]: f.get("info") for f in found["fields"]}

    assert info["dpt"] == {"label": "dpt", "notes": "Jumlah pemilih dalam DPT.",
                           "type_override": "", "concept": "DPT", "unit": "orang",
                           "classification": "", "time_reference": ""}
    assert info["no_tps"] == {"label": "no_tps", "notes": "", "type_override": ""}


def test_xlsx_export_has_the_data_dictionary_sheet(client, people, restricted):
    dataset, resource, version = restricted
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        "dpt": {"definition": "Jumlah pemilih dalam DPT.", "concept": "DPT", "unit": "orang",
                "classification": "bilangan bulat", "access": "public"}})

    response = client.get(_url("resource-export", dataset, resource, "xlsx"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [[c.value for c in row] for row in book["Kamus data"].iter_rows()]

    assert book.sheetnames == ["Data", "Kamus data"]
    assert rows[0] == ["Kolom", "Label", "Konsep", "Definisi", "Satuan", "Klasifikasi",
                       "Akses publik"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["dpt"][2:6] == ["DPT", "Jumlah pemilih dalam DPT.", "orang",
                                   "bilangan bulat"]
    assert "desa" not in by_name  # the restricted column is not exported, nor described
    assert list(by_name) == [c.value for c in next(book["Data"].iter_rows())]


def test_region_code_column_shows_the_region_name_cheaply(client, people, restricted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    dataset, resource, version = restricted
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        "kode_desa": {"reference": "wilayah", "access": "public"}})
    url = _url("resource-table", dataset, resource)
    client.get(url, {"_size": 2})  # warm (the day's usage row, caches)

    with CaptureQueriesContext(connection) as one_row:
        client.get(url, {"_size": 1})
    with CaptureQueriesContext(connection) as five_rows:
        html = client.get(url, {"_size": 5}).content.decode()

    assert '33.20.01.2001 <span class="muted region-name">Kedungmalang</span>' in html
    assert '33.20.02.2002 <span class="muted region-name">Karangrandu</span>' in html
    assert len(five_rows) == len(one_row)  # one lookup per page, not per row


def test_without_region_reference_the_code_stands_alone(client, restricted):
    dataset, resource, version = restricted

    html = client.get(_url("resource-table", dataset, resource)).content.decode()

    assert "region-name" not in html and "33.20.01.2001" in html
    assert "berkas asli" not in html  # the original upload is not public here


def test_background_export_leaves_the_column_out(client, settings, restricted,
                                                 django_capture_on_commit_callbacks):
    from prima.catalog.models import ExportJob, ExportStatus

    dataset, resource, version = restricted
    settings.CATALOG_EXPORT_BACKGROUND_ROWS = 2

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url("resource-export", dataset, resource, "csv"))

    job = ExportJob.objects.get()
    assert response.status_code == 302 and job.status == ExportStatus.DONE
    with job.file.open("rb") as fh:
        content = fh.read().decode()
    assert SECRET not in content
    assert content.splitlines()[0].replace('"', "") == (
        "kode_desa,kecamatan,no_tps,dpt,suara_01,suara_02")


def test_restricting_a_column_reaches_the_cached_anonymous_lookup(client, people, tree):
    dataset, resource, version = published_dataset(tree.jepara, people.ppid)
    url = _url("resource-table-json", dataset, resource)
    assert SECRET in json.dumps(client.get(url).json())  # public, and now cached

    satudata.save_column_metadata(resource=resource, actor=people.ppid,
                                  columns={"desa": {"access": "restricted"}})

    assert SECRET not in json.dumps(client.get(url).json())


def test_dataset_page_offers_no_original_file_with_a_restricted_column(client, login,
                                                                       people, restricted):
    dataset, resource, version = restricted
    link = _url("resource-download", dataset, resource)

    assert link not in client.get(dataset.get_absolute_url()).content.decode()
    login(people.ppid)
    assert link in client.get(dataset.get_absolute_url()).content.decode()


def test_ckan_and_dcat_point_to_the_export_instead_of_the_original(client, restricted):
    dataset, resource, version = restricted

    package = call(client, "package_show", id=dataset.slug)["result"]
    turtle = client.get("/data/catalog.ttl").content.decode()

    assert package["resources"][0]["url"].endswith(
        _url("resource-export", dataset, resource, "csv"))
    assert _url("resource-download", dataset, resource) not in turtle
    assert _url("resource-export", dataset, resource, "csv") in turtle
