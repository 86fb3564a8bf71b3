"""Per-process snapshots of public data, kept while nothing was written (issue 13).

Pages that visitors ask with many different parameters (a satker page among 553) are mostly
first requests that the public page cache (``prima.core.pagecache``) cannot answer. A
capability may load what such a page needs for every key at once (one query) and keep it here.

Correctness is the page cache's: a snapshot is used only under the page cache's generation it
was read in (any ORM write, in any process, moves that generation: ``pagecache._written``) and
for at most ``PRIMA_PUBLIC_PAGE_CACHE_SECONDS``. With the page cache off (the test suite, or
``PRIMA_PUBLIC_PAGE_CACHE_SECONDS=0``) nothing is kept and each caller loads only its own key.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from prima.core import pagecache
from prima.core.request_context import request_memo

_kept: dict[str, tuple[Any, float, Any]] = {}  # name -> (generation, expiry, value)
_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def _generation():
    """The page cache's current generation, read once per request; ``None`` when the page cache
    is off or has no generation yet (then nothing may be kept)."""
    if not pagecache.enabled():
        return None
    memo = request_memo()
    if memo is not None and pagecache.GENERATION_MEMO in memo:  # read by ``@public_page``
        return memo[pagecache.GENERATION_MEMO]
    try:
        generation = cache.get(pagecache.GENERATION_KEY)
    except Exception:  # noqa: BLE001 - any cache backend's error: keep nothing
        generation = None
    if memo is not None:
        memo[pagecache.GENERATION_MEMO] = generation
    return generation


def _lock(name: str) -> threading.Lock:
    with _locks_lock:
        return _locks.setdefault(name, threading.Lock())


def snapshot(name: str, load: Callable[[], Any]):
    """``load()``, kept under ``name`` while the page cache's generation holds (at most its
    lifetime); ``None`` when nothing may be kept (the caller then loads what it needs)."""
    generation = _generation()
    if generation is None:
        return None
    kept = _kept.get(name)
    if kept is not None and kept[0] == generation and kept[1] > time.monotonic():
        return kept[2]
    with _lock(name):  # one thread loads, the others wait for its result
        kept = _kept.get(name)
        if kept is not None and kept[0] == generation and kept[1] > time.monotonic():
            return kept[2]
        value = load()
        _kept[name] = (generation,
                       time.monotonic() + settings.PRIMA_PUBLIC_PAGE_CACHE_SECONDS, value)
        return value


def for_key(name: str, key: Hashable, load: Callable[[list | None], dict], default=None):
    """What ``load`` gives for ``key``: ``load(None)`` answers for every key at once (kept as a
    snapshot), ``load([key])`` for that key only (used when nothing may be kept)."""
    every = snapshot(name, lambda: load(None))
    if every is None:
        every = load([key])
    return every.get(key, default)


def grouped(pairs: Iterable[tuple[Hashable, Any]]) -> dict[Hashable, list]:
    """``{key: [value, …]}`` from ``(key, value)`` pairs, in their order."""
    groups: dict[Hashable, list] = {}
    for key, value in pairs:
        groups.setdefault(key, []).append(value)
    return groups


def clear() -> None:
    """Forget every snapshot (tests)."""
    _kept.clear()
