"""The catalog demo shows Satu Data at work: the demo walidata of Jawa Tengah reviews and
publishes, and every table has its data dictionary."""

import pytest

from prima.catalog import demo, satudata
from prima.catalog.choices import WALIDATA, AuditAction, DatasetStatus
from prima.catalog.models import ColumnMetadata, Dataset, Indicator
from prima.core.models import AuditEvent
from prima.organisations.demo import load_demo
from prima.organisations.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_tables(monkeypatch):
    """The TPS generator over every 400th desa, so the demo runs in seconds."""
    write = demo.write_tps_csv
    monkeypatch.setattr(demo, "write_tps_csv",
                        lambda path, province=None, every=1, seed=2024:
                        write(path, province=province, every=every * 400, seed=seed))


def test_demo_walidata_reviews_and_publishes_with_data_dictionaries(small_tables):
    load_demo()

    result = demo.load_catalog_demo()
    again = demo.load_catalog_demo()  # idempotent

    walidata = Membership.objects.get(role=WALIDATA).user
    assert walidata.email == "walidata-jateng@demo.kpu.go.id"
    assert "walidata-jateng@demo.kpu.go.id" in result.describe()
    assert again.user == walidata
    jepara = Dataset.objects.filter(satker__code="33.20")
    assert jepara.count() == 3
    assert set(jepara.values_list("status", flat=True)) == {DatasetStatus.PUBLISHED}
    assert set(jepara.values_list("reviewed_by", flat=True)) == {walidata.pk}
    published_by = set(AuditEvent.objects.filter(
        action=AuditAction.DATASET_PUBLISHED, satker__code="33.20")
        .values_list("actor", flat=True))
    assert published_by == {walidata.pk}
    assert AuditEvent.objects.filter(action=AuditAction.DATASET_RETURNED,
                                     actor=walidata).count() == 1
    for dataset in Dataset.objects.all():
        assert satudata.review_problems(dataset) == [], dataset.title
    tps = jepara.get(title__startswith="Daftar TPS")
    dictionary = satudata.data_dictionary(tps.resources.get())
    assert {e["name"]: e["reference"] for e in dictionary}["kode_kecamatan"] == "wilayah"
    assert all(e["definition"] for e in dictionary)
    assert Indicator.objects.filter(dataset__satker__code="33.20").count() == 1
    assert ColumnMetadata.objects.filter(reference="wilayah").exists()
    assert satudata.review_required(tps.satker) is True
    assert satudata.review_required(Dataset.objects.get(satker__code="0").satker) is False
