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


def test_hidden_inputs_are_the_included_templates():
    from django.template.loader import render_to_string

    for pairs in ([], [("kab", 'x"<y>&'), ("_sort", "n"), ("kab", "Jepara")]):
        assert table_html.hidden_html(pairs) == render_to_string(
            "catalog/public/_hidden.html", {"pairs": pairs})


def test_options_are_the_templates_options():
    from django.utils.translation import override

    from prima.catalog import tables

    options = [("count", "banyak baris"), ("sum:a", 'jumlah <A> & "b"'), ("avg:a", "x")]
    for selected in ("count", "sum:a", "other"):
        assert table_html.options_html(options, selected=selected) == _template(
            '{% for value, label in options %}<option value="{{ value }}"{% if value == '
            'selected %} selected{% endif %}>{{ label }}</option>{% endfor %}',
            options=options, selected=selected)
    for language in ("id", "en"):
        with override(language):
            assert table_html.options_html(tables.OPS) == _template(
                '{% for value, label in ops %}<option value="{{ value }}">{{ label }}'
                '</option>{% endfor %}', ops=tables.OPS)


def test_headers_are_the_templates_headers():
    from django.utils.translation import override

    headers = [
        {"name": "kab", "label": 'Kab. <"x">', "numeric": False, "aria_sort": "",
         "description": "", "sort_url": "?a=1&_sort=kab"},
        {"name": "n", "label": "N", "numeric": True, "aria_sort": "ascending",
         "description": "Jumlah & <b>", "sort_url": "?_sort_desc=n"},
        {"name": "m", "label": "M", "numeric": True, "aria_sort": "descending",
         "description": "D", "sort_url": "?_sort=m"},
    ]
    source = ('{% load i18n %}{% for h in headers %}<th scope="col"{% if h.aria_sort %} '
              'aria-sort="{{ h.aria_sort }}"{% endif %}{% if h.numeric %} class="num"'
              '{% endif %}><a href="{{ h.sort_url }}" title="{% if h.description %}'
              "{{ h.description }} · {% endif %}{% translate 'Urutkan' %}\">{{ h.label }}"
              '{% if h.aria_sort == "ascending" %} ▲{% elif h.aria_sort == "descending" %}'
              " ▼{% endif %}</a></th>{% endfor %}")
    from django.utils.translation import gettext

    for language in ("id", "en"):
        with override(language):
            assert table_html.headers_html(headers, gettext("Urutkan")) == _template(
                source, headers=headers)


def test_url_with_is_querydicts_copy_and_urlencode():
    import random

    from django.http import QueryDict

    from prima.catalog import tables

    def reference(params, *, drop=(), set_=None, add=(), remove_pair=None):
        query = params.copy()
        for name in drop:
            query.pop(name, None)
        for name, value in (set_ or {}).items():
            query.setlist(name, [value])
        for name, value in add:
            query.appendlist(name, value)
        if remove_pair:
            name, value = remove_pair
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        text = query.urlencode()
        return "?" + text if text else "?"

    rng = random.Random(13)
    names = ["a", "_after", "_sort", "kab__eq", "ç é", "x&y=z", "_facet"]
    values = ["1", "", "Jepara", "ä ö+%/?#&=", "33.20", "a b"]
    for _i in range(500):
        params = QueryDict(mutable=True)
        for _j in range(rng.randrange(6)):
            params.appendlist(rng.choice(names), rng.choice(values))
        kwargs = {
            "drop": tuple(rng.sample(names, rng.randrange(3))),
            "set_": {rng.choice(names): rng.choice(values + [7])} if rng.random() < .5 else None,
            "add": [(rng.choice(names), rng.choice(values))] if rng.random() < .5 else (),
            "remove_pair": (rng.choice(names), rng.choice(values)) if rng.random() < .5
            else None,
        }
        before = params.urlencode()
        assert tables.url_with(params, **kwargs) == reference(params, **kwargs), kwargs
        assert params.urlencode() == before  # never changed
