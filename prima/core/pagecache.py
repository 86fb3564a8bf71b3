"""Whole-page cache of public pages for anonymous visitors (issue 13).

``@public_page`` on a public view keeps its rendered page (compressed), keyed by the language,
the full path with its query string and the htmx headers, so a second visitor asking the same
thing gets the page without the view's queries and template. With Redis (production) the pages
are shared by every worker; with the database or memory cache they stay in a bounded memory of
each process, so pages asked with random parameters never bloat the cache table and a miss
costs no database write. The generation is always in the shared cache. What makes it correct:

- only anonymous GET requests that carry no cookie but the CSRF and language ones (no session,
  no messages) read or fill it; any other visitor gets the view as before;
- only plain 200 answers without cookies and without ``Cache-Control: private/no-cache/
  no-store`` are kept (private pages such as the tracking page never use the decorator);
- the CSRF token written into a page is never shared: it is replaced by a placeholder before
  the page is stored, and every visitor served from the cache gets their own token (and cookie)
  in its place;
- every write through the ORM (``post_save``, ``post_delete``, ``m2m_changed``; once per
  transaction, after its commit) moves a shared generation, and a page kept under an older
  generation is not used; writes the ORM does not signal (``QuerySet.update``, ``bulk_create``)
  are caught by the entry's lifetime, ``PRIMA_PUBLIC_PAGE_CACHE_SECONDS``; a step whose writes
  show on no public page says so with ``unseen_writes()`` (a new, unpublished information
  request: no write to the cache after every submission);
- a view that must count each visit (catalog usage) registers it with ``replay_on_hit``: the
  count is stored with the page and repeated on every answer from the cache.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import zlib
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.translation import get_language

from .localcache import LocalTTLCache
from .request_context import request_memo

logger = logging.getLogger(__name__)
GENERATION_KEY = "prima:pagecache:generation"
GENERATION_MEMO = "prima.core.pagecache:generation"  # the request's, in ``request_memo()``
KEY_PREFIX = "prima:pagecache:page:"
PLACEHOLDER = b"\x00prima-csrf-token\x00"
_MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
# Rows that never show on a public page; their writes leave the cached pages alone.
UNRELATED_MODELS = {"sessions.session", "axes.accessattempt", "axes.accesslog",
                    "axes.accessfailurelog", "catalog.usagedaily", "core.outboxemail",
                    "core.auditevent", "django_tasks_database.dbtaskresult"}
_REPLAYS = "_prima_pagecache_replays"
_unseen: ContextVar[bool] = ContextVar("prima_pagecache_unseen", default=False)
# The masked CSRF tokens handed out while a page being kept is made (see ``_record_tokens``).
_issued: ContextVar[list | None] = ContextVar("prima_pagecache_issued", default=None)


def _record_tokens() -> bool:
    """Note every masked CSRF token ``get_token`` hands out while a page is being made, so the
    page's tokens are found with ``bytes.replace`` instead of a scan of the whole page for
    64-character words (1-2 ms on a 100 kB table page). ``get_token`` looks its masking
    function up in its module on each call; if Django ever changes that, the scan is used."""
    from django.middleware import csrf

    original = getattr(csrf, "_mask_cipher_secret", None)
    if original is None:
        return False
    if getattr(original, "prima_records_tokens", False):
        return True

    def masked(secret):
        token = original(secret)
        issued = _issued.get()
        if issued is not None:
            issued.append(token)
        return token

    masked.prima_records_tokens = True  # type: ignore[attr-defined]
    csrf._mask_cipher_secret = masked
    return True


_RECORDING = _record_tokens()


def enabled() -> bool:
    return settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS > 0


PAGES_KEPT = 2048  # pages per process without Redis (compressed: a few kB each)
_pages = LocalTTLCache(lambda: settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS, size=PAGES_KEPT)


def _shared() -> bool:
    return settings.PRIMA_CACHE == "redis"


def _load(key: str):
    return cache.get(key) if _shared() else _pages.get(key)


def _keep(key: str, entry: dict) -> None:
    if _shared():
        cache.set(key, entry, settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS)
    else:
        _pages.put(key, entry)


# --- invalidation -----------------------------------------------------------------------------


def bump_generation() -> None:
    """Every cached page is out of date from now on (in every process: the cache is shared)."""
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _bump_after_write() -> None:
    """A write must never fail because of the cache (e.g. data migrations run before the cache
    table exists): the pages then expire with their lifetime."""
    try:
        bump_generation()
    except Exception:  # noqa: BLE001 - any cache backend's error
        logger.warning("public page cache: the generation could not be moved", exc_info=True)


@contextmanager
def unseen_writes():
    """The ORM writes of this block show on no public page: they leave the kept pages alone.

    Only for steps whose every row is private (e.g. an information request before the PPID
    publishes it, with its timeline and attachments); a write of the same models elsewhere (the
    publication) still moves the generation.
    """
    token = _unseen.set(True)
    try:
        yield
    finally:
        _unseen.reset(token)


def _written(sender, **kwargs) -> None:
    if not enabled() or _unseen.get() or sender._meta.label_lower in UNRELATED_MODELS:
        return
    if not transaction.get_connection().in_atomic_block:
        _bump_after_write()
        return
    # Once per transaction, after it commits (a rolled-back transaction changed nothing).
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is _bump_after_write for entry in pending):
        transaction.on_commit(_bump_after_write)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_written, dispatch_uid=f"prima-pagecache-{id(signal)}")


# --- the cache ----------------------------------------------------------------------------------


def replay_on_hit(request, function: str, **kwargs) -> None:
    """Ask that ``function`` (``"module:name"``, called with ``kwargs``: plain values) also run
    for every visitor answered from the cache, like it ran for the one who filled it."""
    getattr(request, _REPLAYS, []).append((function, kwargs))


def _cacheable_request(request) -> bool:
    if request.method != "GET" or not enabled():
        return False
    allowed = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if any(name not in allowed for name in request.COOKIES):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "").lower()
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and not any(word in control for word in ("private", "no-cache", "no-store")))


def _key(request) -> str:
    htmx = sorted((k.lower(), v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    raw = repr((get_language(), request.get_full_path(), htmx))
    return KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _without_token(request, content: bytes, issued: list | None = None) -> tuple[bytes, bool]:
    """The page with the visitor's CSRF token(s) replaced by the placeholder: the tokens handed
    out while it was made (``issued``) or, without that record, every 64-character word that
    unmasks to the visitor's secret."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return content, False
    if issued is not None:
        found = False
        for token in set(issued):
            raw = token.encode()
            if raw in content:
                content, found = content.replace(raw, PLACEHOLDER), True
        return content, found
    found = False

    def replace(match):
        nonlocal found
        token = match.group(0).decode()
        if _unmask_cipher_token(token) == secret:
            found = True
            return PLACEHOLDER
        return match.group(0)

    return _MASKED_TOKEN.sub(replace, content), found


def _replay(replays) -> None:
    for function, kwargs in replays:
        module, name = function.split(":")
        getattr(import_module(module), name)(**kwargs)


def public_page(view):
    """Serve ``view`` to anonymous visitors from the page cache (see the module docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        try:
            generation = cache.get(GENERATION_KEY)
            if generation is None:
                generation = time.time_ns()
                cache.add(GENERATION_KEY, generation, None)
            entry = _load(key)
        except Exception:  # noqa: BLE001 - the page without the cache rather than an error
            logger.warning("public page cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if (memo := request_memo()) is not None:  # for the view's own kept data
            memo[GENERATION_MEMO] = generation
        if entry is not None and entry["generation"] == generation:
            content = zlib.decompress(entry["content"])
            if entry["csrf"]:
                content = content.replace(PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, status=200)
            for header, value in entry["headers"]:
                response[header] = value
            _replay(entry["replays"])
            return response
        setattr(request, _REPLAYS, [])
        recording = _issued.set([] if _RECORDING else None)
        try:
            response = view(request, *args, **kwargs)
            if _cacheable_response(response) and hasattr(response, "render") and callable(
                    response.render):
                response.render()
            issued = _issued.get()
        finally:
            _issued.reset(recording)
        if _cacheable_response(response):
            content, csrf = _without_token(request, response.content, issued)
            try:
                _keep(key, {"generation": generation, "content": zlib.compress(content, 1),
                            "csrf": csrf, "headers": list(response.items()),
                            "replays": getattr(request, _REPLAYS)})
            except Exception:  # noqa: BLE001
                logger.warning("public page cache: the page could not be kept", exc_info=True)
        return response

    return wrapper
