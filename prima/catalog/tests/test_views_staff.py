"""Staff catalog pages: lists, forms, versions with progress and schema review, permissions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prima.catalog import services
from prima.catalog.choices import DatasetStatus, UsageKind, VersionStatus
from prima.catalog.models import Dataset, Resource, ResourceVersion
from prima.catalog.usage import record_usage
from prima.core.models import AuditEvent

from .factories import (
    TPS_CSV,
    ingest,
    published_dataset,
    publishes_directly,
    table_resource,
    upload,
)

pytestmark = pytest.mark.django_db


def _draft(people, tree, title="Draf Jepara"):
    return services.create_dataset(satker=tree.jepara, actor=people.ppid, title=title,
                                   description="Deskripsi.")


def test_list_shows_datasets_of_my_satkers_only(client, login, people, tree):
    mine = _draft(people, tree)
    services.create_dataset(satker=tree.kudus, actor=people.other_admin, title="Draf Kudus",
                            description="d")
    login(people.employee)

    response = client.get(reverse("catalog:staff-datasets"))

    assert response.status_code == 200
    assert [d.pk for d in response.context["page_obj"]] == [mine.pk]
    assert response.context["can_create"] is False


def test_list_filters_by_status_and_search(client, login, people, tree):
    _draft(people, tree, "Rekap partisipasi")
    other = _draft(people, tree, "Daftar TPS")
    Dataset.objects.filter(pk=other.pk).update(status=DatasetStatus.WITHDRAWN)
    login(people.ppid)

    by_status = client.get(reverse("catalog:staff-datasets"), {"status": "withdrawn"})
    by_text = client.get(reverse("catalog:staff-datasets"), {"q": "partisipasi"})

    assert [d.title for d in by_status.context["page_obj"]] == ["Daftar TPS"]
    assert [d.title for d in by_text.context["page_obj"]] == ["Rekap partisipasi"]


def test_list_query_count_is_bounded(client, login, people, tree, django_assert_max_num_queries):
    for n in range(30):
        _draft(people, tree, f"Dataset {n}")
    login(people.ppid)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("catalog:staff-datasets"))

    assert len(response.context["page_obj"]) == 25


def test_officer_creates_dataset_with_all_metadata(client, login, people, tree):
    login(people.ppid)
    response = client.post(reverse("catalog:staff-dataset-create"), {
        "satker": tree.jepara.pk, "title": "Rekap Partisipasi Pemilih 2024",
        "description": "Partisipasi per kecamatan.", "topics": ["partisipasi"],
        "tags_text": "partisipasi, pemilu 2024", "licence": "CC-BY-4.0",
        "update_frequency": "per_election", "temporal_start": "2024-01-01",
        "temporal_end": "2024-12-31", "spatial_code": "33.20", "contact_name": "PPID Jepara",
        "contact_email": "ppid@jepara.test", "source": "Formulir C",
        "activity_name": "Rekapitulasi", "activity_organiser": "KPU Kabupaten Jepara",
    })

    assert response.status_code == 302, response.context["form"].errors
    dataset = Dataset.objects.get()
    assert response["Location"] == reverse("catalog:staff-dataset", args=[dataset.slug])
    assert dataset.slug == "rekap-partisipasi-pemilih-2024"
    assert dataset.status == DatasetStatus.DRAFT
    assert sorted(dataset.tags.values_list("name", flat=True)) == ["partisipasi",
                                                                  "pemilu 2024"]
    assert dataset.activity_organiser == "KPU Kabupaten Jepara"
    assert AuditEvent.objects.filter(action="catalog.dataset_created").count() == 1


def test_unknown_spatial_code_is_an_error_on_the_form(client, login, people, tree):
    login(people.ppid)

    response = client.post(reverse("catalog:staff-dataset-create"), {
        "satker": tree.jepara.pk, "title": "X", "description": "Y", "licence": "CC-BY-4.0",
        "update_frequency": "irregular", "spatial_code": "77.77"})

    assert response.status_code == 200
    assert "Kode wilayah 77.77 tidak dikenal" in response.content.decode()
    assert not Dataset.objects.exists()


def test_officer_cannot_create_for_another_satker(client, login, people, tree):
    login(people.ppid)

    response = client.post(reverse("catalog:staff-dataset-create"), {
        "satker": tree.kudus.pk, "title": "X", "description": "Y", "licence": "CC-BY-4.0",
        "update_frequency": "irregular"})

    assert response.status_code == 200
    assert response.context["form"].errors["satker"]
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("name", ["staff-dataset-edit", "staff-dataset-publish",
                                  "staff-dataset-withdraw", "staff-resource-create"])
def test_kudus_officer_gets_404_and_nothing_changes(client, login, people, tree, name):
    dataset, _resource, _version = published_dataset(tree.jepara, people.ppid)
    login(people.other_admin)

    get = client.get(reverse("catalog:" + name, args=[dataset.slug]))
    post = client.post(reverse("catalog:" + name, args=[dataset.slug]), {"title": "Dirusak",
                                                            "description": "x"})

    assert (get.status_code, post.status_code) == (404, 404)
    dataset.refresh_from_db()
    assert (dataset.title, dataset.status) == ("Hasil Pemilu 2024 per TPS",
                                               DatasetStatus.PUBLISHED)
    assert dataset.resources.count() == 1


def test_evaluator_reads_jepara_drafts_but_cannot_edit(client, login, people, tree):
    draft = _draft(people, tree)
    login(people.evaluator)

    detail = client.get(reverse("catalog:staff-dataset", args=[draft.slug]))
    edit = client.post(reverse("catalog:staff-dataset-edit", args=[draft.slug]),
                       {"title": "Ubah", "description": "x"})
    publish = client.post(reverse("catalog:staff-dataset-publish", args=[draft.slug]))

    assert detail.status_code == 200
    assert detail.context["can_edit"] is False
    assert (edit.status_code, publish.status_code) == (404, 404)
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Draf Jepara", DatasetStatus.DRAFT)


def test_other_evaluator_and_citizen_do_not_see_the_draft(client, login, people, tree):
    draft = _draft(people, tree)
    for user in (people.other_evaluator, people.citizen, people.other_employee):
        login(user)
        assert client.get(reverse("catalog:staff-dataset", args=[draft.slug])).status_code == 404


def test_upload_redirects_to_the_version_page_which_shows_the_review(client, login, people,
                                                                     tree):
    dataset = _draft(people, tree)
    login(people.ppid)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        response = client.post(reverse("catalog:staff-resource-create", args=[dataset.slug]), {
            "name": "Hasil per TPS", "upload": upload(TPS_CSV, "tps.csv"),
            "number_format": "international"})

    version = ResourceVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:staff-version",
                                           args=[dataset.slug, "hasil-per-tps", 1])
    assert version.status == VersionStatus.REVIEW
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.context["formset"] is not None
    assert len(page.context["preview"]["rows"]) == 5
    assert "Bategede" in html
    assert "Terbitkan versi ini" in html


def test_status_partial_polls_while_ingesting_and_refreshes_when_done(client, login, people,
                                                                      tree):
    dataset = _draft(people, tree)
    resource, version = services.add_resource(dataset=dataset, actor=people.ppid, name="T",
                                              upload=upload(TPS_CSV))
    ResourceVersion.objects.filter(pk=version.pk).update(status=VersionStatus.INGESTING,
                                                         progress=45)
    login(people.ppid)
    url = reverse("catalog:staff-version-status", args=[dataset.slug, resource.slug, 1])

    polling = client.get(url, headers={"HX-Request": "true"})
    ingest(version)
    done = client.get(url, headers={"HX-Request": "true"})

    assert 'hx-trigger="every 2s"' in polling.content.decode()
    assert 'value="45"' in polling.content.decode()
    assert "HX-Refresh" not in polling
    assert done["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()


def _schema_post(version, **changes):
    data = {"kolom-TOTAL_FORMS": str(len(version.schema)), "kolom-INITIAL_FORMS":
            str(len(version.schema))}
    for i, column in enumerate(version.schema):
        values = {"name": column["name"], "label": column.get("label") or column["name"],
                  "type": column["type"], "description": ""}
        values.update(changes.get(column["name"], {}))
        for key, value in values.items():
            data[f"kolom-{i}-{key}"] = value
        if values.get("is_code", column.get("is_code")):
            data[f"kolom-{i}-is_code"] = "on"
    return data


def test_schema_review_changes_a_type_then_publish(client, login, people, tree):
    dataset = _draft(people, tree)
    resource, version = table_resource(dataset, people.ppid, publish=False)
    login(people.ppid)
    url = reverse("catalog:staff-version", args=[dataset.slug, resource.slug, 1])

    response = client.post(url, _schema_post(version, dpt={"type": "text",
                                                           "label": "Jumlah DPT"}))

    assert response.status_code == 302
    version.refresh_from_db()
    assert {c["name"]: (c["type"], c["label"]) for c in version.schema}["dpt"] == (
        "text", "Jumlah DPT")
    publish = client.post(reverse("catalog:staff-version-publish",
                                  args=[dataset.slug, resource.slug, 1]))
    assert publish.status_code == 302
    resource.refresh_from_db()
    assert resource.current_version_id == version.pk


def test_schema_misfit_shows_problems_and_keeps_the_version_unpublishable(client, login,
                                                                          people, tree):
    dataset = _draft(people, tree)
    resource, version = table_resource(dataset, people.ppid, publish=False)
    login(people.ppid)
    url = reverse("catalog:staff-version", args=[dataset.slug, resource.slug, 1])

    response = client.post(url, _schema_post(version, desa={"type": "integer"}))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Masalah yang ditemukan" in html
    assert "Bategede" in html
    assert response.context["can_publish"] is False
    publish = client.post(reverse("catalog:staff-version-publish",
                                  args=[dataset.slug, resource.slug, 1]))
    assert publish.status_code == 400
    resource.refresh_from_db()
    assert resource.current_version_id is None


def test_bad_new_version_shows_report_and_published_stays(client, login, people, tree):
    dataset, resource, first = published_dataset(tree.jepara, people.ppid)
    login(people.ppid)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        response = client.post(
            reverse("catalog:staff-version-upload", args=[dataset.slug, resource.slug]),
            {"upload": upload("a,b,c\n1,2,3\n4,5\n", "rusak.csv")}, follow=True)

    html = response.content.decode()
    assert "Masalah yang ditemukan" in html
    assert "Gagal diproses" in html
    resource.refresh_from_db()
    assert resource.current_version_id == first.pk
    table = client.get(reverse("catalog:resource-table", args=[dataset.slug, resource.slug]))
    assert table.status_code == 200
    assert table.context["view"].page.total == 5


def test_versions_list_with_change_summary_and_old_download(client, login, people, tree):
    dataset, resource, first = published_dataset(tree.jepara, people.ppid)
    second = services.upload_new_version(resource=resource, actor=people.ppid,
                                         upload=upload(TPS_CSV + "33.20.02.2003,X,Y,001,1,1,0\n",
                                                       "v2.csv"))
    ingest(second)
    services.publish_version(version=second, actor=people.ppid)
    login(people.employee)

    page = client.get(reverse("catalog:staff-resource", args=[dataset.slug, resource.slug]))
    old = client.get(reverse("catalog:staff-version-download",
                             args=[dataset.slug, resource.slug, 1]))

    html = page.content.decode()
    assert [v.number for v in page.context["versions"]] == [2, 1]
    assert "Baris: 5 → 6" in html
    assert old.status_code == 200
    assert b"".join(old.streaming_content).decode() == TPS_CSV
    assert "tps.csv" in old["Content-Disposition"]


def test_withdraw_needs_confirmation(client, login, people, tree):
    dataset, _resource, _version = published_dataset(tree.jepara, people.ppid)
    login(people.ppid)
    url = reverse("catalog:staff-dataset-withdraw", args=[dataset.slug])

    confirm = client.get(url)
    dataset.refresh_from_db()
    assert confirm.status_code == 200 and dataset.status == DatasetStatus.PUBLISHED
    assert "Ya, tarik dataset" in confirm.content.decode()
    client.post(url)

    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.WITHDRAWN


def test_usage_figures_on_the_dataset_page(client, login, people, tree):
    dataset, resource, _version = published_dataset(tree.jepara, people.ppid)
    record_usage(dataset=dataset, kind=UsageKind.VIEW)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.VIEW)
    record_usage(dataset=dataset, resource=resource, kind=UsageKind.DOWNLOAD)
    login(people.head)

    response = client.get(reverse("catalog:staff-dataset", args=[dataset.slug]))

    assert response.context["usage"]["views_30d"] == 2
    assert response.context["usage"]["downloads_total"] == 1
    assert response.context["resources"][0].figures["views_total"] == 1


def test_link_resource_and_publish_dataset(client, login, people, tree):
    dataset = _draft(people, tree)
    publishes_directly(tree.jepara)
    login(people.ppid)

    client.post(reverse("catalog:staff-resource-create", args=[dataset.slug]), {
        "name": "Portal Satu Data", "url": "https://data.go.id/dataset/tps.csv",
        "number_format": "international"})
    client.post(reverse("catalog:staff-dataset-publish", args=[dataset.slug]))

    assert Resource.objects.get().kind == "link"
    dataset.refresh_from_db()
    assert dataset.status == DatasetStatus.PUBLISHED
