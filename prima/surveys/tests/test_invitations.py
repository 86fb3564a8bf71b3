"""An invitation is queued when an information request is delivered (inforequests'
``request_delivered`` signal), with a one-time link that does not name the requester."""

import re

from django.urls import reverse

from prima.inforequests import services as ir_services
from prima.inforequests.tests.factories import grant, make_request
from prima.surveys.models import Invitation, Response

from .factories import answers, guarded


def deliver(tree, people, capture):
    ir = make_request(tree.jepara)
    grant(ir, people.ppid)
    ir_services.add_delivered_file(request=ir, actor=people.ppid, title="Data DPT",
                                   link_url="https://data.kpu.go.id/dataset/dpt-jepara")
    with capture(execute=True):
        ir_services.deliver_request(request=ir, actor=people.ppid)
    return ir


def test_delivery_queues_one_invitation(tree, people, current_survey,
                                        django_capture_on_commit_callbacks, client,
                                        mailoutbox):
    ir = deliver(tree, people, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    assert invitation.survey == current_survey
    assert invitation.service == "permohonan-informasi"
    emails = [e for e in mailoutbox if "survei" in e.subject.lower()]
    assert len(emails) == 1
    assert emails[0].to == [ir.email]
    body = emails[0].body
    path = re.search(r"/survei/[^/]+/undangan/[^/\s\"']+/", body).group(0)
    assert ir.email not in str(Invitation.objects.values().get())
    # The citizen follows the link once.
    assert client.post(path, guarded(answers(4))).status_code == 302
    assert client.post(path, guarded(answers(4))).status_code == 410
    assert Response.objects.get().channel == "invitation"


def test_no_open_survey_no_invitation(tree, people, django_capture_on_commit_callbacks):
    deliver(tree, people, django_capture_on_commit_callbacks)
    assert not Invitation.objects.exists()


def test_invitation_url_name():
    assert reverse("surveys:public-invitation", args=["k", "t"]) == "/survei/k/undangan/t/"
