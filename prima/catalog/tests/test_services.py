"""Catalog services: dataset lifecycle with audit, resources, versions and their review."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from prima.catalog import policies, services
from prima.catalog.choices import DatasetStatus, ResourceKind, VersionStatus
from prima.catalog.models import Dataset, ResourceVersion
from prima.core.models import AuditEvent
from prima.organisations.tests.factories import pdf_bytes

from .factories import (
    TPS_CSV,
    ingest,
    published_dataset,
    publishes_directly,
    table_resource,
    upload,
)

pytestmark = pytest.mark.django_db


def _actions(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return list(AuditEvent.objects.filter(object_id=str(obj.pk), content_type=content_type)
                .order_by("pk")
                .values_list("action", flat=True))


def test_create_dataset_is_a_draft_with_metadata_slug_and_audit(people, tree):
    dataset = services.create_dataset(
        satker=tree.jepara, actor=people.ppid, title="Daftar TPS Jepara",
        description="TPS per kecamatan.", topics=["tps"], tags="tps, Pemilu 2024, tps",
        spatial_code="33.20", licence="CC0-1.0")

    assert dataset.status == DatasetStatus.DRAFT
    assert dataset.slug == "daftar-tps-jepara"
    assert sorted(dataset.tags.values_list("name", flat=True)) == ["Pemilu 2024", "tps"]
    assert list(dataset.topics.values_list("slug", flat=True)) == ["tps"]
    assert dataset.licence_id == "CC0-1.0"
    event = AuditEvent.objects.get(action="catalog.dataset_created")
    assert event.actor == people.ppid
    assert event.satker_id == tree.jepara.pk
    assert event.changes["title"] == [None, "Daftar TPS Jepara"]
    assert event.changes["tags"] == [None, ["Pemilu 2024", "tps"]]


def test_slugs_get_a_suffix_when_taken(people, tree):
    first = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Data TPS",
                                    description="a")
    second = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Data TPS",
                                     description="b")

    assert (first.slug, second.slug) == ("data-tps", "data-tps-2")


@pytest.mark.parametrize(("code", "ok"), [
    ("33", True), ("33.20", True), ("33.20.01", True), ("0", True), ("", True),
    ("99.99", False), ("jepara", False)])
def test_spatial_code_must_be_a_known_region_or_satker(people, tree, code, ok):
    call = lambda: services.create_dataset(  # noqa: E731
        satker=tree.jepara, actor=people.ppid, title="Data", description="d", spatial_code=code)
    if ok:
        assert call().spatial_code == code
    else:
        with pytest.raises(ValidationError) as exc:
            call()
        assert "tidak dikenal" in str(exc.value)
        assert not Dataset.objects.exists()


def test_update_dataset_records_before_and_after(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Data",
                                      description="lama", tags=["a"])

    services.update_dataset(dataset=dataset, actor=people.head, description="baru",
                            tags=["a", "b"])

    event = AuditEvent.objects.get(action="catalog.dataset_updated")
    assert event.actor == people.head
    assert event.changes["description"] == ["lama", "baru"]
    assert event.changes["tags"] == [["a"], ["a", "b"]]
    assert Dataset.objects.get().slug == "data"


@pytest.mark.parametrize("actor", ["employee", "reform", "evaluator", "other_admin", "citizen"])
def test_only_writers_of_the_satker_create_or_change(people, tree, actor):
    user = getattr(people, actor)
    with pytest.raises(PermissionDenied):
        services.create_dataset(satker=tree.jepara, actor=user, title="X", description="y")
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Data",
                                      description="lama")
    with pytest.raises(PermissionDenied):
        services.update_dataset(dataset=dataset, actor=user, description="dirusak")

    dataset.refresh_from_db()
    assert dataset.description == "lama"
    assert Dataset.objects.count() == 1


def test_lifecycle_draft_review_published_withdrawn_republished(people, tree):
    publishes_directly(tree.jepara)
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Hasil",
                                      description="d")
    with pytest.raises(ValidationError, match="minimal satu"):
        services.publish_dataset(dataset=dataset, actor=people.ppid)
    table_resource(dataset, people.ppid)

    services.submit_for_review(dataset=dataset, actor=people.ppid)
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW
    services.publish_dataset(dataset=dataset, actor=people.head)
    published = Dataset.objects.get()
    assert published.status == DatasetStatus.PUBLISHED
    assert published.published_at is not None
    services.withdraw_dataset(dataset=dataset, actor=people.ppid)
    assert Dataset.objects.get().status == DatasetStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.withdraw_dataset(dataset=dataset, actor=people.ppid)
    services.publish_dataset(dataset=dataset, actor=people.ppid)

    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED
    assert _actions(dataset) == [
        "catalog.dataset_created", "catalog.dataset_submitted", "catalog.dataset_published",
        "catalog.dataset_withdrawn", "catalog.dataset_published"]


def test_csv_resource_is_ingested_reviewed_and_published(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Hasil",
                                      description="d")
    resource, version = services.add_resource(dataset=dataset, actor=people.ppid,
                                              name="Hasil per TPS", upload=upload(TPS_CSV))
    assert version.status == VersionStatus.UPLOADED
    assert resource.is_tabular and resource.format == "CSV"
    ingest(version)
    assert version.status == VersionStatus.REVIEW
    assert version.row_count == 5
    columns = {c["name"]: c for c in version.schema}
    assert columns["kode_desa"]["type"] == "code" or columns["kode_desa"]["is_code"]
    assert columns["dpt"]["type"] == "integer"

    schema = [dict(c) for c in version.schema]
    for column in schema:
        if column["name"] == "dpt":
            column.update(type="text", label="Jumlah DPT")
    problems = services.review_schema(version=version, actor=people.ppid, schema=schema)
    assert problems == []
    version.refresh_from_db()
    assert {c["name"]: c["type"] for c in version.schema}["dpt"] == "text"
    assert {c["name"]: c["label"] for c in version.schema}["dpt"] == "Jumlah DPT"

    services.publish_version(version=version, actor=people.ppid)

    version.refresh_from_db()
    resource.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert resource.current_version_id == version.pk
    assert version.change_summary["rows_after"] == 5
    assert "catalog.schema_reviewed" in _actions(version)
    assert "catalog.version_published" in _actions(version)


def test_a_type_that_does_not_fit_is_reported_and_blocks_publication(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Hasil",
                                      description="d")
    _resource, version = table_resource(dataset, people.ppid, publish=False)
    schema = [dict(c) for c in version.schema]
    for column in schema:
        if column["name"] == "desa":
            column["type"] = "integer"

    problems = services.review_schema(version=version, actor=people.ppid, schema=schema)

    assert problems and problems[0]["column"] == "desa" and problems[0]["line"] == 2
    version.refresh_from_db()
    assert version.problems == problems
    assert {c["name"]: c["type"] for c in version.schema}["desa"] == "text"
    with pytest.raises(ValidationError, match="masalah"):
        services.publish_version(version=version, actor=people.ppid)
    assert ResourceVersion.objects.get().status == VersionStatus.REVIEW


def test_new_version_keeps_the_published_one_until_it_is_published(people, tree):
    dataset, resource, first = published_dataset(tree.jepara, people.ppid)
    changed = TPS_CSV.replace(",250,", ",260,") + "33.20.02.2003,Tahunan,Pecangaan,001,90,40,45\n"
    resource.key_column = "kode_desa"

    second = services.upload_new_version(resource=resource, actor=people.ppid,
                                         upload=upload(changed, "tps-v2.csv"))
    ingest(second)
    resource.refresh_from_db()
    assert resource.current_version_id == first.pk
    assert second.number == 2 and second.status == VersionStatus.REVIEW

    services.publish_version(version=second, actor=people.ppid)

    resource.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert resource.current_version_id == second.pk
    assert first.status == VersionStatus.SUPERSEDED
    assert second.change_summary["rows_before"] == 5
    assert second.change_summary["rows_after"] == 6


def test_bad_file_is_reported_and_the_published_version_stays(people, tree):
    dataset, resource, first = published_dataset(tree.jepara, people.ppid)
    ragged = "kode_desa,desa,dpt\n33.20.01.2001,Bategede,250\n33.20.01.2002,Bulakbaru\n"

    version = services.upload_new_version(resource=resource, actor=people.ppid,
                                          upload=upload(ragged, "rusak.csv"))
    ingest(version)

    assert version.status == VersionStatus.FAILED
    assert version.problems and version.problems[0]["message"]
    with pytest.raises(ValidationError):
        services.publish_version(version=version, actor=people.ppid)
    resource.refresh_from_db()
    assert resource.current_version_id == first.pk
    first.refresh_from_db()
    assert first.status == VersionStatus.PUBLISHED


def test_empty_upload_is_refused_and_nothing_is_created(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Hasil",
                                      description="d")

    with pytest.raises(ValidationError, match="kosong"):
        services.add_resource(dataset=dataset, actor=people.ppid, name="Kosong",
                              upload=upload(b"", "kosong.csv"))

    assert not dataset.resources.exists()


def test_pdf_is_a_plain_download_version_ready_to_publish(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="SK",
                                      description="d")

    resource, version = services.add_resource(
        dataset=dataset, actor=people.ppid, name="SK penetapan",
        upload=upload(pdf_bytes(), "sk.pdf"))
    services.publish_version(version=version, actor=people.ppid)

    resource.refresh_from_db()
    assert not resource.is_tabular and resource.format == "PDF"
    assert resource.current_version_id == version.pk
    assert version.schema == [] and version.parquet_path == ""


def test_link_resource_has_no_version(people, tree):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Tautan",
                                      description="d")

    resource, version = services.add_resource(dataset=dataset, actor=people.ppid,
                                              name="Portal", url="https://data.go.id/x.csv")

    assert version is None
    assert resource.kind == ResourceKind.LINK and resource.format == "CSV"
    publishes_directly(tree.jepara)
    services.publish_dataset(dataset=dataset, actor=people.ppid)
    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED


def test_discard_keeps_published_versions(people, tree):
    dataset, resource, first = published_dataset(tree.jepara, people.ppid)
    with pytest.raises(ValidationError):
        services.discard_version(version=first, actor=people.ppid)
    second = services.upload_new_version(resource=resource, actor=people.ppid,
                                         upload=upload(TPS_CSV, "lagi.csv"))

    services.discard_version(version=second, actor=people.ppid)

    second.refresh_from_db()
    assert second.status == VersionStatus.DISCARDED
    resource.refresh_from_db()
    assert resource.current_version_id == first.pk


def test_visibility_of_drafts(people, tree):
    draft = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf",
                                    description="d")

    def visible(user):
        return policies.datasets_visible_to(user).filter(pk=draft.pk).exists()

    assert visible(people.employee) and visible(people.evaluator)
    assert visible(people.system_admin)
    assert not visible(people.citizen)
    assert not visible(people.other_admin)
    assert not visible(people.other_evaluator)
    assert policies.can_edit_dataset(people.ppid, draft)
    assert not policies.can_edit_dataset(people.evaluator, draft)
    assert not policies.can_edit_dataset(people.employee, draft)
