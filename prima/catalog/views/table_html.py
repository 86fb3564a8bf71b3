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


def column_options_html(columns, *, choices=None, selected=None) -> str:
    """``<option value="<name>">label</option>`` per labelled column; with ``choices``, a
    ``data-list`` naming the column's datalist when it has values; ``selected``: the column
    chosen."""
    parts = []
    for column in columns:
        name = column["name"]
        extra = ""
        if choices is not None and choices.get(name):
            extra = f' data-list="choices-{_text(name)}"'
        if selected is not None and name == selected:
            extra += " selected"
        parts.append(f'<option value="{_text(name)}"{extra}>{_text(column["label"])}</option>')
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped by ``_text``


def dictionary_rows_html(entries) -> str:
    """The data dictionary's ``<tr>`` per column (``satudata.data_dictionary``)."""
    parts = []
    for e in entries:
        concept = f"<strong>{_text(e['concept'])}</strong><br>" if e["concept"] else ""
        reference = ""
        if e["reference_label"]:
            reference = ("<br>" if e["classification"] else "") + _text(e["reference_label"])
        missing = "—" if not e["classification"] and not e["reference_label"] else ""
        parts.append(
            "<tr>\n"
            f'      <th scope="row">{_text(e["label"])}<br><code class="small">'
            f'{_text(e["name"])}</code></th>\n'
            f"      <td>{concept}{_text(e['definition'] or e['description'] or '—')}</td>\n"
            f"      <td>{_text(e['classification'] or '')}{reference}{missing}</td>\n"
            f"      <td>{_text(e['validation_rule'] or '—')}</td>"
            f"<td>{_text(e['time_reference'] or '—')}</td><td>{_text(e['unit'] or '—')}</td>"
            f"<td>{_text(e['access_label'])}</td>\n"
            "    </tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped by ``_text``


def hidden_html(pairs) -> str:
    """``catalog/public/_hidden.html`` (with its closing newline): a hidden input per
    ``(name, value)``, for a GET form that keeps the current view."""
    return mark_safe("".join(  # noqa: S308 - every value escaped by ``_text``
        f'<input type="hidden" name="{_text(name)}" value="{_text(value)}">'
        for name, value in pairs) + "\n")


def options_html(options, selected=None) -> str:
    """``<option value="<value>">label</option>`` per ``(value, label)``; the one whose value
    is ``selected`` marked selected."""
    return mark_safe("".join(  # noqa: S308 - every value escaped by ``_text``
        f'<option value="{_text(value)}"{" selected" if value == selected else ""}>'
        f"{_text(label)}</option>"
        for value, label in options))


def headers_html(headers, sort_label) -> str:
    """The data table's ``<th>`` per column (``TableView.headers``): a link that sorts by it,
    its description and ``sort_label`` as the title, an arrow on the sorted column."""
    parts = []
    for h in headers:
        state = h["aria_sort"]
        parts.append(
            '<th scope="col"' + (f' aria-sort="{_text(state)}"' if state else "")
            + (' class="num"' if h["numeric"] else "")
            + f'><a href="{_text(h["sort_url"])}" title="'
            + (f'{_text(h["description"])} · ' if h["description"] else "")
            + f'{_text(sort_label)}">{_text(h["label"])}'
            + (" ▲" if state == "ascending" else " ▼" if state == "descending" else "")
            + "</a></th>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped by ``_text``
