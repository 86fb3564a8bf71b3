"""The DIP links catalog datasets and documents as records (no typed URLs); the satker's
published datasets and public SK documents are added in one step."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prima.catalog.choices import DatasetStatus
from prima.catalog.tests.factories import make_dataset
from prima.inforequests import services
from prima.inforequests.forms_staff import InformationListEntryForm
from prima.inforequests.models import InformationListEntry
from prima.organisations.tests.factories import DocumentFactory


def test_entry_form_links_records_not_urls(tree):
    form = InformationListEntryForm(satker=tree.jepara)
    assert "dataset" in form.fields and "document" in form.fields
    assert "url" not in form.fields


def test_dataset_must_belong_to_the_satker(tree, people):
    other = make_dataset(tree.kudus, "dpt-kudus")
    with pytest.raises(ValidationError) as error:
        services.save_information_list_entry(
            satker=tree.jepara, actor=people.ppid, title="DPT", information_class="setiap_saat",
            owner="Sekretariat", dataset=other)
    assert "dataset" in error.value.message_dict
    assert not InformationListEntry.objects.exists()


def test_published_datasets_and_public_decrees_added_in_one_step(tree, people, login,
                                                                 client):
    published = make_dataset(tree.jepara, "dpt-jepara", title="DPT Pemilu 2024 Jepara")
    make_dataset(tree.jepara, "draf", status=DatasetStatus.DRAFT)
    sk = DocumentFactory(satker=tree.jepara, kind="sk", is_public=True, number="12/PL/2024")
    DocumentFactory(satker=tree.jepara, kind="sk", is_public=False)
    DocumentFactory(satker=tree.jepara, kind="surat", is_public=True)
    c = login(people.ppid)
    url = reverse("inforequests:staff-dip-import", args=["33.20"])
    confirm = c.get(url)
    assert confirm.status_code == 200 and "DPT Pemilu 2024 Jepara" in confirm.content.decode()
    assert not InformationListEntry.objects.exists()
    assert c.post(url).status_code == 302
    entries = InformationListEntry.objects.filter(satker=tree.jepara)
    assert {(e.dataset_id, e.document_id) for e in entries} == {(published.pk, None),
                                                                (None, sk.pk)}
    assert c.post(url).status_code == 302  # nothing twice
    assert entries.count() == 2
    html = client.get(reverse("inforequests:public-dip", args=["33.20"])).content.decode()
    assert published.get_absolute_url() in html
    assert reverse("organisations:document-download", args=["33.20", sk.pk]) in html


def test_only_the_satkers_ppid_imports(tree, login, kudus_ppid):
    url = reverse("inforequests:staff-dip-import", args=["33.20"])
    assert login(kudus_ppid).post(url).status_code == 404
