"""The frame of the private tracking page (header, navigation, language switch, footer of
``inforequests/public/base.html``), rendered once per process and language (issue 13).

The frame is the same for every anonymous visitor without messages but for the CSRF token and
the page's own path (in the language switch): it is rendered with stand-ins for those and for
the page's title and body, and each page is then written by putting the visitor's values in
their place. The page's own blocks come from its template rendered on a bare parent
(``_bare.html``: only ``title`` and ``page``), so the markup has one source. A signed-in
visitor, or one with messages to show, gets the page rendered whole as before.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.shortcuts import render
from django.template import engines
from django.template.context_processors import i18n
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from prima.core.context_processors import navigation

BARE = "inforequests/public/_bare.html"
SPLIT = "\x00prima-frame-split\x00"
TITLE = "\x00prima-frame-title\x00"
PAGE = "\x00prima-frame-page\x00"
CSRF = "\x00prima-frame-csrf\x00"
PATH = "\x00prima-frame-path\x00"
_STAND_IN = re.compile("(\x00prima-frame-[a-z]+\x00)")
_FRAME = ('{% extends "inforequests/public/base.html" %}'
          "{% block title %}{{ frame_title }}{% endblock %}"
          "{% block page %}{{ frame_page }}{% endblock %}")
_frames: dict = {}  # language -> (nav entries, script prefix, urlconf, parts)
_BASE = len(CSRF_ALLOWED_CHARS)
_MASKS = _BASE**CSRF_SECRET_LENGTH


class _Visitor:
    """What the frame reads of the request: only its path."""

    def get_full_path(self) -> str:
        return PATH


def _parts(language: str) -> list[str]:
    nav, prefix, urlconf = navigation(), get_script_prefix(), get_urlconf()
    kept = _frames.get(language)
    if kept is not None and kept[0] is nav and kept[1] == prefix and kept[2] == urlconf:
        return kept[3]
    template = engines["django"].from_string(_FRAME)
    html = template.render({
        **i18n(None), "frame_title": mark_safe(TITLE), "frame_page": mark_safe(PAGE),  # noqa: S308 - stand-ins
        "csrf_token": CSRF, "request": _Visitor(), "user": AnonymousUser(),
        "is_staff_member": False, "messages": (), "prima_name": settings.PRIMA_SITE_NAME,
        "prima_nav": nav,
    })
    parts = _STAND_IN.split(html)
    _frames[language] = (nav, prefix, urlconf, parts)
    return parts


def _forget(**kwargs) -> None:
    _frames.clear()


setting_changed.connect(_forget, dispatch_uid="prima-inforequests-frame")


def _plain_visitor(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return not len(messages.get_messages(request))


def render_framed(request, template_name: str, make_context, *, kept=None,
                  key: str | None = None, write=None) -> HttpResponse:
    """``render(request, template_name, make_context())``, with the frame kept when it is the
    same for this visitor. The template extends ``tracking_base`` (default: the public base).

    With ``kept`` (a ``LocalTTLCache``) and ``key``, the page's own blocks are kept there too:
    ``key`` must stand for everything they are made of (the caller's duty). They are kept with
    a stand-in for the CSRF token, so every visitor still gets their own.

    ``write(context)`` may write the blocks itself, as the template on the bare parent would
    (``(title, page)``), or return ``None`` to leave them to the template.

    Only for private pages: the masks after the first (``_masked``) are not noted by
    ``prima.core.pagecache``, which would have to find them in a page it keeps.
    """
    if not _plain_visitor(request):
        return render(request, template_name, make_context())
    blocks = kept.get(key) if kept is not None and key else None
    if blocks is None:
        context = make_context()
        blocks = write(context) if write is not None else None
        if blocks is None:
            html = render_to_string(template_name, {**context, "csrf_token": CSRF,
                                                    "tracking_base": BARE, "frame_split": SPLIT})
            blocks = tuple(html.split(SPLIT))
        if kept is not None and key:
            kept.put(key, blocks)
    title, page = blocks
    values = {TITLE: title, PAGE: page, PATH: escape(request.get_full_path()), CSRF: CSRF}
    parts = _parts(get_language())
    html = "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(parts))
    # Like {% csrf_token %}: a fresh mask of the visitor's token in each place.
    pieces = html.split(CSRF)
    out = [pieces[0]]
    for i, piece in enumerate(pieces[1:]):
        # Django's own for the first: a new secret and its cookie for a visitor without one.
        out.append(get_token(request) if i == 0 else _masked(request.META["CSRF_COOKIE"]))
        out.append(piece)
    return HttpResponse("".join(out))


def _masked(secret: str) -> str:
    """``django.middleware.csrf._mask_cipher_secret`` with its mask drawn at once: one number
    below 62**32 from the operating system's generator (``secrets``) written in base 62 gives
    32 independent, uniform characters, as ``get_random_string``'s 32 draws of
    ``secrets.choice`` do, for a tenth of the time."""
    chars, number, mask = CSRF_ALLOWED_CHARS, secrets.randbelow(_MASKS), []
    for _ in range(CSRF_SECRET_LENGTH):
        number, index = divmod(number, _BASE)
        mask.append(index)
    return "".join(chars[m] for m in mask) + "".join(
        chars[(chars.index(c) + m) % _BASE] for c, m in zip(secret, mask, strict=True))
