"""Registration numbers of requests and objections, and their URL-safe slugs.

Numbers are gapless per satker and year (the register is a legal book): they come from
``prima.core.numbering.next_number`` inside the registering transaction.
"""

from __future__ import annotations

from prima.core.numbering import next_number

REQUEST_NUMBER = "{sequence:04d}/PPID/{code}/{year}"
OBJECTION_NUMBER = "{sequence:04d}/KEB/{code}/{year}"


def request_counter_key(satker, year: int) -> str:
    return f"inforequest:{satker.code}:{year}"


def objection_counter_key(satker, year: int) -> str:
    return f"objection:{satker.code}:{year}"


def next_request_number(satker, year: int) -> tuple[int, str]:
    """(sequence, number) for a new request; call inside ``transaction.atomic``."""
    sequence = next_number(request_counter_key(satker, year))
    return sequence, REQUEST_NUMBER.format(sequence=sequence, code=satker.code, year=year)


def request_number_holding(placeholder: str, satker, year: int) -> str:
    """The number of a request with ``placeholder`` where its sequence goes: text that mentions
    the number (the receipt, the timeline) is written before the sequence is drawn and the
    placeholder replaced with ``f"{sequence:04d}"`` inside the registering transaction."""
    return REQUEST_NUMBER.replace("{sequence:04d}", "{sequence}").format(
        sequence=placeholder, code=satker.code, year=year)


def next_objection_number(satker, year: int) -> tuple[int, str]:
    """(sequence, number) for a new objection; call inside ``transaction.atomic``."""
    sequence = next_number(objection_counter_key(satker, year))
    return sequence, OBJECTION_NUMBER.format(sequence=sequence, code=satker.code, year=year)


def number_to_slug(number: str) -> str:
    """``0001/PPID/33.20/2026`` → ``0001-PPID-33.20-2026`` (satker codes never hold "-")."""
    return number.replace("/", "-")


def slug_to_number(slug: str) -> str:
    """The inverse of ``number_to_slug``."""
    return (slug or "").strip().replace("-", "/")
