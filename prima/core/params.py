"""Integers read from requests, always bounded.

Every integer a request carries (page numbers, offsets, page sizes, limits) goes through
``bounded_int``: a value that is not a whole number, or lies outside ``minimum``..``maximum``,
raises ``BadParameter`` naming the parameter and its range. Nothing unbounded ever reaches a
query (``OFFSET 99999999999999999999`` overflows SQLite, PostgreSQL and DuckDB alike).

``BadParameter`` is a ``ValidationError`` (code ``"bounds"``), so views that already answer a
bad query 400 keep doing so; anything that lets it escape is answered 400 by
``prima.core.http_errors.JsonErrorMiddleware`` (JSON on JSON endpoints) and by the API's
exception handler, never 500.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Offsets past a billion rows are never a real page of any Prima table; page numbers past a
# million likewise. Both stay far below 2**63 whatever page size multiplies them.
MAX_OFFSET = 1_000_000_000
MAX_PAGE_NUMBER = 1_000_000

# More digits than any bound needs: refuse before int() spends time on a megabyte of digits.
_MAX_DIGITS = 24


class BadParameter(ValidationError):
    """A request parameter outside its range, or not an integer at all (answered 400)."""

    def __init__(self, name: str, message: str):
        super().__init__(message, code="bounds", params={"name": name})
        self.name = name


def bounded_int(value, *, name: str, default: int | None, minimum: int = 0,
                maximum: int) -> int | None:
    """``value`` (text from a query string or form, or a number from a JSON body) as an int in
    ``minimum``..``maximum``; ``default`` when it is absent or blank.

    Raises ``BadParameter`` with a message naming ``name`` and the range otherwise.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    message = _("Parameter %(name)s harus bilangan bulat %(minimum)s sampai %(maximum)s.") % {
        "name": name, "minimum": minimum, "maximum": maximum}
    if isinstance(value, bool) or isinstance(value, (list, dict, tuple, set)):
        raise BadParameter(name, message)
    if isinstance(value, float):
        if not value.is_integer():
            raise BadParameter(name, message)
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        digits = text[1:] if text[0] in "+-" else text
        if len(text) > _MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
            raise BadParameter(name, message)
        value = int(text)
    if not isinstance(value, int):
        raise BadParameter(name, message)
    if not minimum <= value <= maximum:
        raise BadParameter(name, message)
    return value
