"""The Content-Security-Policy breaks nothing: pages load in Chromium without a single CSP
violation or console error (the home page, the request form, a page with charts)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Counts every violation the browser reports, whether or not it also logs it.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.mark.parametrize(("url", "heading"), [
    ("/", None),
    ("/informasi/33.20/ajukan/", "Permohonan informasi kepada KPU Kabupaten Jepara"),
    ("/laporan/informasi/", None),
])
def test_page_loads_without_csp_violations(page, tree, url, heading):
    errors = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_VIOLATIONS)

    response = page.goto(url)

    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    if heading:
        expect(page.locator("h1")).to_contain_text(heading)
    page.wait_for_load_state("load")
    # htmx loaded from our own origin and ran (a blocked script would leave it undefined).
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []


def test_the_policy_is_enforced_and_violations_are_seen(page, tree):
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto("/")

    page.evaluate("""document.body.insertAdjacentHTML(
        "beforeend", '<div id="x" style="color: rgb(255, 0, 0)"></div>')""")
    page.wait_for_function("window.__cspViolations.length > 0")

    assert page.evaluate("getComputedStyle(document.getElementById('x')).color") \
        != "rgb(255, 0, 0)"
    assert page.evaluate("window.__cspViolations")[0].startswith("style-src")


def test_api_docs_render_under_the_policy(page, tree):
    errors = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.add_init_script(WATCH_VIOLATIONS)

    assert page.goto("/api/v1/docs").status == 200
    expect(page.get_by_text("Prima API").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
