"""English translation: the committed catalogue is complete, and the language switch works."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

EN_PO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: flags, msgid, msgid_plural and every msgstr, unescaped."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}}
        field = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = _unquote(line)
                if isinstance(field, tuple):
                    entry["msgstr"][field[1]] += value
                else:
                    entry[field] += value
            else:
                keyword, _, rest = line.partition(" ")
                value = _unquote(rest)
                if keyword.startswith("msgstr"):
                    field = ("msgstr", keyword)
                    entry["msgstr"][keyword] = value
                else:
                    field = keyword
                    entry[keyword] = value
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


ENTRIES = [e for e in parse_po(EN_PO) if e["msgid"] != ""]


def test_english_catalogue_is_parsed():
    assert len(ENTRIES) > 600
    assert any(e["msgid"] == "Satuan kerja" for e in ENTRIES)


def translation_problems(entries: list[dict]) -> list[str]:
    """Why each entry is not a finished translation: fuzzy, missing forms, empty, broken markup."""
    problems = []
    for entry in entries:
        msgid = entry["msgid"]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {msgid!r}")
        expected_forms = {"msgstr[0]", "msgstr[1]"} if entry["msgid_plural"] else {"msgstr"}
        if set(entry["msgstr"]) != expected_forms:
            problems.append(f"forms {sorted(entry['msgstr'])}: {msgid!r}")
        source = msgid + " " + (entry["msgid_plural"] or "")
        for form, text in entry["msgstr"].items():
            if not text.strip():
                problems.append(f"empty {form}: {msgid!r}")
            # Placeholders and markup must survive translation unchanged.
            elif set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(source)):
                problems.append(f"placeholders in {form}: {msgid!r}")
    return problems


def test_every_english_msgid_has_a_reviewed_translation():
    assert translation_problems(ENTRIES) == []


def test_problems_are_detected(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        '#, fuzzy, python-format\nmsgid "Halo %(name)s"\nmsgstr "Hello %(nama)s"\n\n'
        'msgid "Kosong"\nmsgstr ""\n\n'
        'msgid "%(n)s berkas"\nmsgid_plural "%(n)s berkas"\nmsgstr[0] "%(n)s file"\n'
        'msgstr[1] ""\n"%(n)s files"\n',
        encoding="utf-8",
    )

    assert translation_problems(parse_po(po)) == [
        "fuzzy: 'Halo %(name)s'",
        "placeholders in msgstr: 'Halo %(name)s'",
        "empty msgstr: 'Kosong'",
    ]


def test_header_declares_english_with_two_plural_forms():
    header = next(e for e in parse_po(EN_PO) if e["msgid"] == "")["msgstr"]["msgstr"]
    assert "Language: en\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header
    assert "fuzzy" not in next(e for e in parse_po(EN_PO) if e["msgid"] == "")["flags"]


def test_compiled_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Satuan kerja") == "Work units"
        assert translation.gettext("Ruang kerja") == "Workspace"
        assert translation.ngettext("%(n)s dokumen", "%(n)s dokumen", 2) == "%(n)s documents"


@pytest.mark.parametrize("url_name", ["core:home", "accounts:login"])
def test_pages_in_english_say_sign_in(client, tree, url_name):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(reverse(url_name)).content.decode()

    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Masuk" not in html


@pytest.mark.parametrize("url_name", ["core:home", "accounts:login"])
def test_indonesian_is_the_default_language(client, tree, url_name):
    html = client.get(reverse(url_name)).content.decode()

    assert '<html lang="id">' in html
    assert "Masuk" in html
    assert "Sign in" not in html


def test_set_language_switches_to_english(client, tree):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Sign in" in client.get("/").content.decode()


def test_every_app_catalogue_has_reviewed_translations():
    """Apps keep their own English catalogue (``prima/<app>/locale``); each one is finished."""
    catalogues = sorted(Path(settings.BASE_DIR).glob("*/locale/en/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 5
    problems = {str(path.relative_to(settings.BASE_DIR)): translation_problems(
        [e for e in parse_po(path) if e["msgid"] != ""]) for path in catalogues}
    assert {path: found for path, found in problems.items() if found} == {}
