"""The repeated parts of the table page written in Python: the data rows, the filter values'
``<datalist>`` elements and the satker options of the region filter.

A page holds up to a few thousand cells and, with a region-code column, one option per satker;
written by the template language every cell cost several node renders (issue 13: ~60 % of a
page's time). The markup is exactly what the template wrote before (``test_table_html.py``
compares both), escaped the same way: ``html.escape`` as Django's ``escape``, values already
marked safe (a region code with its name) kept as they are.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeData, mark_safe


def _text(value) -> str:
    """``{{ value }}`` for the strings these parts hold."""
    if isinstance(value, SafeData):
        return str(value)
    return escape(str(value))


def rows_html(rows) -> str:
    """``<tr>`` per row of ``(cell, numeric)`` pairs (``TableView.rows``)."""
    return mark_safe("".join(  # noqa: S308 - every cell escaped by ``_text``
        "<tr>" + "".join(
            (f'<td class="num">{_text(cell)}</td>' if numeric else f"<td>{_text(cell)}</td>")
            for cell, numeric in row) + "</tr>"
        for row in rows))


def datalists_html(choices: dict) -> str:
    """A ``<datalist id="choices-<column>">`` of frequent values per text column."""
    return mark_safe("".join(  # noqa: S308 - every value escaped by ``_text``
        f'<datalist id="choices-{_text(name)}">'
        + "".join(f'<option value="{_text(value)}"></option>' for value in values)
        + "</datalist>"
        for name, values in choices.items()))


def satker_options_html(satkers) -> str:
    """``<option value="<code>"><name> (<code>)</option>`` per ``(code, name)``."""
    return mark_safe("".join(  # noqa: S308 - every value escaped by ``_text``
        f'<option value="{_text(code)}">{_text(name)} ({_text(code)})</option>'
        for code, name in satkers))
