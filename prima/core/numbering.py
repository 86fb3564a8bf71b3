"""Gapless numbering: the next value of a named counter, safe under concurrent transactions.

The caller must be inside ``transaction.atomic``: the counter row stays locked until the
transaction ends, so a rolled-back registration never leaves a gap and two submissions never
share a number (PostgreSQL: the row lock of the UPDATE / INSERT ... ON CONFLICT; SQLite: the
IMMEDIATE write lock).

One statement in the usual case (``UPDATE ... RETURNING``, SQLite ≥ 3.35 and PostgreSQL): with
SQLite the registering transaction holds the database's single write lock, so every statement
inside it counts (issue 13). A counter's first value is an ``INSERT ... ON CONFLICT DO UPDATE``
(two transactions creating the same counter: the second waits for the first and increments).
"""

# ruff: noqa: S608 - identifiers from the model's metadata, quoted; values are parameters

from django.db import transaction

from .models import Sequence


def _sql(connection) -> tuple[str, str]:
    table = connection.ops.quote_name(Sequence._meta.db_table)
    key = connection.ops.quote_name("key")
    value = connection.ops.quote_name("value")
    update = (f"UPDATE {table} SET {value} = {value} + 1 WHERE {key} = %s "
              f"RETURNING {value}")
    create = (f"INSERT INTO {table} ({key}, {value}) VALUES (%s, 1) "
              f"ON CONFLICT ({key}) DO UPDATE SET {value} = {table}.{value} + 1 "
              f"RETURNING {value}")
    return update, create


def next_number(key: str) -> int:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must run inside transaction.atomic")
    update, create = _sql(connection)
    with connection.cursor() as cursor:
        cursor.execute(update, [key])
        row = cursor.fetchone()
        if row is None:
            # The counter's first use (an update first: it burns no id of the table).
            cursor.execute(create, [key])
            row = cursor.fetchone()
    return int(row[0])
