"""Change summary between two versions of a resource, computed by DuckDB over both Parquet
files: rows before/after, rows added/removed (as multisets of rows over the common columns, or
by key when a key column is given), rows changed (by key), columns added/removed."""
# SQL is built here from schema identifiers (validated, quoted) and bound parameters only.
# ruff: noqa: S608

from __future__ import annotations

from .safety import ROW_ID, new_connection, parquet_location, quote_ident, quote_literal


def change_summary(old_version, new_version, key_column: str | None = None) -> dict:
    old_path, new_path = parquet_location(old_version), parquet_location(new_version)
    old_cols = [c["name"] for c in old_version.schema or []]
    new_cols = [c["name"] for c in new_version.schema or []]
    common = [name for name in new_cols if name in old_cols]
    summary = {"columns_added": [n for n in new_cols if n not in old_cols],
               "columns_removed": [n for n in old_cols if n not in new_cols]}
    conn = new_connection(readable=[old_path, new_path])
    try:
        conn.execute(f"CREATE VIEW old AS SELECT * EXCLUDE ({ROW_ID}) FROM "
                     f"read_parquet({quote_literal(old_path)})")
        conn.execute(f"CREATE VIEW new AS SELECT * EXCLUDE ({ROW_ID}) FROM "
                     f"read_parquet({quote_literal(new_path)})")
        summary["rows_before"] = conn.execute("SELECT count(*) FROM old").fetchone()[0]
        summary["rows_after"] = conn.execute("SELECT count(*) FROM new").fetchone()[0]
        as_text = ", ".join(f"CAST({quote_ident(n)} AS VARCHAR) AS {quote_ident(n)}"
                            for n in common) or "1 AS one"
        if key_column and key_column in common:
            key = quote_ident(key_column)
            others = [n for n in common if n != key_column]
            changed = " OR ".join(f"o.{quote_ident(n)} IS DISTINCT FROM n.{quote_ident(n)}"
                                  for n in others) or "FALSE"
            added, removed, changed_count = conn.execute(
                f"WITH o AS (SELECT {as_text} FROM old), n AS (SELECT {as_text} FROM new) "
                f"SELECT (SELECT count(DISTINCT {key}) FROM n WHERE {key} NOT IN "
                f"(SELECT {key} FROM o WHERE {key} IS NOT NULL)), "
                f"(SELECT count(DISTINCT {key}) FROM o WHERE {key} NOT IN "
                f"(SELECT {key} FROM n WHERE {key} IS NOT NULL)), "
                f"(SELECT count(DISTINCT o.{key}) FROM o JOIN n ON o.{key} = n.{key} "
                f"WHERE {changed})").fetchone()
            summary.update(added=added, removed=removed, changed=changed_count,
                           key_column=key_column)
        else:
            added, removed = conn.execute(
                f"WITH o AS (SELECT {as_text} FROM old), n AS (SELECT {as_text} FROM new) "
                f"SELECT (SELECT count(*) FROM (SELECT * FROM n EXCEPT ALL SELECT * FROM o)), "
                f"(SELECT count(*) FROM (SELECT * FROM o EXCEPT ALL SELECT * FROM n))"
            ).fetchone()
            summary.update(added=added, removed=removed, changed=None, key_column=None)
    finally:
        conn.close()
    return summary
