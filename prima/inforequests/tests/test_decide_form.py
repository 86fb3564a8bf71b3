"""The PPID's decide form: fields tagged with the outcomes that need them (the page's script
shows only those; the server still validates), starting from the requester's chosen form and
delivery, and a confirmation page (core.confirm) before the notice is issued."""

import re

from django.urls import reverse

from prima.inforequests.choices import Decision, Status
from prima.inforequests.models import Notice
from prima.inforequests.tests.factories import make_consequence_test, make_request


def _url(name, ir):
    return reverse(f"inforequests:{name}", args=[ir.number_slug])


def test_decide_form_tags_fields_and_starts_from_the_requesters_choice(tree, people, login):
    ir = make_request(tree.jepara, copy_form="hard", delivery_method="post")
    html = login(people.ppid).get(_url("staff-detail", ir)).content.decode()
    assert "inforequests/decide.js" in html
    assert re.search(r'<select name="decision"[^>]*data-decide-outcome', html)
    assert re.search(r'name="holder_body"[^>]*data-outcomes="not_held"', html) or \
        re.search(r'data-outcomes="not_held"[^>]*name="holder_body"', html)
    assert 'data-outcomes="refused granted_in_part"' in html
    copy = re.search(r'<select name="copy_form"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.search(r'<option value="hard" selected>', copy)
    delivery = re.search(r'<select name="delivery_method"[^>]*>(.*?)</select>', html,
                         re.S).group(1)
    assert re.search(r'<option value="post" selected>', delivery)


def test_decision_asks_to_confirm_before_the_notice_is_issued(tree, people, login):
    ir = make_request(tree.jepara)
    test = make_consequence_test(tree.jepara, people.ppid)
    c = login(people.ppid)
    data = {"decision": Decision.REFUSED, "exemption": "h", "consequence_test": test.pk,
            "costs": "0"}
    page = c.post(_url("staff-decide", ir), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "core/confirm.html" in [t.name for t in page.templates]
    assert 'type="hidden" name="confirmed" value="1"' in html
    assert 'type="hidden" name="consequence_test"' in html
    assert not Notice.objects.filter(request=ir).exists()
    ir.refresh_from_db()
    assert ir.status == Status.REGISTERED

    done = c.post(_url("staff-decide", ir), {**data, "confirmed": "1"})
    assert done.status_code == 302
    ir.refresh_from_db()
    assert ir.decision == Decision.REFUSED


def test_server_still_validates_without_the_script(tree, people, login):
    ir = make_request(tree.jepara)
    response = login(people.ppid).post(_url("staff-decide", ir), {
        "decision": Decision.GRANTED_IN_PART, "information_given": "SK", "costs": "0",
        "confirmed": "1"})
    assert response.status_code == 400
    assert not Notice.objects.filter(request=ir).exists()
