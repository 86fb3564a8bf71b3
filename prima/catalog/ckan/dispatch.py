"""The view of the CKAN Action API: reads the parameters, runs the action, and answers in CKAN's
envelope (``success`` with ``result``, or ``error`` with the status of the error)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .actions import ACTIONS
from .errors import ActionError
from .params import read_params


def _help_url(request, action: str) -> str:
    return request.build_absolute_uri(
        reverse("ckan:action", args=["help_show"]) + "?" + urlencode({"name": action}))


def _respond(request, action: str, status: int, body: dict) -> JsonResponse:
    response = JsonResponse({"help": _help_url(request, action), **body}, status=status,
                            json_dumps_params={"ensure_ascii": False})
    # Public, read-only data: browsers on other sites may read it (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def unknown_action(action: str) -> JsonResponse:
    """CKAN's answer to an action it does not know (``ckan/views/api.py``: ``action`` →
    ``_finish_bad_request``): status 400 and, as the body, a JSON text (not an object)."""
    response = JsonResponse(f"Bad request - Action name not known: {action}", safe=False,
                            status=400)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_version(request, version: int = 1) -> JsonResponse:
    """``/api/3`` (and ``/api``): the API version, as CKAN's ``get_api`` answers it."""
    response = JsonResponse({"version": version})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def api_v3(request) -> JsonResponse:
    return api_version(request, 3)


@csrf_exempt  # read-only actions; POST is only a transport for the parameters, as in CKAN
@require_http_methods(["GET", "POST"])
def action_view(request, action: str):
    function = ACTIONS.get(action)
    if function is None:
        return unknown_action(action)
    try:
        result = function(request, read_params(request))
    except ActionError as error:
        return _respond(request, action, error.status,
                        {"success": False, "error": error.as_dict()})
    return _respond(request, action, 200, {"success": True, "result": result})
