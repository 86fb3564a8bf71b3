"""Column names, type inference over whole columns (in DuckDB SQL) and typed casts.

Inference protects identifiers: a column whose values look like codes (leading zeros such as
``0012``, dotted codes such as ``33.20.01``, long fixed-width digit strings, or any digits-and-dots
values under a code-like name such as ``kode_kab``) stays text and is flagged ``is_code``. Dates
come only from unambiguous ISO (``2024-02-14``) or ``dd/mm/yyyy`` forms. Numbers follow the
resource's declared format: ``1.234,56`` is read as a number only when it is "indonesian".
"""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..choices import ColumnType, NumberFormat
from .safety import NAME_RE, ROW_ID, quote_ident

DUCK_TYPES = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.CODE: "VARCHAR",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.DATETIME: "TIMESTAMP",
    ColumnType.BOOLEAN: "BOOLEAN",
}
NUMERIC = {ColumnType.INTEGER, ColumnType.DECIMAL}
TEXTUAL = {ColumnType.TEXT, ColumnType.CODE}
CODE_WORDS = {"kode", "kd", "code", "id", "no", "nomor", "nik", "nip", "npwp", "nkk", "kodepos",
              "idsls", "bps", "kemendagri"}
RESERVED = {ROW_ID, "__line"}

# Number shapes (over trimmed text).
_INT_PLAIN = r"[+-]?[0-9]+"
_INTL_INT = rf"^({_INT_PLAIN}|[+-]?[0-9]{{1,3}}(,[0-9]{{3}})+)$"
_INTL_DEC = r"^[+-]?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)?\.[0-9]+$"
_ID_INT = rf"^({_INT_PLAIN}|[+-]?[0-9]{{1,3}}(\.[0-9]{{3}})+)$"
_ID_DEC = r"^[+-]?([0-9]+|[0-9]{1,3}(\.[0-9]{3})+)?,[0-9]+$"
_LEADING_ZERO = r"^0[0-9]+(\.[0-9]+)*$"
_DOTTED_MULTI = r"^[0-9]+(\.[0-9]+){2,}$"
_THOUSANDS_DOTS = r"^[0-9]{1,3}(\.[0-9]{3})+$"
_DIGITS_DOTS = r"^[0-9]+(\.[0-9]+)*$"
_DIGITS = r"^[0-9]+$"
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DMY_DATE = r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$"
_ISO_DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$"
TRUE_WORDS = ("true", "ya", "benar")
FALSE_WORDS = ("false", "tidak", "salah")


def sanitise_names(headers: list[str | None]) -> list[str]:
    """Machine names for the header cells: lower-case ASCII, digits and underscores, unique."""
    names, seen = [], set()
    for index, header in enumerate(headers, start=1):
        text = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore")
        name = re.sub(r"[^a-z0-9]+", "_", text.decode().lower()).strip("_")[:56]
        if not name:
            name = f"kolom_{index}"
        if name[0].isdigit():
            name = f"k_{name}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base}_{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


def code_like_name(name: str) -> bool:
    return any(part in CODE_WORDS for part in name.split("_"))


def _number_patterns(number_format: str) -> tuple[str, str]:
    if number_format == NumberFormat.INDONESIAN:
        return _ID_INT, _ID_DEC
    return _INTL_INT, _INTL_DEC


def number_expr(value_sql: str, number_format: str) -> str:
    """SQL turning trimmed number text into plain ``1234.56`` notation."""
    if number_format == NumberFormat.INDONESIAN:
        return f"replace(replace({value_sql}, '.', ''), ',', '.')"
    return f"replace({value_sql}, ',', '')"


def cast_expr(column_sql: str, column_type: str, number_format: str) -> str:
    """SQL casting the raw text ``column_sql`` to ``column_type``; NULL where it does not fit."""
    s = f"nullif(trim({column_sql}), '')"
    if column_type in TEXTUAL:
        return column_sql
    if column_type == ColumnType.INTEGER:
        int_re, _dec = _number_patterns(number_format)
        return (f"CASE WHEN regexp_matches({s}, '{int_re}') "
                f"THEN TRY_CAST({number_expr(s, number_format)} AS BIGINT) END")
    if column_type == ColumnType.DECIMAL:
        int_re, dec_re = _number_patterns(number_format)
        return (f"CASE WHEN regexp_matches({s}, '{int_re}') OR regexp_matches({s}, '{dec_re}') "
                f"THEN TRY_CAST({number_expr(s, number_format)} AS DOUBLE) END")
    if column_type == ColumnType.DATE:
        return (f"CAST(coalesce(CASE WHEN regexp_matches({s}, '{_ISO_DATE}') "
                f"THEN try_strptime({s}, '%Y-%m-%d') END, "
                f"CASE WHEN regexp_matches({s}, '{_DMY_DATE}') "
                f"THEN try_strptime({s}, '%d/%m/%Y') END) AS DATE)")
    if column_type == ColumnType.DATETIME:
        return (f"CASE WHEN regexp_matches({s}, '{_ISO_DATETIME}') "
                f"THEN TRY_CAST(replace({s}, 'T', ' ') AS TIMESTAMP) "
                f"WHEN regexp_matches({s}, '{_ISO_DATE}') THEN TRY_CAST({s} AS TIMESTAMP) END")
    if column_type == ColumnType.BOOLEAN:
        trues = ", ".join(f"'{w}'" for w in (*TRUE_WORDS, "1"))
        falses = ", ".join(f"'{w}'" for w in (*FALSE_WORDS, "0"))
        return (f"CASE WHEN lower({s}) IN ({trues}) THEN true "
                f"WHEN lower({s}) IN ({falses}) THEN false END")
    raise ValueError(column_type)


def infer_schema(conn, table: str, raw_columns: list[str], names: list[str],
                 source_names: list[str], number_format: str) -> list[dict]:
    """Infer each column's type from every value of the column. The patterns are tested on
    the column's distinct values (every value is covered; codes and numbers repeat a lot), so a
    750,000-row table costs one hash aggregate per column and a few regexes per distinct value.
    Counts are therefore of distinct values, which is all the decision needs ("all values
    match", "some value matches")."""
    int_re, dec_re = _number_patterns(number_format)
    keys = ["n", "lead0", "multi", "dots", "digits", "minlen", "maxlen", "int", "dec", "date",
            "dt", "bool", "space"]
    s = "s"
    multi = f"regexp_matches({s}, '{_DOTTED_MULTI}')"
    if number_format == NumberFormat.INDONESIAN:
        multi = f"({multi} AND NOT regexp_matches({s}, '{_THOUSANDS_DOTS}'))"
    checks = {
        "n": f"count({s})",
        "lead0": f"count(*) FILTER (WHERE regexp_matches({s}, '{_LEADING_ZERO}'))",
        "multi": f"count(*) FILTER (WHERE {multi})",
        "dots": f"count(*) FILTER (WHERE regexp_matches({s}, '{_DIGITS_DOTS}'))",
        "digits": f"count(*) FILTER (WHERE regexp_matches({s}, '{_DIGITS}'))",
        "minlen": f"min(length({s}))",
        "maxlen": f"max(length({s}))",
        "int": f"count(*) FILTER (WHERE regexp_matches({s}, '{int_re}'))",
        "dec": f"count(*) FILTER (WHERE regexp_matches({s}, '{dec_re}'))",
        "date": f"count({cast_expr('s', ColumnType.DATE, number_format)})",
        "dt": f"count(*) FILTER (WHERE regexp_matches({s}, '{_ISO_DATETIME}') "
              f"AND TRY_CAST(replace({s}, 'T', ' ') AS TIMESTAMP) IS NOT NULL)",
        "bool": f"count(*) FILTER (WHERE lower({s}) IN ('true', 'false'))",
        "space": f"count(*) FILTER (WHERE regexp_matches({s}, '\\s'))",
    }
    distinct = " UNION ALL ".join(
        f"SELECT {index} AS i, s FROM (SELECT DISTINCT nullif(trim({quote_ident(raw)}), '') "
        f"AS s FROM {table})" for index, raw in enumerate(raw_columns))
    found = {row[0]: row[1:] for row in conn.execute(
        f"WITH d AS ({distinct}) SELECT i, {', '.join(checks[k] for k in keys)} FROM d "
        f"GROUP BY i").fetchall()}
    schema = []
    for index in range(len(raw_columns)):
        stats = dict(zip(keys, found[index], strict=True))
        name = names[index]
        column_type, is_code = _decide(stats, name)
        schema.append({"name": name, "label": (source_names[index] or name).strip() or name,
                       "type": column_type, "is_code": is_code,
                       "source_name": source_names[index], "source_index": index,
                       "description": ""})
    return schema


def _decide(stats: dict, name: str) -> tuple[str, bool]:
    n = stats["n"]
    if not n:
        return ColumnType.TEXT, False
    numeric_codes = stats["dots"] == n and (
        stats["lead0"] > 0 or stats["multi"] > 0 or code_like_name(name)
        or (stats["digits"] == n and stats["minlen"] == stats["maxlen"] and stats["minlen"] >= 10)
    )
    if numeric_codes or (code_like_name(name) and stats["space"] == 0 and stats["maxlen"] <= 40
                         and stats["int"] + stats["dec"] < n):
        return ColumnType.CODE, True
    if stats["bool"] == n:
        return ColumnType.BOOLEAN, False
    if stats["int"] == n:
        return ColumnType.INTEGER, False
    if stats["int"] + stats["dec"] == n:
        return ColumnType.DECIMAL, False
    if stats["date"] == n:
        return ColumnType.DATE, False
    if stats["dt"] + stats["date"] >= n and stats["dt"] > 0:
        return ColumnType.DATETIME, False
    return ColumnType.TEXT, False


def validate_schema(schema: list[dict], raw_count: int) -> list[dict]:
    """Check a reviewed schema (names, types, source columns); return it normalised."""
    if not isinstance(schema, list) or not schema:
        raise ValidationError(_("Skema harus berisi setidaknya satu kolom."), code="schema")
    clean, names = [], set()
    for position, entry in enumerate(schema, start=1):
        if not isinstance(entry, dict):
            raise ValidationError(_("Skema kolom ke-%(n)s tidak sah.") % {"n": position},
                                  code="schema")
        name = str(entry.get("name", "")).strip()
        if not NAME_RE.match(name) or name.startswith("__") or name in RESERVED:
            raise ValidationError(
                _("Nama kolom “%(name)s” tidak sah: gunakan huruf kecil, angka dan garis bawah, "
                  "diawali huruf, paling banyak 63 karakter.") % {"name": name[:80]},
                code="schema_name")
        if name in names:
            raise ValidationError(_("Nama kolom “%(name)s” dipakai lebih dari sekali.")
                                  % {"name": name}, code="schema_duplicate")
        names.add(name)
        column_type = entry.get("type", ColumnType.TEXT)
        if column_type not in ColumnType.values:
            raise ValidationError(_("Tipe kolom “%(type)s” tidak dikenal.")
                                  % {"type": str(column_type)[:40]}, code="schema_type")
        is_code = bool(entry.get("is_code")) or column_type == ColumnType.CODE
        if is_code:
            column_type = ColumnType.CODE
        index = entry.get("source_index")
        if not isinstance(index, int) or not 0 <= index < raw_count:
            raise ValidationError(_("Kolom “%(name)s” tidak menunjuk kolom berkas asli.")
                                  % {"name": name}, code="schema_source")
        clean.append({"name": name, "label": str(entry.get("label") or name)[:200],
                      "type": str(column_type), "is_code": is_code,
                      "source_name": entry.get("source_name", ""), "source_index": index,
                      "description": str(entry.get("description") or "")[:2000]})
    return clean
