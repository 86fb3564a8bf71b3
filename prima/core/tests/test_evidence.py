"""Shared evidence: the sources the capabilities declare, the checks, the link table, the field."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prima.catalog.models import Dataset
from prima.catalog.tests.factories import DatasetFactory
from prima.core import evidence
from prima.core.evidence import EvidenceField, EvidenceRef
from prima.core.models import AuditEvent, EvidenceLink
from prima.organisations.policies import memberships_of
from prima.organisations.tests.factories import DivisionFactory, DocumentFactory
from prima.reform.models import EventParticipant, SocialisationEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(tree):
    return {
        "decree": DocumentFactory(satker=tree.jepara, number="35/2020", subject="Tim RB",
                                  date=dt.date(2020, 1, 6)),
        "public": DocumentFactory(satker=tree.jepara, number="1/SE/2021", subject="Edaran",
                                  date=dt.date(2021, 2, 1), is_public=True),
        "kudus": DocumentFactory(satker=tree.kudus, number="9/2020", subject="Kudus"),
    }


def test_every_capability_declares_its_sources():
    keys = [key for key, _label in evidence.kind_choices()]
    # Each installed capability adds its own (servicestandards: "sop").
    assert keys[:4] == ["document", "dataset", "event", "report"] and "sop" in keys


def test_citable_documents_are_the_satkers_own_searched_and_paged(tree, people, documents):
    page = evidence.citable("document", satker=tree.jepara, user=people.employee)
    assert [d.number for d in page.object_list] == ["1/SE/2021", "35/2020"]

    found = evidence.citable("document", satker=tree.jepara, user=people.employee,
                             query="  tim   rb ")
    assert [d.number for d in found.object_list] == ["35/2020"]

    for n in range(evidence.PAGE_SIZE):
        DocumentFactory(satker=tree.jepara, number=f"{n}/X/2022", date=dt.date(2022, 1, 1))
    second = evidence.citable("document", satker=tree.jepara, user=people.employee, page=2)
    assert len(second.object_list) == 2 and second.number == 2


def test_a_record_outside_the_satker_or_hidden_from_the_person_is_refused(
        tree, people, documents):
    ref = EvidenceRef.of("document", documents["decree"])
    assert evidence.check_citable(ref, satker=tree.jepara, user=people.employee) \
        == documents["decree"]

    refusals = [
        (EvidenceRef.of("document", documents["kudus"]), people.employee),  # not Jepara's
        (ref, people.citizen),  # not public and the person is no staff of Jepara
        (EvidenceRef("document", "not-a-number"), people.employee),
        (EvidenceRef("document", "999999"), people.employee),
    ]
    for bad, user in refusals:
        with pytest.raises(ValidationError) as caught:
            evidence.check_citable(bad, satker=tree.jepara, user=user)
        assert caught.value.code == "not_citable"
        assert "tidak ditemukan di antara data yang dapat dikutip KPU Kabupaten Jepara" in (
            caught.value.messages[0])
    with pytest.raises(ValidationError) as caught:
        evidence.check_citable(EvidenceRef("tidak-dikenal", "1"), satker=tree.jepara,
                               user=people.employee)
    assert caught.value.code == "unknown_kind"
    # A public document may be cited by anyone who can act for the satker.
    assert evidence.check_citable(EvidenceRef.of("document", documents["public"]),
                                  satker=tree.jepara, user=people.citizen)


def test_published_datasets_and_attended_events_are_citable(tree, people):
    published = DatasetFactory(satker=tree.jepara, title="Rekap DPT",
                               status="published")
    DatasetFactory(satker=tree.jepara, title="Draf", status="draft")
    own = SocialisationEvent.objects.create(organiser=tree.jepara, title="Sosialisasi ZI",
                                            date=dt.date(2020, 3, 4), mode="offline",
                                            created_by=people.reform)
    attended = SocialisationEvent.objects.create(organiser=tree.jateng, title="Rabu Ingin Tahu",
                                                 date=dt.date(2020, 3, 11), mode="online",
                                                 created_by=people.evaluator)
    EventParticipant.objects.create(event=attended, satker=tree.jepara, name="Siti")
    SocialisationEvent.objects.create(organiser=tree.kudus, title="Kudus saja",
                                      date=dt.date(2020, 3, 5), mode="offline",
                                      created_by=people.other_admin)

    datasets = evidence.citable("dataset", satker=tree.jepara, user=people.employee)
    events = evidence.citable("event", satker=tree.jepara, user=people.employee)

    assert list(datasets.object_list) == [published]
    assert list(events.object_list) == [attended, own]
    described = evidence.describe([EvidenceRef.of("dataset", published)])
    assert described[EvidenceRef.of("dataset", published)].public_url == reverse(
        "catalog:dataset-detail", args=[published.slug])
    assert Dataset.objects.count() == 2


def test_describe_asks_one_query_per_kind_and_marks_missing_records(tree, people, documents):
    refs = [EvidenceRef.of("document", d) for d in documents.values()]
    refs.append(EvidenceRef("document", "424242"))
    memberships_of(people.employee)  # loaded once per request anyway

    with CaptureQueriesContext(connection) as captured:
        described = evidence.describe(refs, user=people.employee)

    assert len(captured.captured_queries) == 1
    decree = described[refs[0]]
    assert decree.title == "Surat Keputusan (SK) 35/2020: Tim RB"
    assert decree.staff_url == reverse("organisations:staff-document-download",
                                       args=["33.20", documents["decree"].pk])
    assert decree.public_url == ""
    assert described[refs[1]].public_url.endswith(f"/dokumen/{documents['public'].pk}/unduh/")
    assert not described[refs[2]].available  # Kudus's own document, hidden from Jepara staff
    assert not described[refs[3]].available


def test_links_are_stored_audited_listed_and_removed(tree, people, documents):
    owner = DivisionFactory(satker=tree.jepara, name="Divisi Teknis")
    ref = EvidenceRef.of("document", documents["decree"])

    link = evidence.link_evidence(owner=owner, satker=tree.jepara, ref=ref, actor=people.reform)

    assert (link.kind, link.record_id, link.title) == (
        "document", str(documents["decree"].pk), "Surat Keputusan (SK) 35/2020: Tim RB")
    assert AuditEvent.objects.get(action="core.evidence_linked").satker == tree.jepara
    with pytest.raises(ValidationError, match="sudah menjadi data dukung"):
        evidence.link_evidence(owner=owner, satker=tree.jepara, ref=ref, actor=people.reform)
    with pytest.raises(ValidationError):
        evidence.link_evidence(owner=owner, satker=tree.jepara, actor=people.reform,
                               ref=EvidenceRef.of("document", documents["kudus"]))
    [(stored, cited)] = evidence.links_of(owner, user=people.employee)
    assert stored == link and cited.title == link.title
    assert list(evidence.citations_of(ref)) == [link]

    evidence.unlink_evidence(link=link, actor=people.reform)

    assert not EvidenceLink.objects.exists()
    assert AuditEvent.objects.filter(action="core.evidence_unlinked").count() == 1


class CiteForm(forms.Form):
    def __init__(self, *args, satker, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"] = EvidenceField(satker=satker, user=user)


def test_the_field_returns_a_checked_reference(tree, people, documents):
    decree = documents["decree"]
    form = CiteForm({"evidence_0": "document", "evidence_1": "", "evidence_2": str(decree.pk)},
                    satker=tree.jepara, user=people.employee)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["evidence"] == EvidenceRef("document", str(decree.pk))
    assert form.fields["evidence"].record == decree


@pytest.mark.parametrize(("data", "message"), [
    ({"evidence_0": "document", "evidence_2": "KUDUS"},
     "tidak ditemukan di antara data yang dapat dikutip"),
    ({"evidence_0": "document", "evidence_2": ""}, "Pilih jenis data dukung, lalu datanya."),
    ({"evidence_0": "tidak-dikenal", "evidence_2": "1"},
     "bukan salah satu dari pilihan yang tersedia"),
], ids=["other-satker", "no-record", "unknown-kind"])
def test_the_field_refuses_with_a_clear_message(tree, people, documents, data, message):
    if data["evidence_2"] == "KUDUS":
        data["evidence_2"] = str(documents["kudus"].pk)
    form = CiteForm(data, satker=tree.jepara, user=people.employee)

    assert not form.is_valid()
    assert message in " ".join(form.errors["evidence"])


def test_the_field_renders_kind_then_record_with_the_options_url(tree, people, documents):
    html = str(CiteForm(satker=tree.jepara, user=people.employee)["evidence"])

    assert '<option value="document">Dokumen satker</option>' in html
    assert f'<option value="{documents["decree"].pk}">Surat Keputusan (SK) 35/2020' in html
    assert "9/2020" not in html  # Kudus's document is not offered
    assert 'hx-get="/staf/data-dukung/pilihan/?satker=33.20&amp;field=evidence"' in html


def test_the_options_view_lists_a_kind_for_a_satker(login, tree, people, documents):
    client = login(people.evaluator)
    url = reverse("core:evidence-records")

    response = client.get(url, {"satker": "33.20", "field": "evidence",
                                "evidence_0": "document", "evidence_1": "edaran"})

    assert response.status_code == 200
    assert response.content.decode().count("<option value=\"") == 2  # the blank and one match
    assert "1/SE/2021" in response.content.decode()
    assert client.get(url, {"satker": "33.20", "kind": "tidak-dikenal"}).status_code == 404
    assert login(people.other_employee).get(
        url, {"satker": "33.20", "kind": "document"}).status_code == 404
