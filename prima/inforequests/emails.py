"""Emails to requesters and officers (plain text, Indonesian), composed by ``core.mail.compose``
and queued through the outbox.

Bodies are templates in ``inforequests/emails/``; links are absolute, built from
``settings.PRIMA_BASE_URL`` because emails are also sent from tasks with no web request.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prima.core import calendar
from prima.core.mail import compose, render_message

from . import deadlines


def _url(name: str, args, fallback: str) -> str:
    """An absolute link; the path of the URL layout when the URL is not wired (yet)."""
    try:
        path = reverse(f"inforequests:{name}", args=args)
    except NoReverseMatch:
        path = fallback
    return f"{settings.PRIMA_BASE_URL}{path}"


def tracking_url(request, secret: str) -> str:
    return _url("public-tracking", [request.number_slug, secret],
                f"/informasi/lacak/{request.number_slug}/{secret}/")


def track_form_url() -> str:
    return _url("public-track", [], "/informasi/lacak/")


def download_url(token: str) -> str:
    return _url("public-download-list", [token], f"/informasi/unduh/{token}/")


def staff_url(request) -> str:
    return _url("staff-detail", [request.number_slug],
                f"/staf/informasi/{request.number_slug}/")


def objection_staff_url(objection) -> str:
    slug = objection.number.replace("/", "-")
    return _url("staff-objection-detail", [slug], f"/staf/keberatan/{slug}/")


def _date(day) -> str:
    return calendar.format_date(day) if day else ""


def _send(*, template: str, subject, to: list[str], context: dict, subject_params: dict,
          attachments=()) -> int:
    return compose(to=to, template=f"inforequests/emails/{template}", context=context,
                   subject=subject, subject_params=subject_params, attachments=attachments)


def _request_context(request) -> dict:
    return {"request": request, "satker": request.satker,
            "received_on": _date(request.received_on), "due_date": _date(request.due_date)}


def receipt_message(request, secret: str):
    """The receipt, rendered and not sent (``core.mail.render_message``)."""
    return render_message(
        template="inforequests/emails/receipt", to=[request.email],
        subject=_("Tanda terima permohonan informasi %(number)s"),
        subject_params={"number": request.number},
        context={**_request_context(request), "tracking_url": tracking_url(request, secret),
                 "track_form_url": track_form_url()},
    )


def send_receipt(request, secret: str) -> int:
    """The receipt with the registration number and the private tracking link."""
    return receipt_message(request, secret).send()


def send_clarification(request, question: str) -> int:
    return _send(
        template="clarification", to=[request.email],
        subject=_("Permintaan klarifikasi atas permohonan %(number)s"),
        subject_params={"number": request.number},
        context={**_request_context(request), "question": question,
                 "track_form_url": track_form_url()},
    )


def send_extension(request) -> int:
    """The written notice of the extension with its reasons (UU 14/2008 Pasal 22(8))."""
    return _send(
        template="extension", to=[request.email],
        subject=_("Perpanjangan jangka waktu permohonan %(number)s"),
        subject_params={"number": request.number},
        context={**_request_context(request), "days": request.extension_days,
                 "reasons": request.extension_reasons},
    )


def send_decision(notice) -> int:
    """The written notice, with its PDF attached."""
    request = notice.request
    notice.pdf.open("rb")
    try:
        content = notice.pdf.read()
    finally:
        notice.pdf.close()
    issued_on = timezone.localtime(notice.issued_at,
                                   calendar.local_timezone(request.satker)).date()
    return _send(
        template="decision", to=[request.email],
        subject=_("Pemberitahuan tertulis atas permohonan %(number)s"),
        subject_params={"number": request.number},
        context={**_request_context(request), "notice": notice,
                 "issued_on": _date(issued_on),
                 "objection_deadline": _date(deadlines.objection_deadline(request))},
        attachments=[(f"pemberitahuan-{request.number_slug}.pdf", content, "application/pdf")],
    )


def send_delivery(request, link, token: str) -> int:
    expires_on = timezone.localtime(link.expires_at,
                                    calendar.local_timezone(request.satker)).date()
    return _send(
        template="delivery", to=[request.email],
        subject=_("Informasi yang Anda minta siap diunduh (%(number)s)"),
        subject_params={"number": request.number},
        context={**_request_context(request), "download_url": download_url(token),
                 "expires_on": _date(expires_on),
                 "files": list(request.delivered_files.all())},
    )


def _objection_context(objection) -> dict:
    # An objection on ground b may have no request (UU 14/2008 Pasal 35(1) b).
    request = objection.request
    base = _request_context(request) if request is not None else {"satker": objection.satker}
    return {**base, "name": objection.requester_name}


def send_objection_receipt(objection) -> int:
    return _send(
        template="objection_receipt", to=[objection.requester_email],
        subject=_("Tanda terima keberatan %(number)s"),
        subject_params={"number": objection.number},
        context={**_objection_context(objection), "objection": objection,
                 "grounds": objection_grounds(objection),
                 "objection_due": _date(objection.due_date)},
    )


def send_objection_decision(objection) -> int:
    return _send(
        template="objection_decision", to=[objection.requester_email],
        subject=_("Tanggapan atasan PPID atas keberatan %(number)s"),
        subject_params={"number": objection.number},
        context={**_objection_context(objection), "objection": objection,
                 "dispute_deadline": _date(deadlines.dispute_deadline(objection))},
    )


def objection_grounds(objection) -> list[str]:
    from .choices import ObjectionGround

    labels = dict(ObjectionGround.choices)
    return [f"{g}. {labels.get(g, g)}" for g in objection.grounds]


def send_reminder(*, to: list[str], satker, due_soon, overdue, objections_due,
                  today) -> int:
    """The daily digest of deadlines for the satker's PPID staff."""
    return _send(
        template="reminder", to=to,
        subject=_("Pengingat tenggat layanan informasi %(satker)s"),
        subject_params={"satker": satker.name},
        context={"satker": satker, "today": _date(today),
                 "due_soon": [(r, _date(r.due_date), staff_url(r)) for r in due_soon],
                 "overdue": [(r, _date(r.due_date), staff_url(r)) for r in overdue],
                 "objections_due": [(o, _date(o.due_date), objection_staff_url(o))
                                    for o in objections_due]},
    )


def staff_recipients(satker, *, exclude=None) -> list[str]:
    """The emails of the satker's PPID officers (and atasan PPID), except ``exclude``."""
    from prima.organisations.choices import Role
    from prima.organisations.models import Membership

    found = set(Membership.objects.active()
                .filter(satker=satker, role__in=(Role.PPID, Role.ATASAN_PPID),
                        user__is_active=True)
                .exclude(user__email="").values_list("user__email", flat=True))
    if exclude is not None and getattr(exclude, "email", ""):
        found.discard(exclude.email)
    return sorted(found)


def send_staff_new_request(request, *, exclude=None) -> int:
    """Tell the satker's PPID that a request arrived (the staff home lists it too)."""
    to = staff_recipients(request.satker, exclude=exclude)
    if not to:
        return 0
    return _send(
        template="staff_new_request", to=to,
        subject=_("Permohonan informasi baru %(number)s"),
        subject_params={"number": request.number},
        context={**_request_context(request), "staff_url": staff_url(request)},
    )


def send_staff_new_objection(objection, *, exclude=None) -> int:
    """Tell the satker's PPID and atasan PPID that an objection arrived."""
    to = staff_recipients(objection.satker, exclude=exclude)
    if not to:
        return 0
    return _send(
        template="staff_new_objection", to=to,
        subject=_("Keberatan baru %(number)s"),
        subject_params={"number": objection.number},
        context={"objection": objection, "satker": objection.satker,
                 "grounds": objection_grounds(objection),
                 "objection_due": _date(objection.due_date),
                 "staff_url": objection_staff_url(objection)},
    )


def send_tracking_links(email: str, links: list[tuple]) -> int:
    """The private tracking links of the requests made with ``email`` (sent again)."""
    return _send(
        template="tracking_links", to=[email],
        subject=_("Tautan pelacakan permohonan informasi Anda"), subject_params={},
        context={"links": [(request, tracking_url(request, secret)) for request, secret in links],
                 "track_form_url": track_form_url()},
    )
