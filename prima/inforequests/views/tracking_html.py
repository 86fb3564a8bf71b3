"""The private tracking page's own blocks written in Python (issue 13).

Written by the template language, the page's body (``inforequests/public/tracking.html``: some
65 tags, the timeline loop) was about half of a first visit's time. ``blocks`` writes the same
two blocks (``title`` and ``page``) from the same context, byte for byte: the template stays
the source of the markup, the signed-in visitors' page and the page with the clarification
form (its fields, errors and anti-bot guard are written by their own templates), and
``test_tracking_page_cost.py`` compares both for requests in every state and both languages.

Escaping follows the template language: ``{{ value }}`` is ``conditional_escape`` of the value
(localised as ``render_value_in_context`` does), ``{% translate %}`` of a literal and the text
of ``{% blocktranslate %}`` are not escaped, the variables of ``{% blocktranslate %}`` are,
``{% url %}`` is escaped, filters are Django's own functions.
"""

from __future__ import annotations

from html import escape

from django.core.signals import setting_changed
from django.template.defaultfilters import filesizeformat, linebreaksbr
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext

# Every literal the page translates, by its msgid (``{% translate %}`` and the text-only
# ``{% blocktranslate trimmed %}``), translated once per language.
_LITERALS = (
    "Halaman ini pribadi. Jangan bagikan tautannya.", "Status", "Satuan kerja", "Diterima",
    "Batas waktu pemberitahuan", "terlewati", "Perpanjangan", "Alasan:",
    "Pemberitahuan tertulis", "Unduh pemberitahuan tertulis (PDF)", "Informasi diserahkan",
    "Data pemohon", "Nama", "NIK", "Alamat", "Telepon", "Email", "Informasi yang diminta",
    "Dokumen yang diserahkan", "tautan dataset", "Versi yang dihitamkan:",
    "Masa berlaku tautan unduhan telah habis. Hubungi PPID untuk tautan baru.",
    "Riwayat permohonan", "Keberatan", "diajukan", "batas waktu tanggapan atasan PPID",
    "Tindakan", "Ajukan keberatan", "Tarik permohonan", "Tidak ada tindakan yang tersedia.",
    "Permohonan %(number)s",
    "Paling lambat %(date)s (30 hari kerja, UU 14/2008 Pasal 36).",
    "Batas waktu pengajuan keberatan (%(date)s) telah lewat.",
)
_translated: dict[str, dict[str, str]] = {}


def _texts() -> dict[str, str]:
    language = get_language()
    texts = _translated.get(language)
    if texts is None:
        texts = _translated[language] = {msgid: gettext(msgid) for msgid in _LITERALS}
    return texts


def _forget(**kwargs) -> None:
    _translated.clear()


setting_changed.connect(_forget, dispatch_uid="prima-inforequests-tracking-html")


def _v(value) -> str:
    """``{{ value }}``."""
    if type(value) is str:  # most values; Django's ``escape`` is ``html.escape``
        return escape(value)
    return str(conditional_escape(localize(template_localtime(value))))


def _date(value, fmt: str) -> str:
    """``{{ value|date:fmt }}`` (the filter sees the value in local time) for a literal format:
    ``formats.date_format`` would search the locale's format modules for a format of that
    name first, and use it as it is when none is (always: no format is named "j F Y")."""
    if value in (None, ""):
        return ""
    return str(conditional_escape(dateformat.format(template_localtime(value), fmt)))


def _lines(value) -> str:
    """``{{ value|linebreaksbr }}``."""
    return str(linebreaksbr(value, autoescape=True))


def _url(name: str, *args) -> str:
    """``{% url name args %}``."""
    return str(conditional_escape(reverse(name, args=args)))


def blocks(context: dict) -> tuple[str, str] | None:
    """The page's ``title`` and ``page`` blocks as ``tracking.html`` writes them on the bare
    parent, or ``None`` for a page with the clarification form (written by the template)."""
    if context["clarification_question"]:
        return None
    t = _texts()
    ir, secret = context["ir"], context["secret"]
    title = t["Permohonan %(number)s"] % {"number": _v(ir.number)}
    countdown, masked = context["countdown"], context["masked"]
    out = [
        "\n<h1>", title, '</h1>\n<p class="muted">',
        t["Halaman ini pribadi. Jangan bagikan tautannya."], '</p>\n<dl class="ir-facts">\n'
        "  <dt>", t["Status"], "</dt><dd><strong>", _v(context["status_label"]), "</strong>",
    ]
    if ir.decision:
        out += [" · ", _v(context["decision_label"])]
    out += [
        "</dd>\n  <dt>", t["Satuan kerja"], "</dt><dd>", _v(ir.satker.name), "</dd>\n"
        "  <dt>", t["Diterima"], "</dt><dd>", _date(ir.received_at, "j F Y, H:i"), "</dd>\n"
        "  <dt>", t["Batas waktu pemberitahuan"], "</dt>\n"
        "  <dd><strong>", _v(context["due_label"]), "</strong>\n    ",
    ]
    if countdown.is_overdue:
        out += ['<span class="ir-state-overdue">· ', t["terlewati"], "</span>\n    "]
    elif countdown.state == "soon" or countdown.state == "ok":
        days = countdown.days_left
        out += ['<span class="', "ir-state-soon" if countdown.state == "soon" else "", '">· ',
                ngettext("%(n)s hari kerja lagi", "%(n)s hari kerja lagi", days)
                % {"n": _v(days)}, "</span>"]
    out.append("\n    ")
    if context["due_rule"]:
        out += ['<br><span class="help">', _v(context["due_rule"]), "</span>"]
    out.append("</dd>\n  ")
    if ir.is_extended:
        days = ir.extension_days
        out += [
            "\n  <dt>", t["Perpanjangan"], "</dt>\n  <dd>",
            ngettext("Diperpanjang %(n)s hari kerja", "Diperpanjang %(n)s hari kerja", days)
            % {"n": _v(days)},
            " (", _date(ir.extended_at, "j F Y"), ").\n    ", t["Alasan:"], " ",
            _lines(ir.extension_reasons), "</dd>\n  ",
        ]
    out.append("\n  ")
    notice = context["notice"]
    if notice:
        out += ["<dt>", t["Pemberitahuan tertulis"], "</dt><dd>",
                _date(notice.issued_at, "j F Y"), ' — <a href="',
                _url("inforequests:public-notice-pdf", ir.number_slug, secret), '">',
                t["Unduh pemberitahuan tertulis (PDF)"], "</a></dd>"]
    out.append("\n  ")
    if ir.delivered_at:
        out += ["<dt>", t["Informasi diserahkan"], "</dt><dd>", _date(ir.delivered_at, "j F Y"),
                "</dd>"]
    out += ["\n</dl>\n\n<h2>", t["Data pemohon"], '</h2>\n<dl class="ir-facts">\n  <dt>',
            t["Nama"], "</dt><dd>", _v(ir.full_name), "</dd>\n  "]
    for key, label in (("nik", "NIK"), ("address", "Alamat"), ("phone", "Telepon"),
                       ("email", "Email")):
        if masked[key]:
            out += ["<dt>", t[label], "</dt><dd>", _v(masked[key]), "</dd>"]
        out.append("\n  " if key != "email" else "\n")
    out += ["</dl>\n<h2>", t["Informasi yang diminta"], "</h2>\n<p>",
            _lines(ir.information_requested), "</p>\n\n\n\n"]

    files = context["files"]
    if files:
        can_download = context["can_download"]
        out += ['\n<section aria-labelledby="files-title">\n  <h2 id="files-title">',
                t["Dokumen yang diserahkan"], "</h2>\n  <ul>"]
        for f in files:
            out.append("\n    <li>")
            if not can_download:
                out.append(_v(f.title))
            elif f.link_url:
                out += ['<a href="', _v(f.link_url), '" rel="noopener">', _v(f.title),
                        '</a> <span class="muted">(', t["tautan dataset"], ")</span>"]
            else:
                out += ['<a href="',
                        _url("inforequests:public-tracking-file", ir.number_slug, secret, f.pk),
                        '">', _v(f.title), '</a> <span class="muted">(',
                        _v(filesizeformat(f.size)), ")</span>"]
            out.append("\n      ")
            if f.is_redacted:
                out += ['<br><span class="help">', t["Versi yang dihitamkan:"], " ",
                        _v(f.redaction_note), "</span>"]
            out.append("</li>\n  ")
        out.append("</ul>\n  ")
        if not can_download:
            out += ['<p class="help">',
                    t["Masa berlaku tautan unduhan telah habis. Hubungi PPID untuk tautan baru."],
                    "</p>"]
        out.append("\n</section>\n")
    out += ["\n\n<h2>", t["Riwayat permohonan"], '</h2>\n<ol class="ir-timeline">']
    for e in context["events"]:
        # ``|date:'c'`` is the local time's ``isoformat()``.
        out += ['\n  <li><time datetime="', escape(template_localtime(e.created_at).isoformat()),
                '">',
                _date(e.created_at, "j F Y, H:i"), "</time> <strong>", _v(e.kind_label),
                "</strong>"]
        if e.display_text:
            out += ["<br>", _lines(e.display_text)]
        out.append("</li>\n")
    out.append("</ol>\n\n")

    objections = context["objections"]
    if objections:
        out += ["\n<h2>", t["Keberatan"], "</h2>\n<ul>"]
        for o in objections:
            out += ["\n  <li><strong>", _v(o.number), "</strong> — ", t["diajukan"], " ",
                    _date(o.filed_at, "j F Y"), "; ", t["batas waktu tanggapan atasan PPID"],
                    ": ", _date(o.due_date, "j F Y"), "; ", _v(o.status_label)]
            if o.outcome:
                out += [": ", _v(o.outcome_label)]
            out.append("\n    ")
            if o.response:
                out += ["<br>", _lines(o.response)]
            out.append("</li>\n")
        out.append("</ul>\n")
    out += ["\n\n<h2>", t["Tindakan"], "</h2>\n"]
    allowed, deadline = context["objection_allowed"], context["objection_deadline_label"]
    if allowed:
        out += ['\n<p><a class="button" href="',
                _url("inforequests:public-objection", ir.number_slug, secret), '">',
                t["Ajukan keberatan"], '</a>\n  <span class="help">',
                t["Paling lambat %(date)s (30 hari kerja, UU 14/2008 Pasal 36)."]
                % {"date": _v(deadline)}, "</span></p>\n"]
    elif deadline:
        out += ['\n<p class="help">',
                t["Batas waktu pengajuan keberatan (%(date)s) telah lewat."]
                % {"date": _v(deadline)}, "</p>\n"]
    out.append("\n")
    if ir.is_open:
        out += ['\n<p><a class="button secondary" href="',
                _url("inforequests:public-withdraw", ir.number_slug, secret), '">',
                t["Tarik permohonan"], "</a></p>\n"]
    out.append("\n")
    if not allowed and not ir.is_open:
        out += ['<p class="empty">', t["Tidak ada tindakan yang tersedia."], "</p>"]
    out.append("\n")
    return title, "".join(out)
