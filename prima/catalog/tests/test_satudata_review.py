"""Satu Data Indonesia: the walidata's review before publication (domain satu-data.md:
"Produsen Data → Walidata → published", configurable per satker)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prima.catalog import policies, satudata, services
from prima.catalog.choices import WALIDATA, AuditAction, DatasetStatus
from prima.catalog.models import CatalogSetting, Dataset
from prima.core.models import AuditEvent
from prima.core.registry import registry
from prima.organisations.tests.factories import member

from .factories import publishes_directly, table_resource

pytestmark = pytest.mark.django_db

COMPLETE = {"contact_name": "PPID Jepara", "source": "Rekapitulasi KPU",
            "activity_name": "Pemilu 2024", "activity_organiser": "KPU Kabupaten Jepara",
            "activity_period": "Februari–Maret 2024"}


def _ready(people, tree, **fields):
    """A Jepara draft with a published table whose columns all have a definition."""
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid,
                                      title="Hasil per TPS", description="Suara per TPS.",
                                      **{**COMPLETE, **fields})
    resource, version = table_resource(dataset, people.ppid)
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        c["name"]: {"definition": f"Definisi {c['name']}"} for c in version.schema})
    return dataset


def _actions(dataset):
    return list(AuditEvent.objects.filter(
        object_id=str(dataset.pk), content_type=ContentType.objects.get_for_model(Dataset))
        .order_by("pk").values_list("action", flat=True))


def test_walidata_is_a_registered_role():
    assert WALIDATA in registry.roles()


def test_review_is_required_by_default_and_the_producer_cannot_publish(people, tree):
    dataset = _ready(people, tree)

    assert satudata.review_required(tree.jepara) is True
    with pytest.raises(ValidationError, match="melalui walidata"):
        services.publish_dataset(dataset=dataset, actor=people.ppid)
    assert Dataset.objects.get().status == DatasetStatus.DRAFT


def test_producer_submits_walidata_above_publishes(people, tree, walidata):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)

    published = services.publish_dataset(dataset=dataset, actor=walidata)

    assert published.status == DatasetStatus.PUBLISHED
    assert published.reviewed_by == walidata and published.reviewed_at is not None
    assert _actions(dataset) == ["catalog.dataset_created", "catalog.dataset_submitted",
                                 "catalog.dataset_published"]
    event = AuditEvent.objects.get(action=AuditAction.DATASET_PUBLISHED)
    assert event.actor == walidata


def test_walidata_cannot_publish_a_draft_not_submitted(people, tree, walidata):
    dataset = _ready(people, tree)

    with pytest.raises(ValidationError, match="diajukan"):
        services.publish_dataset(dataset=dataset, actor=walidata)
    assert Dataset.objects.get().status == DatasetStatus.DRAFT


def test_walidata_of_another_province_or_below_may_not_review(people, tree):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    elsewhere = member(tree.jabar, WALIDATA)
    kudus = member(tree.kudus, WALIDATA)

    for actor in (elsewhere, kudus, people.evaluator, people.head):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.publish_dataset(dataset=dataset, actor=actor)
        with pytest.raises(PermissionDenied):
            satudata.return_dataset(dataset=dataset, actor=actor, note="x")
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW


def test_incomplete_metadata_and_unknown_codes_block_publication(people, tree, walidata):
    dataset = _ready(people, tree, source="", activity_period="")
    Dataset.objects.filter(pk=dataset.pk).update(spatial_code="99.99")
    services.submit_for_review(dataset=dataset, actor=people.ppid)

    problems = satudata.review_problems(Dataset.objects.get())
    with pytest.raises(ValidationError) as exc:
        services.publish_dataset(dataset=dataset, actor=walidata)

    text = " ".join(exc.value.messages)
    assert "sumber data" in text and "periode kegiatan" in text and "99.99" in text
    assert len(problems) == 3
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW


def test_columns_without_definition_are_listed(people, tree, walidata):
    dataset = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="T",
                                      description="d", **COMPLETE)
    table_resource(dataset, people.ppid)

    problems = satudata.review_problems(dataset)

    assert len(problems) == 1 and "MS-Var" in problems[0] and "kode_desa" in problems[0]


def test_walidata_returns_with_notes_and_producer_resubmits(people, tree, walidata):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)

    with pytest.raises(ValidationError):
        satudata.return_dataset(dataset=dataset, actor=walidata, note="  ")
    returned = satudata.return_dataset(dataset=dataset, actor=walidata,
                                       note="Lengkapi satuan kolom dpt.")

    assert returned.status == DatasetStatus.DRAFT
    assert returned.review_note == "Lengkapi satuan kolom dpt."
    with pytest.raises(ValidationError):
        satudata.return_dataset(dataset=dataset, actor=walidata, note="lagi")
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    services.publish_dataset(dataset=dataset, actor=walidata)
    assert Dataset.objects.get().review_note == ""
    assert _actions(dataset) == [
        "catalog.dataset_created", "catalog.dataset_submitted", "catalog.dataset_returned",
        "catalog.dataset_submitted", "catalog.dataset_published"]


def test_withdrawn_dataset_goes_back_through_review(people, tree, walidata):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    services.publish_dataset(dataset=dataset, actor=walidata)
    services.withdraw_dataset(dataset=dataset, actor=people.ppid)

    with pytest.raises(ValidationError):
        services.publish_dataset(dataset=dataset, actor=people.ppid)
    with pytest.raises(ValidationError):
        services.publish_dataset(dataset=dataset, actor=walidata)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    services.publish_dataset(dataset=dataset, actor=walidata)
    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED


def test_setting_lets_a_satker_publish_directly(people, tree, walidata):
    dataset = _ready(people, tree)
    with pytest.raises(PermissionDenied):
        satudata.set_review_required(satker=tree.jepara, actor=people.admin, required=False)

    satudata.set_review_required(satker=tree.jepara, actor=walidata, required=False)
    services.publish_dataset(dataset=dataset, actor=people.ppid)

    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED
    assert CatalogSetting.objects.get(satker=tree.jepara).updated_by == walidata
    event = AuditEvent.objects.get(action=AuditAction.SETTING_UPDATED)
    assert event.actor == walidata


def test_walidata_sees_drafts_of_the_subtree_only(people, tree, walidata):
    jepara = services.create_dataset(satker=tree.jepara, actor=people.ppid, title="J",
                                     description="d")
    kudus_admin = people.other_admin
    kudus = services.create_dataset(satker=tree.kudus, actor=kudus_admin, title="K",
                                    description="d")
    elsewhere = member(tree.jabar, WALIDATA)

    assert set(policies.staff_datasets(walidata)) == {jepara, kudus}
    assert set(Dataset.objects.visible_to(walidata)) == {jepara, kudus}
    assert policies.can_preview_dataset(walidata, jepara)
    assert not policies.can_preview_dataset(elsewhere, jepara)
    assert list(policies.staff_datasets(elsewhere)) == []
    assert not policies.can_edit_dataset(walidata, jepara)


def test_review_queue_lists_only_what_waits_for_this_walidata(people, tree, walidata):
    waiting = _ready(people, tree)
    services.submit_for_review(dataset=waiting, actor=people.ppid)
    services.create_dataset(satker=tree.jepara, actor=people.ppid, title="Draf", description="d")

    assert list(satudata.datasets_to_review(walidata)) == [waiting]
    assert list(satudata.datasets_to_review(member(tree.jabar, WALIDATA))) == []
    assert list(satudata.datasets_to_review(people.ppid)) == []


# --- pages --------------------------------------------------------------------------------------


def test_review_page_publishes(client, login, people, tree, walidata):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    login(walidata)
    url = reverse("catalog:staff-dataset-review", args=[dataset.slug])

    page = client.get(url)
    queue = client.get(reverse("catalog:staff-review-queue"))
    response = client.post(url, {"decision": "publish"})

    assert page.status_code == 200 and page.context["problems"] == []
    assert dataset.title in queue.content.decode()
    assert response.status_code == 302
    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED


def test_review_page_returns_with_note_and_refuses_a_blank_one(client, login, people, tree,
                                                               walidata):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    login(walidata)
    url = reverse("catalog:staff-dataset-review", args=[dataset.slug])

    blank = client.post(url, {"decision": "return", "note": ""})
    assert blank.status_code == 400
    assert "catatan" in blank.content.decode()
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW

    done = client.post(url, {"decision": "return", "note": "Definisi kolom belum ada."})
    assert done.status_code == 302
    login(people.ppid)
    detail = client.get(reverse("catalog:staff-dataset", args=[dataset.slug]))
    assert "Definisi kolom belum ada." in detail.content.decode()


def test_review_page_is_404_for_the_producer(client, login, people, tree):
    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    login(people.ppid)

    response = client.post(reverse("catalog:staff-dataset-review", args=[dataset.slug]),
                           {"decision": "publish"})

    assert response.status_code == 404
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW


def test_setting_page(client, login, people, tree, walidata):
    login(walidata)
    url = reverse("catalog:staff-catalog-setting", args=[tree.jepara.code])

    assert client.get(url).status_code == 200
    assert client.post(url, {"review_required": "no"}).status_code == 302
    assert satudata.review_required(tree.jepara) is False
    login(people.admin)
    assert client.post(url, {"review_required": "yes"}).status_code == 404
    assert satudata.review_required(tree.jepara) is False


def test_producer_publish_page_explains_the_review(client, login, people, tree):
    dataset = _ready(people, tree)
    login(people.ppid)

    response = client.post(reverse("catalog:staff-dataset-publish", args=[dataset.slug]))

    assert response.status_code == 400
    assert "walidata" in response.content.decode()
    assert Dataset.objects.get().status == DatasetStatus.DRAFT


def test_direct_publishing_keeps_working_when_configured(people, tree):
    publishes_directly(tree.jepara)
    dataset = _ready(people, tree)

    services.publish_dataset(dataset=dataset, actor=people.ppid)

    assert Dataset.objects.get().status == DatasetStatus.PUBLISHED


def test_walidata_home_shows_what_waits_and_the_review_links(people, tree, walidata):
    from prima.core.dashboard import dashboard_for

    dataset = _ready(people, tree)
    services.submit_for_review(dataset=dataset, actor=people.ppid)

    dashboard = dashboard_for(walidata)

    [card] = dashboard.cards
    [workload] = [w for w in card.workloads if str(w.title) == "Pemeriksaan walidata"]
    assert [str(f.label) for f in workload.figures] == ["1 dataset menunggu pemeriksaan walidata"]
    assert workload.url == reverse("catalog:staff-review-queue")
    assert not [w for w in dashboard_for(people.ppid).cards[0].workloads
                if str(w.title) == "Pemeriksaan walidata"]


def test_review_queue_query_count_is_bounded(client, login, people, tree, walidata,
                                             django_assert_max_num_queries):
    for n in range(6):
        dataset = services.create_dataset(satker=tree.jepara if n % 2 else tree.kudus,
                                          actor=people.ppid if n % 2 else people.other_admin,
                                          title=f"Data {n}", description="d")
        services.submit_for_review(dataset=dataset,
                                   actor=people.ppid if n % 2 else people.other_admin)
    login(walidata)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("catalog:staff-review-queue"))

    assert len(response.context["datasets"]) == 6


def test_restricted_columns_block_publication(people, tree, walidata):
    dataset = _ready(people, tree)
    resource = dataset.resources.get()
    satudata.save_column_metadata(resource=resource, actor=people.ppid, columns={
        "dpt": {"definition": "DPT", "access": "restricted"}})
    services.submit_for_review(dataset=dataset, actor=people.ppid)

    with pytest.raises(ValidationError, match="terbatas"):
        services.publish_dataset(dataset=dataset, actor=walidata)
    assert Dataset.objects.get().status == DatasetStatus.IN_REVIEW


def test_walidata_above_reads_the_data_it_reviews(client, login, people, tree, walidata):
    dataset = _ready(people, tree)
    resource = dataset.resources.get()
    services.submit_for_review(dataset=dataset, actor=people.ppid)
    login(walidata)

    version = client.get(reverse("catalog:staff-version", args=[dataset.slug, resource.slug, 1]))
    preview = client.get(reverse("catalog:dataset-detail", args=[dataset.slug]))
    edit = client.get(reverse("catalog:staff-dataset-edit", args=[dataset.slug]))

    assert (version.status_code, preview.status_code, edit.status_code) == (200, 200, 404)


def test_activity_metadata_is_edited_on_the_dataset_form(client, login, people, tree):
    dataset = _ready(people, tree)
    login(people.ppid)

    response = client.post(reverse("catalog:staff-dataset-edit", args=[dataset.slug]), {
        "title": dataset.title, "description": dataset.description, "licence": "CC-BY-4.0",
        "update_frequency": "per_election", "activity_period": "Maret 2024",
        "activity_design": "Pencacahan lengkap", "activity_dissemination": "Portal data",
        "activity_unit": "Subbagian Teknis"})

    assert response.status_code == 302, response.content.decode()[:500]
    dataset.refresh_from_db()
    assert (dataset.activity_period, dataset.activity_design, dataset.activity_dissemination,
            dataset.activity_unit) == ("Maret 2024", "Pencacahan lengkap", "Portal data",
                                       "Subbagian Teknis")
