"""Action parameters: read from a GET query string, a POST form or a POST JSON body, and checked
one by one (a bad value answers CKAN's "Validation Error" naming the parameter)."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from prima.core.params import MAX_OFFSET, BadParameter, bounded_int

from .errors import ActionError, Invalid


def read_params(request) -> dict:
    """GET query string, POST form or POST JSON body, as one flat dict."""
    if request.method == "POST" and request.content_type != "application/x-www-form-urlencoded" \
            and request.content_type != "multipart/form-data" and request.body.strip():
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise ActionError(_("Permintaan tidak valid: isi JSON tidak dapat dibaca.")) \
                from error
        if not isinstance(data, dict):
            raise ActionError(_("Permintaan tidak valid: isi JSON harus berupa objek."))
        return data
    source = request.POST if request.method == "POST" else request.GET
    return {key: values[0] if len(values) == 1 else values
            for key, values in source.lists()}


def integer(params, name, default, *, maximum=None) -> int:
    """A non-negative integer (capped at ``maximum``, as CKAN caps ``rows``), ``default`` when
    absent or blank. Past ``MAX_OFFSET`` (or not an integer) it is CKAN's "Validation Error"
    naming the parameter (``prima.core.params``: no unbounded integer reaches a query)."""
    raw = params.get(name, default)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Invalid({name: [_("Nilai harus bilangan bulat.")]}) from None
    if value < 0:
        raise Invalid({name: [_("Nilai tidak boleh negatif.")]})
    try:
        value = bounded_int(value, name=name, default=default, maximum=MAX_OFFSET)
    except BadParameter as error:
        raise Invalid({name: error.messages}) from None
    return min(value, maximum) if maximum is not None else value


def boolean(params, name, default=False) -> bool:
    raw = params.get(name, default)
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() in ("true", "1", "yes", "y", "on")


def json_value(params, name, default=None):
    """A parameter that CKAN accepts as JSON text in query strings and as a value in JSON."""
    raw = params.get(name, default)
    if isinstance(raw, str) and raw.strip()[:1] in ("[", "{", '"'):
        try:
            return json.loads(raw)
        except ValueError:
            raise Invalid({name: [_("Nilai JSON tidak dapat dibaca.")]}) from None
    return raw


def str_list(params, name) -> list[str] | None:
    """A list of texts: a JSON list or comma-separated text; None when absent."""
    value = json_value(params, name)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise Invalid({name: [_("Harus berupa daftar teks.")]})


def required(params, name) -> str:
    value = params.get(name)
    if value in (None, "") or not isinstance(value, str | int):
        raise Invalid({name: [_("Wajib diisi.")]})
    return str(value)
