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
from prima.inforequests.views import frame, tracking_html

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
    """The page's blocks written, by the template or in Python (``tracking_html``)."""
    calls = []
    real, real_blocks = frame.render_to_string, tracking_html.blocks

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    def written(context):
        blocks = real_blocks(context)
        if blocks is not None:
            calls.append("tracking_html")
        return blocks

    monkeypatch.setattr(frame, "render_to_string", counted)
    monkeypatch.setattr(tracking_html, "blocks", written)
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


# --- The tracking page's blocks written in Python (views/tracking_html.py) --------------------


def _requests_in_every_state(tree, people) -> list:
    """Requests in every status, decision, objection state, with and without an extension,
    delivered files (download, dataset link, redacted), a handover, a withdrawal, a pending
    clarification; texts with characters to escape and line breaks; missing contact data."""
    from prima.inforequests.choices import (
        Exemption,
        HandoverConfirmation,
        HandoverMethod,
        RequesterKind,
    )
    from prima.inforequests.tests.factories import make_consequence_test

    made = []

    def new(**overrides):
        ir = make_request(tree.jepara, **overrides)
        made.append(ir)
        return ir

    new()  # registered
    new(full_name="O'Brien & <Putra> \"Jaya\"",
        information_requested="<b>SK</b> & \"DPT\" 'Jepara'\nbaris kedua\n\nbaris keempat %s %%")
    asked = new()
    services.ask_clarification(request=asked, question="Tahun <berapa>?\nDan & wilayah?",
                               actor=people.ppid)
    answered = new()
    services.ask_clarification(request=answered, question="Tahun berapa?", actor=people.ppid)
    services.answer_clarification(request=answered, answer="2024 & 2025\nsemua <kecamatan>")
    for days in (1, 7):
        extended = new()
        services.extend_request(request=extended, days=days,
                                reasons="Arsip di <gudang> & provinsi.\nDua lokasi.",
                                actor=people.ppid)
    for decision, overrides in (
            (Decision.GRANTED, {}), (Decision.GRANTED_IN_PART, {}),
            (Decision.REFUSED, {"exemption": Exemption.H, "consequence_test":
                                make_consequence_test(tree.jepara, people.ppid)}),
            (Decision.NOT_HELD, {"holder_body": "Dinas <Kependudukan> & Capil"}),
            (Decision.NOT_DOCUMENTED, {"documentation_time": "Dua minggu"})):
        grant(new(), people.ppid, decision=decision, **overrides)
    extended_then_granted = new()
    services.extend_request(request=extended_then_granted, days=3, reasons="Banyak berkas.",
                            actor=people.ppid)
    grant(extended_then_granted, people.ppid)
    for valid_days in (30, 1):
        delivered = new()
        grant(delivered, people.ppid, decision=Decision.GRANTED_IN_PART)
        delivered.refresh_from_db()
        services.add_delivered_file(request=delivered, actor=people.ppid,
                                    title="SK <penetapan> & DPT", upload=pdf_upload("sk.pdf"))
        services.add_delivered_file(request=delivered, actor=people.ppid, title="Dataset DPT",
                                    link_url="https://data.jepara.go.id/dpt?a=1&b=<2>")
        services.add_delivered_file(request=delivered, actor=people.ppid, title="Lampiran",
                                    upload=pdf_upload("lampiran.pdf", pages=3), is_redacted=True,
                                    redaction_note="NIK <dihitamkan> & alamat")
        services.deliver_request(request=delivered, actor=people.ppid, valid_days=valid_days)
    handed = new()
    grant(handed, people.ppid)
    handed.refresh_from_db()
    services.record_handover(request=handed, actor=people.ppid,
                             method=HandoverMethod.HARD_COPY, received_by_name="Siti & Ani",
                             confirmation=HandoverConfirmation.ATTESTATION,
                             attestation="Diterima langsung di kantor.")
    withdrawn = new()
    services.withdraw_request(request=withdrawn, reason="Sudah <tidak> perlu & terima kasih")
    closed = new()
    grant(closed, people.ppid)
    InformationRequest.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    for outcome in (None, *ObjectionOutcome.values):
        objected = new()
        grant(objected, people.ppid)
        objected.refresh_from_db()
        objection = services.file_objection(request=objected, grounds=["d", "f"],
                                            case_description="Bukan <yang> diminta & mahal")
        if outcome is not None:
            services.decide_objection(objection=objection, actor=people.atasan_ppid,
                                      outcome=outcome,
                                      response="Tanggapan <atasan>\n& baris kedua")
    entity = new(requester_kind=RequesterKind.ENTITY, entity_number="AHU-0001 & <2>")
    InformationRequest.objects.filter(pk=entity.pk).update(nik="", address="", phone="",
                                                          email="")
    return made


def test_written_blocks_are_the_template_for_every_state(tree, people, monkeypatch,
                                                        kept_pages):
    """``tracking_html.blocks`` writes what ``tracking.html`` renders, byte for byte, for
    requests in every state, on days when the countdown is ok, soon, overdue or closed and the
    objection windows not yet open, open or passed, in both languages."""
    from prima.inforequests.tests.factories import at, freeze_now

    freeze_now(monkeypatch, at(2026, 3, 2, 9))  # a Monday
    made = _requests_in_every_state(tree, people)
    statuses = set(InformationRequest.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    written = []
    real_blocks = tracking_html.blocks

    def counted(context):
        blocks = real_blocks(context)
        written.append(blocks is not None)
        return blocks

    monkeypatch.setattr(tracking_html, "blocks", counted)
    seen = set()
    for moment in (at(2026, 3, 2, 15), at(2026, 3, 12, 9), at(2026, 3, 17, 23, 30),
                   at(2026, 5, 20, 9)):
        freeze_now(monkeypatch, moment)
        for language in ("id", "en"):
            client = Client()
            client.cookies["django_language"] = language
            for ir in made:
                url = tracking_url(ir)
                framed = client.get(url).content.decode()
                whole = _normalised(_whole(monkeypatch, client, url))
                assert _normalised(framed) == whole, (ir.status, moment, language)
                seen.update(marker for marker in (
                    "ir-state-overdue", "ir-state-soon", "hari kerja lagi", "working day",
                    "Ajukan keberatan", "telah lewat", "Tarik permohonan", "Tidak ada tindakan",
                    "tautan dataset", "Versi yang dihitamkan", "Masa berlaku tautan",
                    "Diperpanjang", "Keberatan") if marker in framed)
    # Every branch of the page was written (the clarification form by the template).
    assert seen >= {"ir-state-overdue", "ir-state-soon", "hari kerja lagi", "working day",
                    "Ajukan keberatan", "telah lewat", "Tarik permohonan", "Tidak ada tindakan",
                    "tautan dataset", "Versi yang dihitamkan", "Masa berlaku tautan",
                    "Diperpanjang", "Keberatan"}
    assert any(written) and not all(written)


def _objection_state_in_full(ir, objections, today) -> dict:
    """``_objection_state`` as it was: every ground's window computed."""
    from prima.inforequests import deadlines
    from prima.inforequests.choices import ObjectionGround, ObjectionStatus

    state = {"allowed": False, "deadline": None, "passed": False}
    if ir.status == Status.WITHDRAWN:
        return state
    windows = [w for w in deadlines.objection_windows(
        ir, [g for g in ObjectionGround.values if g != ObjectionGround.B], today=today)
        if w.start is not None and w.opens <= today]
    if not windows:
        return state
    last_day = max(w.last_day for w in windows)
    pending = any(o.status == ObjectionStatus.FILED for o in objections)
    state.update(deadline=last_day, passed=today > last_day,
                 allowed=today <= last_day and not pending)
    return state


def test_objection_state_skips_no_open_window(tree, people, monkeypatch):
    """Before a notice and until the due date no objection window can be open: the shortcut
    gives what computing every window gives, day by day, for requests in every state."""
    import datetime as dt

    from prima.inforequests.tests.factories import at, freeze_now
    from prima.inforequests.views import public

    freeze_now(monkeypatch, at(2026, 3, 2, 9))
    made = _requests_in_every_state(tree, people)
    late = make_request(tree.jepara, received_at=at(2026, 1, 5, 9))  # due long passed
    shortcuts = 0
    for ir in [*made, late]:
        ir = tracking.find_by_secret(ir.number_slug, ir.secret, objections_flag=True)
        objections = list(ir.objections.all())
        day = dt.date(2026, 1, 1)
        while day <= dt.date(2026, 6, 30):
            expected = _objection_state_in_full(ir, objections, day)
            assert public._objection_state(ir, objections, today=day) == expected, (
                ir.status, ir.decision, day)
            shortcuts += day <= ir.due_date and getattr(ir, "notice", None) is None
            day += dt.timedelta(days=3)
    assert shortcuts > 100


def test_further_tokens_are_masks_of_the_visitors_secret():
    """``frame._masked``: Django's masking with the mask drawn at once — a 64-character token
    of the allowed characters that Django unmasks to the secret, a new mask each time, every
    character possible in every place of the mask."""
    from django.middleware.csrf import (
        CSRF_ALLOWED_CHARS,
        _check_token_format,
        _does_token_match,
        _get_new_csrf_string,
        _unmask_cipher_token,
    )

    secret = _get_new_csrf_string()
    tokens = [frame._masked(secret) for _ in range(3000)]
    for token in tokens[:200]:
        _check_token_format(token)  # raises for a bad length or character
        assert _unmask_cipher_token(token) == secret
        assert _does_token_match(token, secret)
    assert len(set(tokens)) == len(tokens)
    for place in (0, 15, 31):
        assert {token[place] for token in tokens} == set(CSRF_ALLOWED_CHARS)
