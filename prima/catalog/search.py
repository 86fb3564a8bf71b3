"""The catalog search page's matches, with the search's SQL built once per number of words.

``DatasetQuerySet.search`` is a tree of subqueries and conditions per word and field; the ORM
took ~15 ms to build it on every search, the database ~2 ms to run it (issue 13). Its SQL
differs between two searches with as many words only in the words themselves, each passed as
a ``LIKE`` parameter ``%<word, escaped>%``. So the query is built once per number of words
with placeholder words, and each search runs that SQL with its own words put into those
parameters, escaped exactly as the ORM escapes them (``prep_for_like_query``): the same
statement and parameters the ORM would have sent.
"""

from __future__ import annotations

import threading

from django.db import connections, router

from .models import Dataset


def _placeholder(index: int) -> str:
    # Letters and digits only: ``prep_for_like_query`` leaves it as it is.
    return f"qqprimasearchword{index}qq"


_statements: dict[tuple, tuple[str, tuple]] = {}
_lock = threading.Lock()


def _statement(connection, n_words: int, limit: int) -> tuple[str, tuple]:
    key = (connection.alias, connection.vendor, n_words, limit)
    statement = _statements.get(key)
    if statement is None:
        words = [_placeholder(i) for i in range(n_words)]
        query = (Dataset.objects.using(connection.alias).published().search(words)
                 .only("id", "published_at")[:limit]).query
        statement = query.sql_with_params()
        with _lock:
            _statements[key] = statement
    return statement


def _with_words(params, words, connection) -> list:
    escaped = [(_placeholder(i), connection.ops.prep_for_like_query(word))
               for i, word in enumerate(words)]
    result = []
    for param in params:
        if isinstance(param, str) and "qqprimasearchword" in param:
            for placeholder, word in escaped:
                if placeholder in param:  # one word per parameter: a word may look like one
                    param = param.replace(placeholder, word)
                    break
        result.append(param)
    return result


def published_matches(words: list[str], limit: int) -> list[tuple]:
    """``(pk, published_at, score)`` of at most ``limit`` published datasets matching every
    word: what ``Dataset.objects.published().search(words).values_list("pk", "published_at",
    "score")[:limit]`` gives, without building that query again."""
    connection = connections[router.db_for_read(Dataset)]
    sql, params = _statement(connection, len(words), limit)
    rows = Dataset.objects.raw(sql, _with_words(params, words, connection))
    return [(row.pk, row.published_at, row.score) for row in rows]
