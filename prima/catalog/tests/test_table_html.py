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


def test_column_options_are_the_templates_options():
    columns = [{"name": "kab", "label": "Kab. <Kota> & \"x\""}, {"name": "n", "label": "N"},
               {"name": "z", "label": "Z"}]
    choices = {"kab": ["Jepara"], "n": [], "z": ["x"]}
    assert table_html.column_options_html(columns, choices=choices) == _template(
        '{% load catalog_tags %}{% for c in columns %}<option value="{{ c.name }}"'
        '{% if choices|get_item:c.name %} data-list="choices-{{ c.name }}"{% endif %}>'
        '{{ c.label }}</option>{% endfor %}', columns=columns, choices=choices)
    assert table_html.column_options_html(columns) == _template(
        '{% for c in columns %}<option value="{{ c.name }}">{{ c.label }}</option>'
        '{% endfor %}', columns=columns)
    for group_by in ("n", ""):
        assert table_html.column_options_html(columns, selected=group_by) == _template(
            '{% for c in columns %}<option value="{{ c.name }}"{% if c.name == group_by %}'
            ' selected{% endif %}>{{ c.label }}</option>{% endfor %}',
            columns=columns, group_by=group_by)


DICTIONARY_ROW = """{% for e in dictionary %}<tr>
      <th scope="row">{{ e.label }}<br><code class="small">{{ e.name }}</code></th>
      <td>{% if e.concept %}<strong>{{ e.concept }}</strong><br>{% endif %}{{ e.definition|default:e.description|default:"—" }}</td>
      <td>{{ e.classification|default:"" }}{% if e.reference_label %}{% if e.classification %}<br>{% endif %}{{ e.reference_label }}{% endif %}{% if not e.classification and not e.reference_label %}—{% endif %}</td>
      <td>{{ e.validation_rule|default:"—" }}</td><td>{{ e.time_reference|default:"—" }}</td><td>{{ e.unit|default:"—" }}</td><td>{{ e.access_label }}</td>
    </tr>{% endfor %}"""  # noqa: E501 - the template's own lines


def test_dictionary_rows_are_the_templates_rows():
    from prima.catalog.choices import ColumnAccess, ColumnReference

    blank = dict.fromkeys(("concept", "definition", "description", "classification",
                           "reference_label", "validation_rule", "time_reference", "unit"), "")
    dictionary = [
        {**blank, "name": "kode", "label": "Kode <wilayah>", "concept": "Wilayah & kode",
         "definition": "", "description": "Kode \"Kemendagri\"", "classification": "Kepmendagri",
         "reference_label": ColumnReference.WILAYAH.label, "validation_rule": "^[0-9.]+$",
         "time_reference": "2024", "unit": "", "access_label": ColumnAccess.PUBLIC.label},
        {**blank, "name": "n", "label": "N", "access_label": ColumnAccess.RESTRICTED.label},
        {**blank, "name": "r", "label": "R", "definition": "D",
         "reference_label": ColumnReference.WILAYAH.label,
         "access_label": ColumnAccess.PUBLIC.label},
    ]
    expected = _template(DICTIONARY_ROW, dictionary=dictionary)
    assert table_html.dictionary_rows_html(dictionary) == expected
    assert "Kode &lt;wilayah&gt;" in expected
