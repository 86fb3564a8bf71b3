"""Issue 13: the private tracking page written cheaply — fixed queries compiled once
(``prima.inforequests.compiled``) and the page frame rendered once per process and language
(``views/frame.py``) — with the same markup, the visitor's own CSRF tokens and every change of
the request shown at once."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prima.demo.loader import run_demo
from prima.inforequests import services, tracking
from prima.inforequests.choices import Decision, ObjectionOutcome, Status
from prima.inforequests.compiled import CompiledQuery
from prima.inforequests.models import InformationRequest
from prima.inforequests.tests.factories import grant, make_request, pdf_upload
from prima.inforequests.views import frame

MASKED_TOKEN = re.compile(r'(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])')
FORM_TOKEN = re.compile(r'name="form_token" value="[^"]*"')


def tracking_url(ir, secret=None):
    return reverse("inforequests:public-tracking", args=[ir.number_slug, secret or ir.secret])


def _normalised(html: str) -> str:
    return FORM_TOKEN.sub('name="form_token" value=""', MASKED_TOKEN.sub("TOKEN", html))


def _whole(monkeypatch, client, url) -> str:
    """The page as Django renders it whole (the path of signed-in visitors)."""
    with monkeypatch.context() as m:
        m.setattr(frame, "_plain_visitor", lambda request: False)
        return client.get(url).content.decode()


@pytest.fixture
def kept_pages(settings):
    """The tracking page's kept blocks switched on (off in the test suite, like the page
    cache)."""
    settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS = 30


def test_framed_page_is_the_whole_page_for_every_demo_request(db, monkeypatch, kept_pages):
    run_demo()
    InformationRequest.objects.update(tracking_secret_hash=tracking.hash_secret("rahasia"))
    requests = list(InformationRequest.objects.order_by("id"))
    assert {ir.status for ir in requests} >= {Status.REGISTERED, Status.CLARIFICATION,
                                                   Status.DELIVERED}
    for language in ("id", "en"):
        client = Client()
        client.cookies["django_language"] = language
        for ir in requests:
            # A query string with characters to escape lands in the language switch's "next".
            url = tracking_url(ir, "rahasia") + "?a=1&b=<x>"
            framed = client.get(url)
            assert framed.status_code == 200
            assert framed["Content-Language"] == language
            whole = _normalised(_whole(monkeypatch, client, url))
            assert _normalised(framed.content.decode()) == whole
            assert _normalised(client.get(url).content.decode()) == whole  # kept blocks


def test_frame_keeps_the_visitors_csrf_token_and_a_fresh_mask_per_form(tree, people):
    ir = make_request(tree.jepara)
    services.ask_clarification(request=ir, question="Tahun berapa?", actor=people.ppid)
    client = Client(enforce_csrf_checks=True)
    page = client.get(tracking_url(ir))
    html = page.content.decode()
    assert "Cache-Control" in page and "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', html)
    assert len(tokens) == 2  # the language switch and the clarification form
    assert len(set(tokens)) == 2  # each a fresh mask, like {% csrf_token %}
    from django.middleware.csrf import _unmask_cipher_token
    cookie = client.cookies["csrftoken"].value
    assert {_unmask_cipher_token(t) for t in tokens} == {cookie}
    assert '"X-CSRFToken": "' in html
    # The token in the page is accepted with the visitor's cookie.
    from prima.inforequests.tests.factories import guarded
    answer = client.post(tracking_url(ir) + "klarifikasi/",
                         guarded(answer="Tahun 2024.", csrfmiddlewaretoken=tokens[1]))
    assert answer.status_code == 302
    # A second visitor never sees the first one's token.
    other = Client().get(tracking_url(ir)).content.decode()
    assert not ({t for t in re.findall(r"[A-Za-z0-9]{64}", other)} & set(tokens))


def test_signed_in_visitor_and_messages_get_their_own_frame(client, tree, people, login):
    ir = make_request(tree.jepara)
    services.ask_clarification(request=ir, question="Tahun berapa?", actor=people.ppid)
    from prima.inforequests.tests.factories import guarded
    response = client.post(tracking_url(ir) + "klarifikasi/", guarded(answer="Tahun 2024."))
    page = client.get(response["Location"]).content.decode()
    assert "Jawaban klarifikasi Anda telah dikirim kepada PPID." in page
    assert "Jawaban klarifikasi" not in client.get(tracking_url(ir)).content.decode()

    login(people.ppid)
    page = client.get(tracking_url(ir)).content.decode()
    assert reverse("accounts:logout") in page and reverse("core:dashboard") in page
    assert reverse("accounts:login") not in page
    anonymous = Client().get(tracking_url(ir)).content.decode()
    assert reverse("accounts:login") in anonymous and reverse("accounts:logout") not in anonymous


def test_every_change_shows_at_once(client, tree, people, kept_pages):
    ir = make_request(tree.jepara)
    url = tracking_url(ir)

    def page():
        first = client.get(url).content.decode()
        assert _normalised(client.get(url).content.decode()) == _normalised(first)
        return first

    assert "Terdaftar" in page()
    services.ask_clarification(request=ir, question="Dokumen tahun berapa?", actor=people.ppid)
    assert "Dokumen tahun berapa?" in page()
    services.answer_clarification(request=ir, answer="Tahun 2024 saja.")
    assert "Tahun 2024 saja." in page()
    services.extend_request(request=ir, days=5, reasons="Arsip di gudang provinsi.",
                            actor=people.ppid)
    assert "Arsip di gudang provinsi." in page()
    grant(ir, people.ppid, decision=Decision.GRANTED)
    html = page()
    assert reverse("inforequests:public-notice-pdf", args=[ir.number_slug, ir.secret]) in html
    assert reverse("inforequests:public-objection", args=[ir.number_slug, ir.secret]) in html
    ir.refresh_from_db()
    services.add_delivered_file(request=ir, actor=people.ppid, title="SK penetapan DPT",
                                upload=pdf_upload("sk.pdf"))
    services.deliver_request(request=ir, actor=people.ppid, valid_days=30)
    html = page()
    assert "SK penetapan DPT" in html and "Informasi diserahkan" in html
    ir.refresh_from_db()
    objection = services.file_objection(request=ir, grounds=["d"],
                                        case_description="Bukan yang diminta")
    assert objection.number in page()
    services.decide_objection(objection=objection, actor=people.atasan_ppid,
                              outcome=ObjectionOutcome.UPHELD, response="PPID memberi ulang.")
    assert "PPID memberi ulang." in page()


def test_withdrawal_shows_at_once(client, tree, kept_pages):
    ir = make_request(tree.jepara)
    for _ in range(2):
        assert reverse("inforequests:public-withdraw", args=[ir.number_slug, ir.secret]) in \
            client.get(tracking_url(ir)).content.decode()
    services.withdraw_request(request=ir, reason="Sudah tidak perlu")
    html = client.get(tracking_url(ir)).content.decode()
    assert "Ditarik pemohon" in html
    assert reverse("inforequests:public-withdraw", args=[ir.number_slug, ir.secret]) not in html


def test_objections_are_read_only_when_there_are_some(client, tree, people):
    ir = make_request(tree.jepara)
    client.get(tracking_url(ir))
    with CaptureQueriesContext(connection) as without:
        client.get(tracking_url(ir))
    assert len(without) == 2  # the request (with satker, notice, objection flag), the timeline
    grant(ir, people.ppid)
    services.file_objection(request=ir, grounds=["d"], case_description="Bukan yang diminta")
    with CaptureQueriesContext(connection) as with_one:
        page = client.get(tracking_url(ir))
    assert len(with_one) == 3
    assert ir.objections.get().number in page.content.decode()


def test_wrong_secret_or_number_is_still_404(client, tree):
    ir = make_request(tree.jepara)
    assert client.get(tracking_url(ir, "salah")).status_code == 404
    other = reverse("inforequests:public-tracking", args=["0999-PPID-33.20-2026", ir.secret])
    assert client.get(other).status_code == 404
    assert tracking.find_by_secret(ir.number_slug, ir.secret).pk == ir.pk
    assert tracking.find_by_secret(ir.number_slug, "") is None
    assert tracking.find_by_secret("\x00number", ir.secret) is None


def test_compiled_query_gives_what_the_queryset_gives(tree, people):
    first = make_request(tree.jepara)
    second = make_request(tree.jepara)
    grant(second, people.ppid)
    for ir in (first, second):
        found = tracking.find_by_secret(ir.number_slug, ir.secret, objections_flag=True)
        expected = InformationRequest.objects.select_related("satker", "notice").get(pk=ir.pk)
        assert [getattr(found, f.attname) for f in InformationRequest._meta.concrete_fields] == \
            [getattr(expected, f.attname) for f in InformationRequest._meta.concrete_fields]
        assert found.has_objections is False
        assert found.satker.name == tree.jepara.name
        with CaptureQueriesContext(connection) as queries:
            notice = getattr(found, "notice", None)
        assert len(queries) == 0  # selected with the request, or known to be absent
        assert (notice is None) == (ir is first)


def test_compiled_query_refuses_a_stand_in_it_cannot_find(db):
    query = CompiledQuery(lambda n: InformationRequest.objects.filter(number="x"), "stand-in")
    with pytest.raises(ValueError, match="stand-in"):
        query("y")


def _renders(monkeypatch) -> list:
    calls = []
    real = frame.render_to_string

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(frame, "render_to_string", counted)
    return calls


def test_kept_blocks_serve_a_second_visit_with_its_own_token(tree, monkeypatch, kept_pages):
    ir = make_request(tree.jepara)
    renders = _renders(monkeypatch)
    first, second = Client(), Client()
    one = first.get(tracking_url(ir))
    two = second.get(tracking_url(ir))
    assert len(renders) == 1  # the second visit used the kept blocks
    assert "no-store" in two["Cache-Control"] and "private" in two["Cache-Control"]
    assert two["Referrer-Policy"] == "same-origin" and two["X-Robots-Tag"] == "noindex, nofollow"
    assert _normalised(one.content.decode()) == _normalised(two.content.decode())
    from django.middleware.csrf import _unmask_cipher_token
    token = re.search(r'"X-CSRFToken": "([A-Za-z0-9]{64})"', two.content.decode()).group(1)
    assert _unmask_cipher_token(token) == second.cookies["csrftoken"].value
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value

    # A wrong secret never reaches them; the language and the secret are part of their key.
    assert Client().get(tracking_url(ir, "salah")).status_code == 404
    english = Client()
    english.cookies["django_language"] = "en"
    assert "Request " + ir.number in english.get(tracking_url(ir)).content.decode()
    assert len(renders) == 2


def test_kept_blocks_follow_the_satkers_day(client, tree, people, monkeypatch, kept_pages):
    """The countdown changes with the day: the next day's page is written again."""
    from prima.inforequests.tests.factories import at, freeze_now

    freeze_now(monkeypatch, at(2026, 3, 2, 9))  # a Monday
    ir = make_request(tree.jepara)
    renders = _renders(monkeypatch)
    assert "10 hari kerja lagi" in client.get(tracking_url(ir)).content.decode()
    client.get(tracking_url(ir))
    assert len(renders) == 1
    freeze_now(monkeypatch, at(2026, 3, 3, 9))
    assert "9 hari kerja lagi" in client.get(tracking_url(ir)).content.decode()
    assert len(renders) == 2


def test_pages_with_a_form_are_not_kept(client, tree, people, monkeypatch, kept_pages):
    ir = make_request(tree.jepara)
    services.ask_clarification(request=ir, question="Tahun berapa?", actor=people.ppid)
    renders = _renders(monkeypatch)
    client.get(tracking_url(ir))
    client.get(tracking_url(ir))
    assert len(renders) == 2  # its anti-bot token holds the moment it was shown
