"""One confirmation page for every destructive or irreversible action.

A view answers GET with ``confirm_page(...)`` and performs the action on POST; the page says
what will happen, lists the facts of the record, and offers the confirm button and a way back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.shortcuts import render


def confirm_page(request, *, title: str, message: str = "", confirm_label: str,
                 cancel_url: str, base: str = "staff_base.html",
                 crumbs: Sequence[tuple[str, str]] = (), facts: Iterable[tuple] = (),
                 form=None, danger: bool = True, audited: bool = True, error: str = "",
                 action_url: str = "", context: dict | None = None, status: int = 200):
    """Render ``core/confirm.html``.

    ``base`` is the layout to extend (``"staff_base.html"`` or an app's public layout, which
    must define a ``content`` block); ``crumbs`` are ``(label, url)`` pairs before the page's
    own; ``facts`` are ``(label, value)`` pairs describing the record; a ``form`` is rendered
    (its visible fields with their errors) above the button, for a reason or a check box.
    """
    return render(request, "core/confirm.html", {
        "base_template": base, "title": title, "message": message,
        "confirm_label": confirm_label, "cancel_url": cancel_url, "crumbs": list(crumbs),
        "facts": list(facts), "form": form, "danger": danger, "audited": audited,
        "error": error, "action_url": action_url, **(context or {}),
    }, status=status)
