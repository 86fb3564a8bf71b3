"""The PPID publishes the response and released documents of a request whose information is
public on its register entry; register rows open a public detail page without personal data."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prima.inforequests import services
from prima.inforequests.tests.factories import grant, make_request, pdf_upload


def _entry(ir):
    return reverse("inforequests:public-register-entry", args=[ir.number_slug])


@pytest.fixture
def granted(tree, people):
    ir = make_request(tree.jepara, full_name="Siti Rahmawati", phone="081299990000")
    grant(ir, people.ppid)
    released = services.add_delivered_file(request=ir, actor=people.ppid, title="SK DPT",
                                           upload=pdf_upload("sk.pdf"))
    private = services.add_delivered_file(request=ir, actor=people.ppid, title="Lampiran",
                                          upload=pdf_upload("lampiran.pdf"))
    return ir, released, private


def test_published_answer_and_documents_on_the_register_entry(client, people, login,
                                                              granted):
    ir, released, private = granted
    register = client.get(reverse("inforequests:public-register")).content.decode()
    assert _entry(ir) in register
    assert "SK DPT" not in client.get(_entry(ir)).content.decode()

    response = login(people.ppid).post(
        reverse("inforequests:staff-publish", args=[ir.number_slug]),
        {"answer": "SK penetapan DPT diberikan seluruhnya.", "files": [str(released.pk)]})
    assert response.status_code == 302

    client.logout()
    html = client.get(_entry(ir)).content.decode()
    assert "SK penetapan DPT diberikan seluruhnya." in html
    released_url = reverse("inforequests:public-register-file",
                           args=[ir.number_slug, released.pk])
    assert released_url in html and "Lampiran" not in html
    for personal in ("Siti Rahmawati", "081299990000", ir.nik, ir.email):
        assert personal not in html
    download = client.get(released_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("inforequests:public-register-file",
                              args=[ir.number_slug, private.pk])).status_code == 404


def test_only_given_information_of_a_published_entry_can_be_published(tree, people):
    ir = make_request(tree.jepara)
    with pytest.raises(ValidationError):
        services.publish_answer(request=ir, actor=people.ppid, answer="x")
    grant(ir, people.ppid)
    with pytest.raises(ValidationError) as error:
        services.publish_answer(request=ir, actor=people.ppid, answer="  ")
    assert "answer" in error.value.message_dict
    type(ir).objects.filter(pk=ir.pk).update(is_published=False)
    with pytest.raises(ValidationError):
        services.publish_answer(request=ir, actor=people.ppid, answer="Jawaban")
    ir.refresh_from_db()
    assert ir.answer_published_at is None


def test_unpublished_entries_have_no_public_page(client, tree):
    ir = make_request(tree.jepara)
    type(ir).objects.filter(pk=ir.pk).update(is_published=False)
    assert client.get(_entry(ir)).status_code == 404
    assert client.get(reverse("inforequests:public-register-entry",
                              args=["9999-PPID-33.20-2026"])).status_code == 404
