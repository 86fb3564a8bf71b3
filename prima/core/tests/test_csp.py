"""Content-Security-Policy: a strict policy on every page, and templates that need nothing
inline (no <script> blocks, no on* handler attributes, no style attributes)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from prima.core import charts

PRIMA = Path(settings.BASE_DIR)
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"),
     "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "on* handler attribute"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style attribute"),
    (re.compile(r"<style[\s>]", re.IGNORECASE), "<style> block"),
]


@pytest.mark.parametrize("url", ["/", "/informasi/33.20/ajukan/", "/api/v1/informasi/register"])
def test_every_answer_carries_the_strict_policy(client, tree, url):
    policy = client.get(url)["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_templates_have_nothing_inline():
    found = []
    for template in sorted(PRIMA.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{template.relative_to(PRIMA)}:{line}: {what}")
    assert found == []


def test_charts_carry_no_style_attribute():
    assert " style=" not in str(charts.bar_chart("Uji", [("A", 1), ("B", 2)]))
