"""The main navigation is reversed once per process, and follows the language and a new
discovery of capabilities (issue 13)."""

from django.urls import reverse
from django.utils import translation

from prima.core import context_processors
from prima.core.registry import registry


def test_navigation_urls_are_reversed_once(monkeypatch):
    first = context_processors.navigation()
    assert [url for _label, url in first] == [reverse(e.url_name) for e in registry.nav()]
    calls = []
    monkeypatch.setattr(context_processors, "reverse", lambda name: calls.append(name) or "/")
    assert context_processors.navigation() is first
    assert calls == []


def test_labels_follow_the_language():
    with translation.override("en"):
        english = [str(label) for label, _url in context_processors.navigation()]
    indonesian = [str(label) for label, _url in context_processors.navigation()]
    assert len(english) == len(indonesian)
    assert english != indonesian


def test_a_new_discovery_builds_the_navigation_again():
    first = context_processors.navigation()
    registry.reset()
    second = context_processors.navigation()
    assert second is not first
    assert second == first
