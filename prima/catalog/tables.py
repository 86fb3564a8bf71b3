"""The table page's view model: everything the HTML table, its ``.json``/``.csv`` twins and the
export share, built from ``request.GET`` through the engine's ``parse_query`` so every view of a
table is a shareable URL.

URL convention (engine.query.parse_query): ``<col>__<op>=value``, ``_search``, ``_sort`` /
``_sort_desc``, ``_size``, ``_after``, ``_col``, ``_facet`` (repeatable), ``_group_by``,
``_metric=sum:col`` (``count``, ``avg:col``). This page adds ``_chart=bar|line`` (presentation
only) and the filter form's ``_fcol``/``_fop``/``_fval``, which are turned into the canonical
``<col>__<op>=value`` by a redirect.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote_plus

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .choices import ColumnType

PRESENTATION_PARAMS = ("_chart",)
FILTER_FORM_PARAMS = ("_fcol", "_fop", "_fval")
OPS = [
    ("eq", gettext_lazy("sama dengan")),
    ("ne", gettext_lazy("tidak sama dengan")),
    ("contains", gettext_lazy("memuat")),
    ("gt", gettext_lazy("lebih dari")),
    ("gte", gettext_lazy("paling sedikit")),
    ("lt", gettext_lazy("kurang dari")),
    ("lte", gettext_lazy("paling banyak")),
    ("in", gettext_lazy("salah satu dari (pisahkan koma)")),
    ("isnull", gettext_lazy("kosong")),
    # Satu Data: a region-code column within a satker's area (the code and every code below).
    ("subtree", gettext_lazy("di wilayah (kode beserta wilayah di bawahnya)")),
]
OP_LABELS = dict(OPS)
METRIC_FUNCTIONS = {"sum": gettext_lazy("jumlah"), "avg": gettext_lazy("rata-rata"),
                    "count": gettext_lazy("banyak baris")}
NUMERIC_TYPES = (ColumnType.INTEGER, ColumnType.DECIMAL)
EXPORT_FORMATS = ("csv", "json", "xlsx", "parquet")
PREVIEW_ROWS = 20
FACET_LIMIT = 20
# Values offered for a filter (<datalist>): the most frequent values of each text column.
CHOICE_COLUMNS = 12
CHOICE_VALUES = 30
SUGGESTIONS = 3  # "Maksud Anda: …?" values offered when an exact text filter finds nothing
WIDE_TABLE_COLUMNS = 6  # from this many columns the table gets a sideways-scroll hint
# Words of machine column names as people read them (``kode_kabkota`` → "Kode kab/kota").
NAME_WORDS = {
    "kabkota": "kab/kota", "kab": "kab.", "kota": "kota", "kec": "kec.", "kel": "kel.",
    "prov": "provinsi", "dpt": "DPT", "dps": "DPS", "dptb": "DPTb", "dpk": "DPK",
    "tps": "TPS", "nik": "NIK", "nkk": "NKK", "nip": "NIP", "no": "no.", "jml": "jumlah",
    "id": "ID", "kpu": "KPU", "ppk": "PPK", "pps": "PPS", "kk": "KK", "lk": "laki-laki",
    "pr": "perempuan", "tgl": "tanggal", "thn": "tahun", "bps": "BPS", "rt": "RT", "rw": "RW",
}


def _engine():
    from .engine import query

    return query


def engine_params(params: QueryDict) -> QueryDict:
    """``params`` without the page's presentation-only parameters."""
    clean = params.copy()
    for name in (*PRESENTATION_PARAMS, *FILTER_FORM_PARAMS, "page"):
        clean.pop(name, None)
    return clean


def canonical_filter_redirect(params: QueryDict) -> str | None:
    """The query string with the filter form's fields turned into ``<col>__<op>=value``."""
    column = params.get("_fcol")
    if not column:
        return None
    op = params.get("_fop") or "eq"
    value = params.get("_fval", "")
    clean = params.copy()
    for name in (*FILTER_FORM_PARAMS, "_after"):
        clean.pop(name, None)
    if op == "isnull":
        value = value or "1"
    clean.appendlist(f"{column}__{op}", value)
    return clean.urlencode()


def url_with(params: QueryDict, *, drop=(), set_: dict | None = None, add=(),
             remove_pair=None) -> str:
    """``"?"`` and ``params`` changed: ``drop`` names, ``set_`` {name: value}, ``add``
    (name, value) pairs, ``remove_pair`` one (name, value); the same text as ``QueryDict``'s
    ``copy()``, ``pop``/``setlist``/``appendlist`` and ``urlencode()`` (issue 13: the page asks
    for ~15 of them, and copying the ``QueryDict`` cost most of their time)."""
    query = {name: values for name, values in params.lists()}
    for name in drop:
        query.pop(name, None)
    for name, value in (set_ or {}).items():
        query[name] = [value]
    for name, value in add:
        query[name] = [*query.get(name, ()), value]
    if remove_pair:
        name, value = remove_pair
        query[name] = [v for v in query.get(name, ()) if v != value]
    return "?" + "&".join(f"{quote_plus(name)}={quote_plus(str(value))}"
                          for name, values in query.items() for value in values)


def display(value, column: dict) -> str:
    """A cell as text: codes and text as they are, numbers with Indonesian grouping."""
    if value is None:
        return ""
    if column.get("is_code") or column.get("type") in (ColumnType.CODE, ColumnType.TEXT):
        return str(value)
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, int | float | Decimal):
        return charts.display_number(value)
    return str(value)


def humanise(name: str) -> str:
    """A machine column name as a label: ``kode_kabkota`` → "Kode kab/kota"."""
    words = [NAME_WORDS.get(word, word) for word in re.split(r"[_\s]+", name) if word]
    text = " ".join(words) or name
    return text[:1].upper() + text[1:]


def column_label(column: dict) -> str:
    """The label people read for a column: its label from the column metadata, or the
    humanised name when the label is just the machine name (never raw ``kode_kabkota``)."""
    name = column.get("name") or ""
    label = str(column.get("label") or "").strip()
    if not label or label == name or re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", label):
        return humanise(label or name)
    return label


def labelled(schema) -> list[dict]:
    """The schema's columns with the label and description the pages show."""
    return [{**column, "label": column_label(column),
             "description": str(column.get("description") or "").strip()}
            for column in schema]


def numeric_columns(schema) -> list[dict]:
    return [c for c in schema if c.get("type") in NUMERIC_TYPES and not c.get("is_code")]


def metric_options(schema) -> list[tuple[str, str]]:
    options = [("count", str(METRIC_FUNCTIONS["count"]))]
    for column in numeric_columns(schema):
        label = column_label(column)
        options.append((f"sum:{column['name']}", f"{METRIC_FUNCTIONS['sum']} {label}"))
        options.append((f"avg:{column['name']}", f"{METRIC_FUNCTIONS['avg']} {label}"))
    return options


@dataclass
class Facet:
    column: dict
    values: list = field(default_factory=list)  # [(value, count, url, selected)]
    remove_url: str = ""

    @property
    def label(self) -> str:
        return column_label(self.column)


@dataclass
class TableView:
    """Everything the table page shows; filled by ``build``."""

    version: object
    params: QueryDict
    schema: list
    error: str = ""
    query: object = None
    page: object = None
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    headers: list = field(default_factory=list)
    filters: list = field(default_factory=list)
    facets: list = field(default_factory=list)
    group_by: str = ""
    metric: str = ""
    aggregation: object = None
    aggregation_rows: list = field(default_factory=list)
    chart_kind: str = "bar"
    chart_svg: str = ""
    aggregation_title: str = ""
    next_url: str = ""
    first_url: str = ""
    is_first_page: bool = True
    columns_labelled: list = field(default_factory=list)  # every column, labelled
    choices: dict = field(default_factory=dict)  # column name -> frequent values (text)
    suggestions: list = field(default_factory=list)  # [{"label", "value", "url"}]

    @property
    def wide(self) -> bool:
        """Enough columns to overflow a 1366 px screen: show the sideways-scroll hint."""
        return len(self.headers) >= WIDE_TABLE_COLUMNS

    @property
    def described(self) -> list:
        """Columns that have a description (the column guide)."""
        return [c for c in self.columns_labelled if c["description"]]

    @property
    def total_display(self) -> str:
        return charts.display_number(self.page.total) if self.page else ""

    @property
    def search(self) -> str:
        return self.params.get("_search", "")

    @property
    def hidden_search(self):
        return self.hidden("_search", "_after")

    @property
    def hidden_filter(self):
        return self.hidden("_after")

    @property
    def hidden_facet(self):
        return self.hidden("_after")

    @property
    def hidden_group(self):
        return self.hidden("_group_by", "_metric", "_chart", "_after")

    @property
    def ungroup_url(self) -> str:
        return url_with(self.params, drop=("_group_by", "_metric", "_chart"))

    def hidden(self, *exclude) -> list[tuple[str, str]]:
        """Current parameters as (name, value) pairs for a GET form that keeps the view."""
        return [(name, value) for name, values in self.params.lists()
                if name not in exclude and name not in FILTER_FORM_PARAMS
                for value in values]


def _filter_chips(view: TableView, labels: dict) -> list[dict]:
    chips = []
    for name, values in view.params.lists():
        if name.startswith("_") or "__" not in name:
            continue
        column, _sep, op = name.rpartition("__")
        for value in values:
            chips.append({
                "label": labels.get(column, column), "op": OP_LABELS.get(op, op),
                "value": "" if op == "isnull" else value,
                "remove_url": url_with(view.params, drop=("_after",),
                                       remove_pair=(name, value)),
            })
    return chips


def build(version, params: QueryDict, *, with_facets=True, with_aggregation=True,
          columns_labelled: list | None = None, choices: dict | None = None) -> TableView:
    """Run the page's queries for ``version`` from ``params``; engine errors become ``error``.

    ``columns_labelled`` (``labelled(version.schema)``) and ``choices``
    (``frequent_values(version)``): given when the caller kept them (the table page)."""
    engine = _engine()
    schema = version.schema
    view = TableView(version=version, params=params, schema=schema)
    view.columns_labelled = labelled(schema) if columns_labelled is None else columns_labelled
    labels = {c["name"]: c["label"] for c in view.columns_labelled}
    view.filters = _filter_chips(view, labels)
    view.chart_kind = params.get("_chart") if params.get("_chart") in charts.KINDS else "bar"
    try:
        view.query = engine.parse_query(engine_params(params), schema)
        view.page = small_run_query(version, view.query) or engine.run_query(version, view.query)
        facet_names = list(view.query.facets)
        if with_facets and facet_names:
            counts = engine.facet_counts(version, view.query, facet_names, limit=FACET_LIMIT)
            for name in facet_names:
                column = next(c for c in schema if c["name"] == name)
                selected = set(params.getlist(f"{name}__eq")) | set(params.getlist(name))
                facet = Facet(column=column, remove_url=url_with(
                    params, drop=("_after",), remove_pair=("_facet", name)))
                for value, count in counts.get(name, []):
                    text = "" if value is None else str(value)
                    facet.values.append((display(value, column) or _("(kosong)"), count,
                                         url_with(params, drop=("_after",),
                                                  add=[(f"{name}__eq", text)]),
                                         text in selected))
                view.facets.append(facet)
        view.group_by = view.query.group_by[0] if view.query.group_by else ""
        view.metric = params.get("_metric", "") or "count"
        if with_aggregation and view.group_by:
            metric = (view.query.metrics or [("count", None)])[0]
            # The aggregation has its own columns: the page's sort and cursor do not apply.
            grouped = dataclasses.replace(view.query, sort=[], after=None, offset=None)
            from .engine.aggregate import aggregate

            view.aggregation = aggregate(version, grouped, [view.group_by], [metric])
            _fill_aggregation(view, labels, metric)
        if with_facets:
            view.choices = frequent_values(version) if choices is None else choices
            if view.page.total == 0:
                _fill_suggestions(view, engine)
    except ValidationError as exc:
        view.error = " ".join(exc.messages)
        return view
    _fill_rows(view, labels)
    return view


def frequent_values(version) -> dict:
    """The most frequent values of the text columns (``TableView.choices``), over the whole
    table (the same query for every view of the version, so it is answered from the results
    cache)."""
    engine = _engine()
    names = [c["name"] for c in version.schema
             if c.get("type") in (ColumnType.TEXT, ColumnType.CODE)][:CHOICE_COLUMNS]
    if not names:
        return {}
    counts = engine.facet_counts(version, engine.Query(), names, limit=CHOICE_VALUES)
    return {name: [str(value) for value, _n in values if value not in (None, "")]
            for name, values in counts.items()}


def small_run_query(version, query):
    """The page from memory for a small table (``engine.small``), else ``None``."""
    from .engine import small

    return small.run_query(version, query)


def _fill_suggestions(view: TableView, engine) -> None:
    """When exact text filters find nothing: the values that contain the typed text
    (a contains/ILIKE query with the other filters kept), each as a link to the view with
    that value instead ("Maksud Anda: Kabupaten Jepara?")."""
    query = view.query
    for index, flt in enumerate(query.filters):
        column = next((c for c in view.schema if c["name"] == flt.column), None)
        if (flt.op != "eq" or column is None or not isinstance(flt.value, str)
                or column.get("type") not in (ColumnType.TEXT, ColumnType.CODE)
                or not flt.value.strip()):
            continue
        looser = dataclasses.replace(
            query, sort=[], after=None, offset=None, facets=[], group_by=[], metrics=[],
            filters=[*query.filters[:index],
                     engine.Filter(flt.column, "contains", flt.value.strip()),
                     *query.filters[index + 1:]])
        found = engine.facet_counts(view.version, looser, [flt.column], limit=SUGGESTIONS)
        for value, _count in found.get(flt.column, []):
            if value in (None, "") or str(value) == flt.value:
                continue
            params = view.params.copy()
            for key in (f"{flt.column}__eq", flt.column):
                if flt.value in params.getlist(key):
                    params.setlist(key, [str(value) if v == flt.value else v
                                         for v in params.getlist(key)])
            view.suggestions.append({
                "label": column_label(column), "value": str(value),
                "url": url_with(params, drop=("_after",))})


def _fill_rows(view: TableView, labels: dict) -> None:
    page = view.page
    by_name = {c["name"]: c for c in view.schema}
    view.columns = [by_name.get(c["name"], c) for c in page.columns]
    sort = list(getattr(view.query, "sort", []) or [])
    current = sort[0] if sort else None
    for column in view.columns:
        name = column["name"]
        state = ""
        if current and current[0] == name:
            state = "descending" if current[1] else "ascending"
        target = ({"_sort_desc": name} if state == "ascending" else {"_sort": name})
        view.headers.append({
            "name": name, "label": labels.get(name, name), "type": column.get("type"),
            "description": str(column.get("description") or "").strip(),
            "numeric": column.get("type") in NUMERIC_TYPES and not column.get("is_code"),
            "aria_sort": state,
            "sort_url": url_with(view.params, drop=("_after", "_sort", "_sort_desc"),
                                 set_=target),
        })
    numeric = [header["numeric"] for header in view.headers]
    view.rows = [[(display(row.get(c["name"]), c), numeric[i])
                  for i, c in enumerate(view.columns)] for row in page.rows]
    _add_region_names(view, page)
    if page.next_after:
        view.next_url = url_with(view.params, set_={"_after": page.next_after})
    view.is_first_page = not view.params.get("_after")
    view.first_url = url_with(view.params, drop=("_after",))


def _region_columns(version) -> set[str]:
    """Names of the version's columns declared as Kemendagri region codes (one query)."""
    from .choices import ColumnReference
    from .models import ColumnMetadata

    known = getattr(version, "region_columns", None)  # set by ``access.public_view``
    if known is not None:
        return set(known)
    resource_id = getattr(version, "resource_id", None)
    if resource_id is None:
        return set()
    return set(ColumnMetadata.objects.filter(resource_id=resource_id,
                                             reference=ColumnReference.WILAYAH)
               .values_list("name", flat=True))


def _add_region_names(view: TableView, page) -> None:
    """A region-code column shows the region's name beside the code (domain satu-data.md 4:
    "can be joined to names"): one metadata query per page, then the names of the page's
    codes from the wilayah reference kept in memory (``satudata.region_names``)."""
    from django.utils.html import format_html

    from .satudata import region_names

    declared = _region_columns(view.version)
    positions = [i for i, c in enumerate(view.columns) if c["name"] in declared]
    if not positions or not page.rows:
        return
    codes = {str(row.get(view.columns[i]["name"])).strip() for row in page.rows
             for i in positions if row.get(view.columns[i]["name"]) is not None}
    names = region_names(codes)
    for row, cells in zip(page.rows, view.rows, strict=True):
        for i in positions:
            value = row.get(view.columns[i]["name"])
            name = names.get(str(value).strip()) if value is not None else None
            if name:
                cells[i] = (format_html('{} <span class="muted region-name">{}</span>',
                                        cells[i][0], name), cells[i][1])


def _fill_aggregation(view: TableView, labels: dict, metric) -> None:
    page = view.aggregation
    names = [c["name"] for c in page.columns]
    group_name, value_name = names[0], names[-1]
    column = next(c for c in view.schema if c["name"] == view.group_by)
    items = [(display(row.get(group_name), column) or _("(kosong)"), row.get(value_name))
             for row in page.rows]
    view.aggregation_rows = [(label, charts.display_number(value)) for label, value in items]
    function, metric_column = metric
    title = _("%(metric)s per %(group)s") % {
        "metric": (f"{METRIC_FUNCTIONS.get(function, function)} "
                   f"{labels.get(metric_column, '')}".strip()
                   ).capitalize(),
        "group": labels.get(view.group_by, view.group_by)}
    view.aggregation_title = title
    view.chart_svg = charts.chart(view.chart_kind, title, items)


def preview_rows(version, limit: int = PREVIEW_ROWS) -> dict:
    """The first rows of a version for the schema review (labels as headers)."""
    engine = _engine()
    try:
        page = engine.run_query(version, engine.Query(limit=limit))
    except ValidationError as exc:
        return {"error": " ".join(exc.messages), "headers": [], "rows": []}
    by_name = {c["name"]: c for c in version.schema}
    columns = [by_name.get(c["name"], c) for c in page.columns]
    return {"error": "", "total": page.total,
            "headers": [column_label(c) for c in columns],
            "rows": [[display(row.get(c["name"]), c) for c in columns] for row in page.rows]}
