"""Fixed ORM queries compiled once (issue 13).

Compiling a query (``SQLCompiler.as_sql``: the select list, joins of ``select_related``,
subqueries) costs more than running it on the private tracking page. ``CompiledQuery`` builds
the queryset once per thread and database connection with stand-in values for its parameters,
keeps the SQL, and afterwards only runs it with the real values and makes the model instances
the way ``QuerySet`` does (``from_db``, related objects of ``select_related``, annotations).
"""

from __future__ import annotations

import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators


class CompiledQuery:
    """``build(*args)`` returns the queryset for the given values; every value must reach the
    SQL unchanged (exact lookups), and ``stand_ins`` are values of the same types that occur
    nowhere else in the query."""

    def __init__(self, build, *stand_ins):
        self._build = build
        self._stand_ins = stand_ins
        self._local = threading.local()

    def _compiled(self, connection):
        state = getattr(self._local, "state", None)
        if state is not None and state["connection"] is connection:
            return state
        queryset = self._build(*self._stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        params = list(params)
        positions = []
        for value in self._stand_ins:
            found = [i for i, p in enumerate(params) if p == value and type(p) is type(value)]
            if len(found) != 1:
                raise ValueError(f"the stand-in {value!r} must occur once in the parameters")
            positions.append(found[0])
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        state = {
            "connection": connection, "compiler": compiler, "sql": sql, "params": params,
            "positions": positions, "model": klass_info["model"], "start": start, "end": end,
            "init_list": [f[0].target.attname for f in select[start:end]],
            "populators": get_related_populators(klass_info, select, connection.alias),
            "annotations": compiler.annotation_col_map or {},
            "converters": compiler.get_converters([s[0] for s in select[:compiler.col_count]]),
        }
        self._local.state = state
        return state

    def __call__(self, *args, using: str = DEFAULT_DB_ALIAS) -> list:
        connection = connections[using]
        state = self._compiled(connection)
        params = list(state["params"])
        for position, value in zip(state["positions"], args, strict=True):
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(state["sql"], params)
            rows = cursor.fetchall()
        if state["converters"]:
            rows = state["compiler"].apply_converters(rows, state["converters"])
        model, start, end, init_list = (state["model"], state["start"], state["end"],
                                        state["init_list"])
        objects = []
        for row in rows:
            obj = model.from_db(using, init_list, row[start:end])
            for populator in state["populators"]:
                populator.populate(row, obj)
            for name, index in state["annotations"].items():
                setattr(obj, name, row[index])
            objects.append(obj)
        return objects
