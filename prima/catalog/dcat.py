"""The catalog as DCAT (DCAT-AP style) for harvesters: JSON-LD at /data/catalog.jsonld and
Turtle at /data/catalog.ttl, both written from one small in-memory graph.

Identifiers are stable: they are built on ``settings.PRIMA_BASE_URL`` (not the request's host),
so a dataset keeps its IRI whichever address a harvester used. Only published datasets appear.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, reverse
from django.views.decorators.http import require_GET

from .ckan.shapes import MIMETYPES, listed_resources, organization_name
from .models import Dataset

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "csvw": "http://www.w3.org/ns/csvw#",
    "prov": "http://www.w3.org/ns/prov#",
}
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FREQUENCIES = {
    "once": "NEVER", "daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
    "quarterly": "QUARTERLY", "semesterly": "ANNUAL_2", "yearly": "ANNUAL",
    "per_election": "IRREG", "irregular": "IRREG",
}
LANGUAGE = "id"


# --- a tiny RDF graph ---------------------------------------------------------------------

@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    datatype: str | None = None  # a prefixed name such as "xsd:date"
    language: str | None = None


@dataclass
class Node:
    """A subject with its types and (predicate, object) pairs; ``iri`` None is a blank node."""

    iri: str | None
    types: list[str]
    properties: list[tuple[str, IRI | Literal | Node]] = field(default_factory=list)

    def add(self, predicate: str, value) -> None:
        if value is None or value == "" or (isinstance(value, Literal) and value.value == ""):
            return
        self.properties.append((predicate, value))


def _text(value, language=LANGUAGE) -> Literal | None:
    return Literal(str(value), language=language) if value else None


def _datetime(value) -> Literal | None:
    if value is None:
        return None
    return Literal(value.isoformat(timespec="seconds"), datatype="xsd:dateTime")


def _date(value) -> Literal | None:
    return Literal(value.isoformat(), datatype="xsd:date") if value else None


# --- the catalog graph --------------------------------------------------------------------

def _url(path_: str) -> str:
    return settings.PRIMA_BASE_URL + path_


def _publisher(satker) -> Node:
    node = Node(_url(reverse("organisations:satker-detail", args=[satker.code])),
                ["foaf:Organization"])
    node.add("foaf:name", _text(satker.name))
    node.add("dct:identifier", Literal(organization_name(satker)))
    node.add("foaf:mbox", IRI(f"mailto:{satker.email}") if satker.email else None)
    return node


def _distribution(dataset, resource) -> Node:
    page = _url(dataset.get_absolute_url())
    node = Node(None, ["dcat:Distribution"])
    node.add("dct:title", _text(resource.name))
    node.add("dct:description", _text(resource.description))
    if resource.kind == "link":
        node.add("dcat:accessURL", IRI(resource.url))
    else:
        version = resource.current_version
        table = resource.has_published_table
        node.add("dcat:accessURL", IRI(_url(reverse(
            "catalog:resource-table", args=[dataset.slug, resource.slug])) if table else page))
        # A restricted column: the original is not public, the table's export is.
        download = (reverse("catalog:resource-download", args=[dataset.slug, resource.slug])
                    if resource.original_is_public else
                    reverse("catalog:resource-export", args=[dataset.slug, resource.slug,
                                                             "csv"]))
        node.add("dcat:downloadURL", IRI(_url(download)))
        if version is not None:
            node.add("dcat:byteSize", Literal(str(version.size), datatype="xsd:nonNegativeInteger"))
            node.add("dct:modified", _datetime(version.published_at))
    fmt = (resource.format or "").upper()
    node.add("dct:format", Literal(fmt) if fmt else None)
    if fmt in MIMETYPES:
        node.add("dcat:mediaType",
                 IRI(f"https://www.iana.org/assignments/media-types/{MIMETYPES[fmt]}"))
    if dataset.licence.url:
        node.add("dct:license", IRI(dataset.licence.url))
    _add_dictionary(node, dataset, resource)
    return node


def _add_dictionary(node: Node, dataset, resource) -> None:
    """Satu Data MS-Var of a published table: the dictionary CSV as the distribution's linked
    schema (DCAT-AP ``dct:conformsTo``) and its columns as a CSVW table schema."""
    from .satudata import data_dictionary

    if not resource.has_published_table:
        return
    node.add("dct:conformsTo", IRI(_url(reverse(
        "catalog:resource-dictionary-csv", args=[dataset.slug, resource.slug]))))
    schema = Node(None, ["csvw:Schema"])
    for entry in data_dictionary(resource, columns=resource.current_version.schema):
        column = Node(None, ["csvw:Column"])
        column.add("csvw:name", Literal(entry["name"]))
        column.add("csvw:titles", _text(entry["label"]))
        column.add("dct:description", _text(entry["definition"] or entry["description"]))
        column.add("skos:definition", _text(entry["concept"]))
        column.add("skos:note", _text(entry["classification"]))
        schema.add("csvw:column", column)
    node.add("csvw:tableSchema", schema)


def _activity(dataset) -> Node | None:
    """Satu Data MS-Keg: the activity that produced the data (``prov:wasGeneratedBy``)."""
    if not (dataset.activity_name or dataset.activity_period or dataset.activity_design):
        return None
    activity = Node(None, ["prov:Activity"])
    activity.add("dct:title", _text(dataset.activity_name))
    activity.add("dct:description", _text(dataset.activity_purpose))
    activity.add("dct:temporal", _text(dataset.activity_period))
    activity.add("skos:note", _text(dataset.activity_design))
    activity.add("dct:publisher", _text(dataset.activity_organiser))
    return activity


def _dataset(dataset) -> Node:
    node = Node(_url(dataset.get_absolute_url()), ["dcat:Dataset"])
    node.add("dct:title", _text(dataset.title))
    node.add("dct:description", _text(dataset.description))
    node.add("dct:identifier", Literal(dataset.slug))
    node.add("dcat:landingPage", IRI(_url(dataset.get_absolute_url())))
    node.add("dct:publisher", _publisher(dataset.satker))
    if dataset.licence.url:
        node.add("dct:license", IRI(dataset.licence.url))
    node.add("dct:issued", _datetime(dataset.published_at))
    node.add("dct:modified", _datetime(dataset.updated_at))
    node.add("dct:language",
             IRI("http://publications.europa.eu/resource/authority/language/IND"))
    for tag in dataset.tags.all():
        node.add("dcat:keyword", _text(tag.name))
    search = reverse("catalog:search")
    for topic in dataset.topics.all():
        theme = Node(_url(f"{search}?topic={topic.slug}"), ["skos:Concept"])
        theme.add("skos:prefLabel", _text(topic.name))
        node.add("dcat:theme", theme)
    if dataset.temporal_start or dataset.temporal_end:
        period = Node(None, ["dct:PeriodOfTime"])
        period.add("dcat:startDate", _date(dataset.temporal_start))
        period.add("dcat:endDate", _date(dataset.temporal_end))
        node.add("dct:temporal", period)
    if dataset.spatial_code:
        location = Node(None, ["dct:Location"])
        location.add("dct:identifier", Literal(dataset.spatial_code))
        node.add("dct:spatial", location)
    if dataset.contact_name or dataset.contact_email:
        contact = Node(None, ["vcard:Organization"])
        contact.add("vcard:fn", _text(dataset.contact_name or dataset.satker.name))
        if dataset.contact_email:
            contact.add("vcard:hasEmail", IRI(f"mailto:{dataset.contact_email}"))
        node.add("dcat:contactPoint", contact)
    node.add("dct:source", _text(dataset.source))
    if dataset.update_frequency in FREQUENCIES:
        node.add("dct:accrualPeriodicity",
                 IRI(FREQUENCY + FREQUENCIES[dataset.update_frequency]))
    node.add("prov:wasGeneratedBy", _activity(dataset))
    for resource in listed_resources(dataset):  # no dead download links
        node.add("dcat:distribution", _distribution(dataset, resource))
    return node


def catalog_graph() -> list[Node]:
    """The catalog node followed by one node per published dataset."""
    datasets = list(Dataset.objects.published().with_public_resources().order_by("slug"))
    catalog = Node(_url(reverse("catalog:search")), ["dcat:Catalog"])
    catalog.add("dct:title", _text(f"Katalog Data {settings.PRIMA_SITE_NAME}"))
    catalog.add("dct:description", _text("Data terbuka satuan kerja Komisi Pemilihan Umum."))
    catalog.add("foaf:homepage", IRI(_url(reverse("catalog:search"))))
    catalog.add("dct:language",
                IRI("http://publications.europa.eu/resource/authority/language/IND"))
    if datasets:
        catalog.add("dct:modified", _datetime(max(d.updated_at for d in datasets)))
    nodes = [_dataset(d) for d in datasets]
    for node in nodes:
        catalog.add("dcat:dataset", IRI(node.iri))
    return [catalog, *nodes]


# --- JSON-LD ------------------------------------------------------------------------------

def _jsonld_value(value):
    if isinstance(value, IRI):
        return {"@id": value.value}
    if isinstance(value, Literal):
        if value.datatype:
            return {"@value": value.value, "@type": value.datatype}
        if value.language:
            return {"@value": value.value, "@language": value.language}
        return value.value
    return _jsonld_node(value)


def _jsonld_node(node: Node) -> dict:
    data: dict = {}
    if node.iri:
        data["@id"] = node.iri
    data["@type"] = node.types[0] if len(node.types) == 1 else node.types
    for predicate, value in node.properties:
        data.setdefault(predicate, []).append(_jsonld_value(value))
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value
            for key, value in data.items()}


def to_jsonld(nodes: list[Node]) -> dict:
    return {"@context": dict(PREFIXES), "@graph": [_jsonld_node(n) for n in nodes]}


# --- Turtle -------------------------------------------------------------------------------

_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def turtle_string(text: str) -> str:
    """A Turtle string literal: quotes, backslashes and line breaks escaped (ECHAR), other
    control characters as \\u and four hex digits (UCHAR)."""
    out = []
    for char in text:
        if char in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def turtle_iri(iri: str) -> str:
    """An IRIREF: characters Turtle forbids inside <> are percent-encoded."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: "".join(
        f"%{byte:02X}" for byte in m.group().encode()), iri) + ">"


def _turtle_value(value, indent: str) -> str:
    if isinstance(value, IRI):
        return turtle_iri(value.value)
    if isinstance(value, Literal):
        text = turtle_string(value.value)
        if value.datatype:
            return f"{text}^^{value.datatype}"
        if value.language:
            return f"{text}@{value.language}"
        return text
    if value.iri:  # a named node nested in another: describe it inline by reference only
        return turtle_iri(value.iri)
    return "[\n" + _turtle_body(value, indent + "    ") + f"\n{indent}]"


def _turtle_body(node: Node, indent: str) -> str:
    lines = [f"{indent}a {', '.join(node.types)}"]
    grouped: dict[str, list] = {}
    for predicate, value in node.properties:
        grouped.setdefault(predicate, []).append(value)
    for predicate, values in grouped.items():
        objects = ", ".join(_turtle_value(v, indent) for v in values)
        lines.append(f"{indent}{predicate} {objects}")
    return " ;\n".join(lines)


def _named_children(node: Node) -> list[Node]:
    """Named nodes nested in ``node`` (publishers, themes) written as their own subjects."""
    found = []
    for _predicate, value in node.properties:
        if isinstance(value, Node):
            if value.iri:
                found.append(value)
            found.extend(_named_children(value))
    return found


def to_turtle(nodes: list[Node]) -> str:
    parts = [f"@prefix {prefix}: <{iri}> ." for prefix, iri in PREFIXES.items()]
    parts.append("")
    written: set[str] = set()
    for node in nodes:
        for subject in [node, *_named_children(node)]:
            if subject.iri in written:
                continue
            written.add(subject.iri)
            parts.append(f"{turtle_iri(subject.iri)}\n{_turtle_body(subject, '    ')} .\n")
    return "\n".join(parts)


# --- views --------------------------------------------------------------------------------

@require_GET
def catalog_jsonld(request):
    body = json.dumps(to_jsonld(catalog_graph()), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def catalog_turtle(request):
    response = HttpResponse(to_turtle(catalog_graph()), content_type="text/turtle; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# Included by catalog/urls.py into the "catalog" namespace.
dcat_urlpatterns = [
    path("data/catalog.jsonld", catalog_jsonld, name="dcat-jsonld"),
    path("data/catalog.ttl", catalog_turtle, name="dcat-ttl"),
]
