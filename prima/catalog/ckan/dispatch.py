"""The view of the CKAN Action API: reads the parameters, runs the action, and answers in CKAN's
envelope (``success`` with ``result``, or ``error`` with the status of the error)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
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


@csrf_exempt  # read-only actions; POST is only a transport for the parameters, as in CKAN
@require_http_methods(["GET", "POST"])
def action_view(request, action: str):
    function = ACTIONS.get(action)
    try:
        if function is None:
            raise ActionError(_("Permintaan tidak valid: aksi tidak dikenal: %(action)s")
                              % {"action": action})
        result = function(request, read_params(request))
    except ActionError as error:
        return _respond(request, action, error.status,
                        {"success": False, "error": error.as_dict()})
    return _respond(request, action, 200, {"success": True, "result": result})
