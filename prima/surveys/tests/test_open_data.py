"""The IKM results published as an open dataset through the catalog (CKAN/DCAT)."""

import csv
import io

from django.urls import reverse

from prima.catalog.models import Dataset
from prima.catalog.tests.factories import publishes_directly
from prima.surveys import services

from .factories import bulk_responses


def test_closing_a_survey_publishes_the_ikm_dataset(tree, people, survey, client,
                                                     django_capture_on_commit_callbacks):
    publishes_directly(tree.jepara)
    bulk_responses(survey, [(4,) * 9, (3,) * 9])
    with django_capture_on_commit_callbacks(execute=True):
        services.close_survey(survey=survey, actor=people.ppid)
    dataset = Dataset.objects.get(satker=tree.jepara)
    assert dataset.status == "published"
    assert dataset.title == "Indeks Kepuasan Masyarakat KPU Kabupaten Jepara"
    link = dataset.resources.get().url
    assert link.endswith(reverse("surveys:public-results-csv", args=["33.20"]))
    rows = list(csv.DictReader(io.StringIO(
        client.get(reverse("surveys:public-results-csv", args=["33.20"])).content.decode())))
    overall = rows[0]
    assert (overall["kode_layanan"], overall["responden"], overall["ikm"],
            overall["mutu_pelayanan"]) == ("semua", "2", "87.50", "B")
    assert overall["nrr_u1"] == "87.50"
    # Opening and closing again keeps one dataset.
    services.open_survey(survey=survey, actor=people.ppid)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_survey(survey=survey, actor=people.ppid)
    assert Dataset.objects.filter(satker=tree.jepara).count() == 1


def test_without_catalog_permission_nothing_is_published(tree, people):
    from prima.surveys.open_data import publish_open_data

    assert publish_open_data(satker=tree.jepara, actor=people.employee) is None
    assert not Dataset.objects.exists()


def test_where_the_walidata_reviews_the_ikm_dataset_waits_for_the_walidata(
        tree, people, survey, django_capture_on_commit_callbacks):
    """Satu Data: a satker that publishes through its walidata submits the dataset for the
    walidata's check instead of publishing it (and instead of giving up)."""
    bulk_responses(survey, [(4,) * 9])
    with django_capture_on_commit_callbacks(execute=True):
        services.close_survey(survey=survey, actor=people.ppid)
    assert Dataset.objects.get(satker=tree.jepara).status == "in_review"
