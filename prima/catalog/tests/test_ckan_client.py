"""The real ``ckanapi`` client (RemoteCKAN, as harvesters and scripts use it) against the live
test server: search, show and datastore queries work unchanged."""

import pytest
from ckanapi import NotFound, RemoteCKAN, SearchQueryError, ValidationError

from prima.catalog.tests.factories import make_dataset, publish_table

pytestmark = pytest.mark.django_db(transaction=True)

TPS = (
    b"kode_desa,desa,tps,dpt,suara_sah\n"
    b"33.20.01.2001,Kedung Malang,1,250,231\n"
    b"33.20.01.2001,Kedung Malang,2,240,220\n"
    b"33.20.01.2002,Sukosono,1,300,280\n"
    b"33.20.02.2001,Pecangaan Kulon,1,198,190\n"
)


@pytest.fixture
def ckan(live_server, catalog, tree):
    dataset = make_dataset(tree.jepara, "hasil-tps-jepara", title="Hasil per TPS Jepara",
                           description="Perolehan suara per TPS.", topics=["pemilu"],
                           tags=["pemilu", "tps"])
    catalog.tps = publish_table(dataset, "hasil-tps", TPS)
    with RemoteCKAN(live_server.url, user_agent="prima-test") as client:
        client.catalog = catalog
        yield client


def test_package_search_with_q_fq_and_facets(ckan):
    found = ckan.action.package_search(q="suara", fq="organization:kpu-33-20 tags:pemilu",
                                       facet_field=["tags", "organization", "res_format"])

    assert found["count"] == 1
    assert [p["name"] for p in found["results"]] == ["hasil-tps-jepara"]
    assert found["facets"]["tags"] == {"pemilu": 1, "tps": 1}
    assert found["search_facets"]["organization"]["items"] == [
        {"name": "kpu-33-20", "display_name": "KPU Kabupaten Jepara", "count": 1}]
    everything = ckan.action.package_search(rows=1000, sort="name asc")
    assert [p["name"] for p in everything["results"]] == [
        "anggaran-2024", "hasil-pemilu-2024-jepara", "hasil-tps-jepara"]


def test_package_show_and_datastore_search_with_filters(ckan):
    package = ckan.action.package_show(id="hasil-tps-jepara")
    resource = package["resources"][0]
    assert resource["datastore_active"] is True
    assert package["organization"]["name"] == "kpu-33-20"

    rows = ckan.action.datastore_search(resource_id=resource["id"],
                                        filters={"kode_desa": "33.20.01.2001"}, limit=1,
                                        include_total=True, sort="tps desc")

    assert rows["total"] == 2
    assert rows["records"] == [{"_id": 2, "kode_desa": "33.20.01.2001", "desa": "Kedung Malang",
                                "tps": 2, "dpt": 240, "suara_sah": 220}]
    assert [f["id"] for f in rows["fields"]] == ["_id", "kode_desa", "desa", "tps", "dpt",
                                                 "suara_sah"]
    following = ckan.action.datastore_search(resource_id=resource["id"],
                                             filters={"kode_desa": "33.20.01.2001"}, limit=1,
                                             offset=1, sort="tps desc")
    assert following["records"][0]["tps"] == 1


def test_datastore_search_with_a_list_filter_and_text(ckan):
    resource_id = str(ckan.catalog.tps.pk)

    rows = ckan.action.datastore_search(resource_id=resource_id,
                                        filters={"desa": ["Sukosono", "Pecangaan Kulon"]},
                                        fields=["desa", "dpt"], sort="dpt")
    words = ckan.action.datastore_search(resource_id=resource_id, q="kedung")

    assert rows["records"] == [{"desa": "Pecangaan Kulon", "dpt": 198},
                               {"desa": "Sukosono", "dpt": 300}]
    assert words["total"] == 2


def test_organizations_groups_tags_and_status(ckan):
    assert "kpu-33-20" in ckan.action.organization_list()
    jepara = ckan.action.organization_show(id="kpu-33-20")
    assert (jepara["title"], jepara["package_count"]) == ("KPU Kabupaten Jepara", 2)
    assert {"pemilu", "anggaran"} <= set(ckan.action.group_list())
    assert ckan.action.tag_list() == ["anggaran", "pemilu", "tps"]
    status = ckan.action.status_show()
    assert status["ckan_version"] == "2.10.4"
    assert "datastore" in status["extensions"]


def test_errors_become_the_client_exceptions(ckan):
    with pytest.raises(NotFound):
        ckan.action.package_show(id="draf-rahasia")
    with pytest.raises(NotFound):
        ckan.action.datastore_search(resource_id=str(ckan.catalog.draft_table.pk))
    with pytest.raises(ValidationError) as error:
        ckan.action.datastore_search(resource_id=str(ckan.catalog.tps.pk),
                                     filters={"warna": "merah"})
    assert error.value.error_dict["filters"] == ["Kolom tidak dikenal: warna"]
    with pytest.raises(SearchQueryError):
        ckan.action.package_search(fq="warna:merah")


def test_get_only_client_works_too(ckan, live_server):
    with RemoteCKAN(live_server.url, get_only=True) as client:
        found = client.action.package_search(fq="res_format:CSV", sort="name asc")
        rows = client.action.datastore_search(resource_id=str(ckan.catalog.tps.pk),
                                              filters='{"tps": 2}')

    assert [p["name"] for p in found["results"]] == ["hasil-pemilu-2024-jepara",
                                                     "hasil-tps-jepara"]
    assert rows["total"] == 1
