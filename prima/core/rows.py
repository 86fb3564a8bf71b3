"""New rows written with one prepared ``INSERT``, for the few steps whose write transaction must
be as short as it can be (a submission holds SQLite's single write lock: issue 13).

``insert(objs)`` writes unsaved model instances of one model like ``Model.save()`` would on a new
object (each field's ``pre_save`` and ``get_db_prep_save``: ``auto_now_add``, defaults, JSON),
with the statement's text built once per process, and the primary key of a single new row read
back with ``RETURNING``. It sends no ``pre_save``/``post_save`` signal and does not validate:
only for rows whose values the caller has checked and that nothing listens for (e.g. a new
information request, private until published).
"""

# ruff: noqa: S608 - identifiers from the model's metadata, quoted; values are parameters

from __future__ import annotations

from django.db import connections

_SQL: dict[tuple, tuple[str, list]] = {}


def _statement(model, connection, count: int, returning: bool) -> tuple[str, list]:
    key = (model, connection.alias, count, returning)
    cached = _SQL.get(key)
    if cached is not None:
        return cached
    opts = model._meta
    returned = set(opts.db_returning_fields)
    fields = [f for f in opts.concrete_fields
              if f not in returned and not getattr(f, "generated", False)]
    if any(hasattr(f, "get_placeholder") for f in fields):
        raise TypeError(f"{opts.label} has a field with its own placeholder: use save()")
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES {', '.join([row] * count)}")
    if returning:
        sql += f" RETURNING {quote(opts.pk.column)}"
    _SQL[key] = (sql, fields)
    return sql, fields


def insert(objs, using: str = "default") -> None:
    """Insert ``objs`` (unsaved instances of one model) in one statement. A model with an
    automatic primary key: one object at a time, its key is set from ``RETURNING``; several
    objects: their keys must be set already (e.g. UUIDs)."""
    objs = list(objs)
    if not objs:
        return
    model = type(objs[0])
    if any(type(obj) is not model for obj in objs):
        raise TypeError("insert() writes rows of one model at a time")
    connection = connections[using]
    returning = bool(model._meta.db_returning_fields)
    if returning and (len(objs) > 1 or not connection.features.can_return_columns_from_insert):
        raise ValueError("insert() reads back the key of one new row at a time")
    sql, fields = _statement(model, connection, len(objs), returning)
    params = []
    for obj in objs:
        for field in fields:
            value = field.pre_save(obj, True)
            if hasattr(value, "resolve_expression"):
                raise TypeError(f"{field.name}: insert() takes plain values, not expressions")
            params.append(field.get_db_prep_save(value, connection=connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            (obj,) = objs
            setattr(obj, model._meta.pk.attname, cursor.fetchone()[0])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
