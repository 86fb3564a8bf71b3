"""Composing an email: templates, Indonesian first, HTML alternative, through the outbox."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_lazy

from prima.core.mail import compose
from prima.core.models import OutboxEmail

TEMPLATES = {
    "t/plain.txt": '{% load i18n %}{% translate "Keputusan" %}: {{ name }} {{ base_url }}',
    "t/rich.txt": "Teks {{ name }}",
    "t/rich.html": "<p>Teks <b>{{ name }}</b></p>",
    "t/subject.txt": "Undangan\n  untuk {{ name }} — {{ site_name }}\n",
}


@pytest.fixture(autouse=True)
def _templates(settings):
    settings.TEMPLATES = [{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
    }]
    settings.PRIMA_BASE_URL = "https://prima.example"


def test_plain_email_is_rendered_in_indonesian_even_when_english_is_active():
    with translation.override("en"):
        sent = compose(to=["a@kpu.test"], template="t/plain", context={"name": "Budi"},
                       subject=gettext_lazy("Tanda terima permohonan informasi %(number)s"),
                       subject_params={"number": "0001/PPID/33.20/2026"})

    (email,) = mail.outbox
    assert sent == 1
    assert email.subject == "Tanda terima permohonan informasi 0001/PPID/33.20/2026"
    assert email.body == "Keputusan: Budi https://prima.example"
    assert email.to == ["a@kpu.test"] and email.alternatives == []


def test_language_may_be_chosen():
    compose(to=["a@kpu.test"], template="t/plain", language="en",
            subject=gettext_lazy("Tanda terima permohonan informasi %(number)s"),
            subject_params={"number": "1"})

    (email,) = mail.outbox
    assert email.subject == "Receipt for information request 1"
    assert email.body.startswith("Decision: ")


def test_html_alternative_subject_template_reply_to_and_attachment():
    compose(to=["a@kpu.test", "b@kpu.test"], template="t/rich", context={"name": "<Siti>"},
            subject_template="t/subject.txt", reply_to=["ppid@kpu.test"],
            attachments=[("surat.pdf", b"%PDF-1.4", "application/pdf")])

    (email,) = mail.outbox
    assert email.subject == "Undangan untuk <Siti> — Prima KPU"  # one line
    assert email.body == "Teks &lt;Siti&gt;"
    assert email.alternatives[0] == ("<p>Teks <b>&lt;Siti&gt;</b></p>", "text/html")
    assert email.reply_to == ["ppid@kpu.test"]
    assert email.attachments == [("surat.pdf", b"%PDF-1.4", "application/pdf")]


@pytest.mark.django_db
def test_queued_in_the_outbox_with_its_html(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"
    settings.PRIMA_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with django_capture_on_commit_callbacks(execute=False):
        compose(to=["a@kpu.test"], template="t/rich", context={"name": "Budi"},
                subject="Uji")

    stored = OutboxEmail.objects.get()
    assert (stored.to, stored.subject, stored.body) == (["a@kpu.test"], "Uji", "Teks Budi")
    assert stored.html_body == "<p>Teks <b>Budi</b></p>"
    assert stored.status == OutboxEmail.Status.PENDING
    assert mail.outbox == []  # delivered later by the worker


@pytest.mark.django_db
def test_nobody_to_write_to_queues_nothing(settings):
    settings.EMAIL_BACKEND = "prima.core.mail.OutboxBackend"

    assert compose(to=[], template="t/plain", subject="Uji") == 0
    assert OutboxEmail.objects.count() == 0


@pytest.mark.parametrize("subjects", [{}, {"subject": "a", "subject_template": "t/subject.txt"}],
                         ids=["none", "both"])
def test_exactly_one_kind_of_subject(subjects):
    with pytest.raises(ValueError, match="subject"):
        compose(to=["a@kpu.test"], template="t/plain", **subjects)
    assert mail.outbox == []
