"""Email, written once: ``compose`` renders a message from templates, and an outbox delivers it.

Every app composes its emails with ``compose`` (subject, plain-text body from
``<template>.txt``, an HTML alternative from ``<template>.html`` when that template exists),
rendered in Indonesian unless told otherwise. Django's EMAIL_BACKEND (``OutboxBackend``) stores
the message and a task delivers it, so a failed SMTP server loses nothing: the row stays pending
and is retried with back-off (``deliver_outbox_email``), and ``send_outbox`` sweeps anything
still due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from functools import partial
from html import unescape as html_unescape

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.translation import override

from .models import OutboxEmail

DEFAULT_LANGUAGE = "id"  # Indonesian first: the citizens and offices Prima serves read it


def compose(*, to: Sequence[str], template: str, context: Mapping | None = None,
            subject=None, subject_params: Mapping | None = None,
            subject_template: str | None = None, reply_to: Sequence[str] | None = None,
            language: str | None = DEFAULT_LANGUAGE,
            attachments: Iterable[tuple[str, bytes, str]] = ()) -> int:
    """Render one email and queue it through the outbox; returns the number queued (0 or 1).

    - ``template``: a template name without extension; ``<template>.txt`` is the body and
      ``<template>.html``, if it exists, an HTML alternative.
    - the subject: ``subject`` (a string, best a lazy translation, formatted with
      ``subject_params`` as ``subject % subject_params``) or ``subject_template`` (a template
      rendered with the context, on one line, unescaped).
    - ``context`` also gets ``base_url`` (absolute links: emails are also sent from tasks with
      no web request) and ``site_name``.
    - ``language``: the language everything is rendered in (``None``: the active one).
    - ``attachments``: ``(filename, content, mimetype)`` triples.
    """
    return render_message(
        to=to, template=template, context=context, subject=subject,
        subject_params=subject_params, subject_template=subject_template, reply_to=reply_to,
        language=language, attachments=attachments).send()


def render_message(*, to: Sequence[str], template: str, context: Mapping | None = None,
                   subject=None, subject_params: Mapping | None = None,
                   subject_template: str | None = None, reply_to: Sequence[str] | None = None,
                   language: str | None = DEFAULT_LANGUAGE,
                   attachments: Iterable[tuple[str, bytes, str]] = ()) -> EmailMultiAlternatives:
    """The message ``compose`` queues (same arguments), rendered and not sent: for a caller that
    renders before its write transaction and stores it inside (``outbox_row``)."""
    if (subject is None) == (subject_template is None):
        raise ValueError("Give either subject or subject_template.")
    context = {"base_url": settings.PRIMA_BASE_URL, "site_name": settings.PRIMA_SITE_NAME,
               **(context or {})}
    with override(language) if language else nullcontext():
        if subject_template is not None:
            # A subject is plain text: undo the HTML escaping of the template engine.
            subject = html_unescape(render_to_string(subject_template, context))
        else:
            subject = str(subject) % subject_params if subject_params else str(subject)
        body = render_to_string(f"{template}.txt", context)
        try:
            html = get_template(f"{template}.html").render(context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=body,
                                     to=list(to), reply_to=list(reply_to or ()))
    if html is not None:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def stores_in_outbox() -> bool:
    """Whether sending an email stores it in the outbox (Prima's EMAIL_BACKEND; tests and some
    set-ups use another backend)."""
    from django.utils.module_loading import import_string

    return issubclass(import_string(settings.EMAIL_BACKEND), OutboxBackend)


def outbox_row(message) -> OutboxEmail:
    """The outbox row ``OutboxBackend`` stores for ``message``, not saved yet. Attachments are
    not kept by the outbox (as with ``OutboxBackend``)."""
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    return OutboxEmail(
        subject=str(message.subject)[:998],
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to), cc=list(message.cc), bcc=list(message.bcc),
        reply_to=list(message.reply_to), body=message.body or "", html_body=html,
        headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
    )


def _store(message) -> OutboxEmail:
    row = outbox_row(message)
    row.save(force_insert=True)
    return row


def _queue_with_the_email() -> bool:
    """Inside a transaction, with the database task queue: the delivery is queued at once, in
    the same transaction as the email (one write less after the commit; both or neither)."""
    from .tasks import deliver_outbox_email, queues_in_database

    return transaction.get_connection().in_atomic_block and queues_in_database(
        deliver_outbox_email)


class OutboxBackend(BaseEmailBackend):
    """Stores every message in the outbox and queues its delivery once the email is committed
    (with the database task queue: in the same transaction)."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stored = _store(message)
            from .tasks import deliver_outbox_email, enqueue_logged, enqueue_safely

            if _queue_with_the_email():
                enqueue_safely(deliver_outbox_email, stored.pk)
            else:
                transaction.on_commit(partial(enqueue_logged, deliver_outbox_email, stored.pk))
            count += 1
        return count


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off: 1, 2, 4 ... minutes, capped at six hours."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


# While one worker sends a message, the row is leased to it: its next attempt moves this far
# ahead, so the delivery task and a sweep (or two workers) never send the same email twice.
CLAIM_LEASE = dt.timedelta(minutes=10)


def _claim(email: OutboxEmail, now) -> bool:
    """Atomically take ``email`` for one delivery attempt (a conditional UPDATE)."""
    claimed = OutboxEmail.objects.filter(
        pk=email.pk, status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + CLAIM_LEASE)
    return claimed == 1


def deliver(email: OutboxEmail, *, connection=None, now=None) -> bool:
    """Try to send one due outbox email now; record the outcome. Returns True when sent.

    An email that is not due (waiting for its next attempt) or taken by another worker is left
    alone and counts as not sent.
    """
    if email.status != OutboxEmail.Status.PENDING:
        return email.status == OutboxEmail.Status.SENT
    if not _claim(email, now or timezone.now()):
        email.refresh_from_db()
        return email.status == OutboxEmail.Status.SENT
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to,
        cc=email.cc, bcc=email.bcc, reply_to=email.reply_to, headers=email.headers,
        connection=connection or get_connection(settings.PRIMA_DELIVERY_EMAIL_BACKEND),
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    email.attempts += 1
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any transport failure is retried later
        email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            email.status = OutboxEmail.Status.FAILED
        else:
            email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return False
    email.status = OutboxEmail.Status.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


def send_due(now=None) -> tuple[int, int]:
    """Deliver every due pending email; returns (sent, failed)."""
    sent = failed = 0
    connection = get_connection(settings.PRIMA_DELIVERY_EMAIL_BACKEND)
    now = now or timezone.now()
    for email in OutboxEmail.objects.due(now).order_by("next_attempt_at")[:500]:
        if deliver(email, connection=connection, now=now):
            sent += 1
        else:
            failed += 1
    return sent, failed
