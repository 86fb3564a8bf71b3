"""Public verification of a printed pact or collective list: the code on the PDF finds the
record, and its hashes are computed again from what the database holds now."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Roster, Signature, normalise_code


@dataclass
class Verification:
    """The outcome: what the code refers to and whether every recomputed hash matches."""

    kind: str = ""  # "signature", "roster" or "" (no such code)
    record: object = None
    valid: bool = False
    problems: list[str] = field(default_factory=list)
    signatures: list = field(default_factory=list)  # of a roster, in print order


def verify(code: str) -> Verification:
    code = normalise_code(code)
    if not code:
        return Verification()
    signature = (Signature.objects.select_related("version", "satker")
                 .filter(code=code).first())
    if signature is not None:
        return _signature_result(signature)
    roster = Roster.objects.select_related("version", "satker").filter(code=code).first()
    if roster is not None:
        return _roster_result(roster)
    return Verification()


def _signature_problems(signature) -> list[str]:
    problems = []
    if signature.version.computed_sha256() != signature.text_sha256:
        problems.append("text")
    if signature.computed_digest() != signature.digest:
        problems.append("signature")
    return problems


def _signature_result(signature) -> Verification:
    problems = _signature_problems(signature)
    return Verification("signature", signature, not problems, problems)


def _roster_result(roster) -> Verification:
    problems = []
    pks = [pk for pk, _digest in roster.entries]
    found = {s.pk: s for s in Signature.objects.select_related("version", "satker")
             .filter(pk__in=pks)}
    signatures = []
    for pk, digest in roster.entries:
        signature = found.get(pk)
        if signature is None or signature.digest != digest or _signature_problems(signature):
            problems.append(f"entry:{pk}")
        if signature is not None:
            signatures.append(signature)
    expected = Roster.digest_of(satker_code=roster.satker.code, version_id=roster.version_id,
                                entries=roster.entries, issued_at=roster.issued_at)
    if expected != roster.digest:
        problems.append("roster")
    return Verification("roster", roster, not problems, problems, signatures)
