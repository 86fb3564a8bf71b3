"""Public data of every satker read at once and kept in the process while nothing was written
(issue 13: the satker page's first request).

The benchmark and real visitors ask for many different satkers, so most satker pages are first
requests that the public page cache (``prima.core.pagecache``) cannot answer; each asked a
handful of small queries (the satker, its children, divisions, leadership, services). Loaded for
every satker in one query each, they serve the next satker pages without any.

Correctness is the page cache's: a snapshot is used only under the page cache's generation it
was read in (any ORM write, in any process, moves that generation: ``pagecache._written``) and
for at most ``PRIMA_PUBLIC_PAGE_CACHE_SECONDS``. With the page cache off (the test suite, or
``PRIMA_PUBLIC_PAGE_CACHE_SECONDS=0``) nothing is kept and each page loads its own satker's
data with the same functions, filtered to that satker.
"""

from __future__ import annotations

from collections.abc import Iterable

from prima.core.snapshots import for_key, snapshot

# --- the satkers ---------------------------------------------------------------------------------


def satkers_by_code(codes: list | None) -> dict:
    """``{code: Satker}`` (with its parent) in code order: every satker, or those of ``codes``."""
    from .models import Satker

    rows = Satker.objects.select_related("parent").order_by("code")
    return {s.code: s for s in (rows if codes is None else rows.filter(code__in=codes))}


def satker(code: str):
    """The satker of ``code`` (with its parent), or ``None``."""
    return for_key("organisations:satkers", code, satkers_by_code)


def satker_names(codes: Iterable[str] | None = None) -> dict[str, str]:
    """``{code: name}`` in code order, of every satker or of those of ``codes`` that exist."""
    every = snapshot("organisations:satkers", lambda: satkers_by_code(None))
    if every is not None:
        if codes is None:
            return {code: s.name for code, s in every.items()}
        return {code: every[code].name for code in sorted(set(codes)) if code in every}
    from .models import Satker

    rows = Satker.objects.order_by("code")
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    return dict(rows.values_list("code", "name"))
