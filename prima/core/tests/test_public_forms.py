"""The public-form guard: honeypot, signed moment (minimum fill time, maximum age), the rate limit
per IP address and per form, and the template include."""

import time

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from prima.core.public_forms import (
    EXPIRED,
    MAX_AGE_SECONDS,
    MIN_FILL_SECONDS,
    REFUSED,
    TOKEN_SALT,
    TOO_FAST,
    PublicFormGuard,
    guard_posts,
    issue_token,
    over_limit,
    token_age,
)


class MessageForm(PublicFormGuard, forms.Form):
    message = forms.CharField(error_messages={"required": "Isi pesan."})


class QuickForm(PublicFormGuard, forms.Form):
    guard_min_seconds = 0
    guard_max_age = 60
    message = forms.CharField()


def posted(seconds_ago=10.0, **fields):
    return {"message": "Halo", "website": "", "form_token": issue_token(time.time() - seconds_ago),
            **fields}


def test_a_form_filled_by_a_person_is_valid():
    form = MessageForm(posted())

    assert form.is_valid()
    assert form.spam is False
    assert form.cleaned_data["message"] == "Halo"


# Built when the test runs (a moment issued at collection time would age meanwhile).
BOT_SUBMISSIONS = {
    "honeypot": (lambda: posted(website="http://spam.example"), REFUSED),
    "too-fast": (lambda: posted(seconds_ago=MIN_FILL_SECONDS - 1), TOO_FAST),
    "expired": (lambda: posted(seconds_ago=MAX_AGE_SECONDS + 60), EXPIRED),
    "missing": (lambda: posted(form_token=""), REFUSED),
    "garbage": (lambda: posted(form_token="bukan-token"), REFUSED),
    "tampered": (lambda: posted(form_token=issue_token()[:-3]), REFUSED),
    "other-salt": (lambda: posted(form_token=signing.dumps({"t": time.time() - 10},
                                                           salt="lain")), REFUSED),
    "no-moment": (lambda: posted(form_token=signing.dumps({"x": 1}, salt=TOKEN_SALT)), REFUSED),
    "bad-moment": (lambda: posted(form_token=signing.dumps({"t": "kemarin"}, salt=TOKEN_SALT)),
                   REFUSED),
}


@pytest.mark.parametrize(("data", "message"), BOT_SUBMISSIONS.values(),
                         ids=BOT_SUBMISSIONS.keys())
def test_a_bot_submission_is_refused_as_a_whole_with_one_message(data, message):
    form = MessageForm(data())

    assert not form.is_valid()
    assert form.spam is True
    assert form.errors == {"__all__": [str(message)]}


def test_a_refused_form_still_shows_the_fields_errors_to_check():
    form = MessageForm(posted(seconds_ago=MIN_FILL_SECONDS - 1, message=""))

    assert not form.is_valid()
    assert form.errors == {"__all__": [str(TOO_FAST)], "message": ["Isi pesan."]}


def test_a_person_who_forgot_a_field_gets_the_fields_errors():
    form = MessageForm(posted(message=""))

    assert not form.is_valid()
    assert form.spam is False
    assert form.errors == {"message": ["Isi pesan."]}


def test_a_refused_form_is_rendered_with_a_fresh_moment():
    old = issue_token(time.time() - (MIN_FILL_SECONDS - 1))
    form = MessageForm(posted(form_token=old))

    assert not form.is_valid()
    assert form.data["form_token"] != old
    assert 0 <= token_age(form.data["form_token"]) < 1
    assert old not in form.as_div()


def test_a_valid_form_keeps_its_moment():
    data = posted()
    form = MessageForm(data)

    assert form.is_valid()
    assert form.data["form_token"] == data["form_token"]


def test_a_prefixed_form_renews_its_own_field():
    old = issue_token(time.time() - 1)
    form = MessageForm({"q-message": "", "q-website": "", "q-form_token": old}, prefix="q")

    assert not form.is_valid()
    assert form.data["q-form_token"] != old
    assert "form_token" not in form.data


def test_each_form_sets_its_own_fill_time_and_age():
    assert QuickForm(posted(seconds_ago=0)).is_valid()
    expired = QuickForm(posted(seconds_ago=120))
    assert not expired.is_valid()
    assert expired.errors == {"__all__": [str(EXPIRED)]}


def test_an_unbound_form_carries_a_fresh_moment():
    token = MessageForm()["form_token"].value()

    assert 0 <= token_age(token) < 1


def test_token_age_refuses_what_it_did_not_issue():
    with pytest.raises(signing.BadSignature):
        token_age("bukan-token")
    with pytest.raises(signing.SignatureExpired):
        token_age(issue_token(time.time() - 120), max_age=60)
    assert 29 < token_age(issue_token(time.time() - 30)) < 31


def test_the_honeypot_is_hidden_from_people_and_screen_readers_in_generic_templates():
    form = MessageForm()

    assert [f.name for f in form.hidden_fields()] == ["website", "form_token"]
    html = str(form["website"])
    assert 'tabindex="-1"' in html
    assert 'aria-hidden="true"' in html
    assert 'class="visually-hidden"' in html
    assert 'autocomplete="off"' in html


def render_include(form, extra=""):
    template = Template('{% include "core/public_form_guard.html"' + extra + " %}")
    return template.render(Context({"form": form}))


def test_the_include_renders_the_moment_and_the_labelled_honeypot():
    form = MessageForm()

    html = render_include(form)

    assert f'name="form_token" value="{form["form_token"].value()}"' in html
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert '<label for="id_website">Jangan diisi</label>' in html
    assert 'name="website"' in html
    assert 'name="message"' not in html


def test_the_include_takes_a_layouts_own_hiding_class():
    html = render_include(MessageForm(), ' with honeypot_class="ir-hp"')

    assert '<div class="ir-hp" aria-hidden="true">' in html


# --- The rate limit ----------------------------------------------------------------------------

rf = RequestFactory()


def view(request):
    return HttpResponse("ok")


def call(decorated, method="post", ip="10.0.0.1"):
    request = getattr(rf, method)("/formulir/", REMOTE_ADDR=ip)
    request.user = AnonymousUser()
    return decorated(request)


def test_posts_beyond_the_rate_are_answered_429(settings):
    settings.RATELIMIT_ENABLE = True
    limited = guard_posts(group="test-form", rate="3/h")(view)

    assert [call(limited).status_code for _ in range(3)] == [200, 200, 200]
    response = call(limited)

    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()


def test_gets_are_never_counted(settings):
    settings.RATELIMIT_ENABLE = True
    limited = guard_posts(group="test-form", rate="2/h")(view)

    assert [call(limited, "get").status_code for _ in range(5)] == [200] * 5
    assert [call(limited).status_code for _ in range(3)] == [200, 200, 429]


def test_the_limit_is_per_ip_address_and_per_form(settings):
    settings.RATELIMIT_ENABLE = True
    first = guard_posts(group="form-a", rate="1/h")(view)
    second = guard_posts(group="form-b", rate="1/h")(view)

    assert call(first).status_code == 200
    assert call(first).status_code == 429
    assert call(first, ip="10.0.0.2").status_code == 200
    assert call(second).status_code == 200


def test_an_api_counting_the_same_form_shares_its_allowance(settings):
    settings.RATELIMIT_ENABLE = True
    limited = guard_posts(group="shared", rate="2/h")(view)
    request = rf.post("/api/", REMOTE_ADDR="10.0.0.1")

    assert over_limit(request, group="shared", rate="2/h") is False
    assert call(limited).status_code == 200
    assert call(limited).status_code == 429
    assert over_limit(request, group="shared", rate="2/h") is True


def test_no_limit_when_rate_limits_are_off(settings):
    settings.RATELIMIT_ENABLE = False
    limited = guard_posts(group="test-form", rate="1/h")(view)

    assert [call(limited).status_code for _ in range(3)] == [200, 200, 200]
