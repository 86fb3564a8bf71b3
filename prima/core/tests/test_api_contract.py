"""The JSON API keeps its published contract: the OpenAPI document is valid (enums with valid
defaults), bad enum values are refused, and a bounded, derandomized schemathesis run against
/api/v1/openapi.json through the WSGI app in-process finds no 5xx and no response outside the
document."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

OPENAPI = "/api/v1/openapi.json"


def _walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}/{index}")


def _no_duplicate_keys(pairs):
    keys = [key for key, _value in pairs]
    assert len(keys) == len(set(keys)), f"duplicated keys: {keys}"
    return dict(pairs)


def test_openapi_document_is_valid(client, db):
    # Swagger UI refuses a document with a key twice (e.g. 422 declared and added again).
    document = json.loads(client.get(OPENAPI).content, object_pairs_hook=_no_duplicate_keys)

    validate(document)
    bad_defaults = [path for path, node in _walk(document)
                    if "enum" in node and "default" in node and node["default"] not in node["enum"]]
    assert bad_defaults == []


def test_register_refuses_an_unknown_decision(client, db):
    response = client.get("/api/v1/informasi/register", {"decision": "bogus"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["decision"]
    assert response.json()["errors"]["decision"][0].startswith("Pilihan tidak dikenal")
    # No filter at all, and a blank one, are both "every decision".
    assert client.get("/api/v1/informasi/register", {"decision": ""}).status_code == 200
    assert client.get("/api/v1/informasi/register", {"decision": "granted"}).status_code == 200


def test_submit_still_documents_its_choices_without_a_default(client, db):
    schema = client.get(OPENAPI).json()["components"]["schemas"]["RequestIn"]["properties"]

    assert schema["requester_kind"]["enum"] == ["individual", "entity", "group", "proxy"]
    assert "default" not in schema["requester_kind"]
    assert json.dumps(schema["delivery_method"]).count("pick_up") == 1


# --- fuzzing --------------------------------------------------------------------------------

@pytest.fixture
def api_schema(db):
    application = get_wsgi_application()
    # Like Django's test client: the test's transaction holds the connection, so the end of a
    # request must not close it (PostgreSQL would answer every later example 503).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def app(environ, start_response):
        # Every WSGI server in front of Prima (gunicorn) sets the client address; the
        # in-process transport does not, and the submit rate limit counts per address.
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return application(environ, start_response)

    yield schemathesis.openapi.from_wsgi(OPENAPI, app)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


fuzz = schemathesis.pytest.from_fixture("api_schema")


@fuzz.parametrize()
@settings(max_examples=20, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_fuzz_no_server_error_and_nothing_outside_the_document(case):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance, response_schema_conformance])
