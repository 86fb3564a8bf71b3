"""Private pages whose forms post back keep their referrer on this origin.

Under ``Referrer-Policy: no-referrer`` a browser sends ``Origin: null`` with a form POST, and
Django's CSRF check refuses it (403): the objection, clarification, withdrawal and track forms
failed in a real browser (found by tests/e2e/test_inforequests.py). Pages without forms (the
receipt, the download list) still send no referrer at all (asserted in test_public_request.py
and test_public_downloads.py).
"""

import pytest
from django.test import Client
from django.urls import reverse

from prima.inforequests.choices import Decision, ObjectionStatus
from prima.inforequests.models import Objection

from .factories import grant, guarded, make_request

pytestmark = pytest.mark.django_db


def tracked(ir, suffix=""):
    return reverse("inforequests:public-tracking", args=[ir.number_slug, ir.secret]) + suffix


@pytest.mark.parametrize("suffix", ["", "keberatan/"])
def test_pages_with_forms_send_their_referrer_to_this_origin_only(client, tree, people, suffix):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid, decision=Decision.GRANTED_IN_PART)
    response = client.get(tracked(ir, suffix))
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"


def test_withdraw_and_track_forms_send_their_referrer_to_this_origin_only(client, tree):
    ir = make_request(tree.jepara)
    assert client.get(tracked(ir, "tarik/"))["Referrer-Policy"] == "same-origin"
    assert client.get(reverse("inforequests:public-track"))["Referrer-Policy"] == "same-origin"


def _csrf_post(ir, origin):
    browser = Client(enforce_csrf_checks=True)
    browser.get(tracked(ir, "keberatan/"))
    token = browser.cookies["csrftoken"].value
    return browser.post(tracked(ir, "keberatan/"),
                        guarded(csrfmiddlewaretoken=token, grounds=["d"],
                                case_description="Lampiran per kecamatan tidak diberikan."),
                        HTTP_ORIGIN=origin)


def test_objection_posted_with_the_browsers_origin_is_filed(tree, people):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid, decision=Decision.GRANTED_IN_PART)
    response = _csrf_post(ir, "http://testserver")
    assert response.status_code == 302
    assert response["Location"] == tracked(ir)
    assert Objection.objects.get(request=ir).status == ObjectionStatus.FILED


def test_origin_null_is_what_csrf_refuses(tree, people):
    """Why the policy matters: the POST a no-referrer page makes is refused, nothing stored."""
    ir = make_request(tree.jepara)
    grant(ir, people.ppid, decision=Decision.GRANTED_IN_PART)
    assert _csrf_post(ir, "null").status_code == 403
    assert not Objection.objects.filter(request=ir).exists()

