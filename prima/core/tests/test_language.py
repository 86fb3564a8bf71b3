def test_indonesian_even_when_the_browser_prefers_english(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="id">' in response.text
    assert response["Content-Language"] == "id"


def test_the_language_switch_gives_english(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id")
    assert '<html lang="en">' in response.text


def test_an_unknown_language_cookie_falls_back_to_indonesian(client, db):
    client.cookies["django_language"] = "fr"
    assert '<html lang="id">' in client.get("/").text
