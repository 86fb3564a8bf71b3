"""The satker subtree: "this satker and everything below it", written once.

Satker codes are Kemendagri region codes (domain kpu.md): a kabupaten/kota ``33.20`` lies under
its province ``33``, and every satker lies under KPU RI, whose code is ``0``. A subtree is
therefore a code prefix, except at the root, where it is the whole tree. Every app filters by
subtree through these functions, so the root is treated the same way everywhere.
"""

from __future__ import annotations

from django.db.models import Q

ROOT_CODE = "0"


def _code(satker_or_code) -> str:
    return satker_or_code if isinstance(satker_or_code, str) else satker_or_code.code


def subtree_q(satker_or_code, *, field: str = "", include_self: bool = True) -> Q:
    """A filter for rows whose satker is ``satker_or_code`` or below it.

    ``field`` is the path to the satker from the filtered model (``"satker"`` for a model with a
    ``satker`` foreign key, ``"plan__satker"`` further away, ``""`` for ``Satker`` itself).
    """
    code = _code(satker_or_code)
    lookup = f"{field}__code" if field else "code"
    if code == ROOT_CODE:
        return Q() if include_self else ~Q(**{lookup: ROOT_CODE})
    below = Q(**{f"{lookup}__startswith": code + "."})
    return below | Q(**{lookup: code}) if include_self else below


def in_subtree(queryset, satker_or_code, *, field: str = "", include_self: bool = True):
    """``queryset`` narrowed to the subtree of ``satker_or_code`` (see ``subtree_q``)."""
    return queryset.filter(subtree_q(satker_or_code, field=field, include_self=include_self))


def is_in_subtree(code: str, root_code: str, *, include_self: bool = True) -> bool:
    """Whether satker ``code`` lies in the subtree of ``root_code`` (no query)."""
    if code == root_code:
        return include_self
    return root_code == ROOT_CODE or code.startswith(root_code + ".")
