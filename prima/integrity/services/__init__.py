"""Services of the integrity zone (``pact``: versions, signing, lists; ``zone``: declaration
and units; ``verification``: the public check of a printed code)."""

from .pact import (
    create_version,
    issue_roster,
    pending_for,
    publish_version,
    sign_pact,
    update_version,
)
from .verification import Verification, verify
from .zone import add_unit, move_unit, record_declaration, update_declaration

__all__ = [
    "Verification", "add_unit", "create_version", "issue_roster", "move_unit", "pending_for",
    "publish_version", "record_declaration", "sign_pact", "update_declaration",
    "update_version", "verify",
]
