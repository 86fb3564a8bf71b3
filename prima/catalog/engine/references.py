"""Reference codes checked at ingestion (domain satu-data.md, 4: "a column declared as a region
code is validated against them"): every value of a column declared as a Kemendagri region code
(``ColumnMetadata.reference``) must be a code of ``prima/data/wilayah.csv``; unknown codes are
reported with their line, like the type problems."""
# SQL is built from schema identifiers (``c<index>`` raw columns) and constants only.
# ruff: noqa: S608

from __future__ import annotations

import pyarrow as pa
from django.utils.translation import gettext as _

MAX_PROBLEMS = 200
LINE = "__line"


def declared_region_columns(version, schema: list[dict]) -> list[dict]:
    """The columns of ``schema`` the resource declares as region codes."""
    from ..choices import ColumnReference
    from ..models import ColumnMetadata

    declared = set(ColumnMetadata.objects.filter(
        resource_id=version.resource_id, reference=ColumnReference.WILAYAH)
        .values_list("name", flat=True))
    return [col for col in schema if col["name"] in declared and "source_index" in col]


def region_problems(conn, table: str, version, schema: list[dict]) -> list[dict]:
    """Unknown region codes of the declared columns of the raw ``table`` (with ``__line``),
    one problem per value, in file order."""
    from ..satudata import wilayah_names

    columns = declared_region_columns(version, schema)
    if not columns:
        return []
    codes = pa.table({"kode": pa.array(sorted(wilayah_names()), pa.string())})
    conn.register("prima_wilayah", codes)
    problems = []
    try:
        for col in columns:
            raw = f"trim(CAST(c{int(col['source_index'])} AS VARCHAR))"
            rows = conn.execute(
                f"SELECT {LINE}, {raw} FROM {table} WHERE nullif({raw}, '') IS NOT NULL "
                f"AND {raw} NOT IN (SELECT kode FROM prima_wilayah) "
                f"ORDER BY {LINE} LIMIT {MAX_PROBLEMS}").fetchall()
            label = col.get("label") or col["name"]
            problems += [{"line": line, "column": label,
                          "message": _("Kode wilayah “%(code)s” tidak dikenal (kolom "
                                       "%(column)s, referensi kode wilayah Kemendagri).")
                          % {"code": value[:40], "column": label}} for line, value in rows]
    finally:
        conn.unregister("prima_wilayah")
    problems.sort(key=lambda p: p["line"] or 0)
    return problems[:MAX_PROBLEMS]
