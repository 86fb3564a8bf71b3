"""CKAN's error answers: each error knows its HTTP status and its ``__type``."""

from __future__ import annotations


class ActionError(Exception):
    status = 400
    kind = "Bad Request"

    def __init__(self, message: str = "", fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    def as_dict(self) -> dict:
        error = {"__type": self.kind}
        if self.message:
            error["message"] = self.message
        error.update(self.fields)
        return error


class NotFound(ActionError):
    status = 404
    kind = "Not Found Error"


class Invalid(ActionError):
    """CKAN's "Validation Error": field name → list of messages, status 409."""

    status = 409
    kind = "Validation Error"

    def __init__(self, fields: dict):
        super().__init__("", fields)


class SearchQueryError(ActionError):
    status = 400  # as CKAN's ckan/views/api.py answers a SearchQueryError
    kind = "Search Query Error"
