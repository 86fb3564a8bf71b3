"""The table page's rows, datalists and satker options written in Python are the markup the
template language wrote for them (issue 13: same page, fewer template nodes)."""

from django.template import Context, Template
from django.utils.html import format_html

from prima.catalog.views import table_html

AWKWARD = ['<b>"Kab." & \'Kota\'</b>', "", "77.125", "Jepara"]


def _template(source, **context):
    return Template(source).render(Context(context))


def test_rows_are_the_templates_rows():
    rows = [[(text, numeric) for text in AWKWARD for numeric in (False, True)],
            [(format_html('{} <span class="muted region-name">{}</span>', "33.20", "Jepara"),
              False), ("<i>", True)]]
    expected = _template('{% for row in rows %}<tr>{% for cell, numeric in row %}<td'
                         '{% if numeric %} class="num"{% endif %}>{{ cell }}</td>{% endfor %}'
                         '</tr>{% endfor %}', rows=rows)
    assert table_html.rows_html(rows) == expected
    assert '<span class="muted region-name">Jepara</span>' in expected
    assert "&lt;b&gt;&quot;Kab.&quot; &amp; &#x27;Kota&#x27;&lt;/b&gt;" in expected


def test_datalists_are_the_templates_datalists():
    choices = {"kab_kota": AWKWARD, 'a"b': ["x"], "empty": []}
    expected = _template('{% for name, values in choices.items %}<datalist id="choices-'
                         '{{ name }}">{% for value in values %}<option value="{{ value }}">'
                         '</option>{% endfor %}</datalist>{% endfor %}', choices=choices)
    assert table_html.datalists_html(choices) == expected


def test_satker_options_are_the_templates_options():
    satkers = [("0", "KPU RI"), ("33.20", "KPU Kabupaten <Jepara> & \"Kudus\"")]
    expected = _template('{% for code, name in satkers %}<option value="{{ code }}">{{ name }} '
                         '({{ code }})</option>{% endfor %}', satkers=satkers)
    assert table_html.satker_options_html(satkers) == expected
