def test_api_root_answers_an_index_not_a_404(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    body = response.json()
    assert body["openapi"].endswith("/api/v1/openapi.json")
    assert body["site"] == "http://testserver/"
    assert any(url.endswith("/api/v1/informasi/") for url in body["endpoints"])
    assert client.get(body["openapi"].replace("http://testserver", "")).status_code == 200


def test_api_docs_link_back_to_the_site(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "[Kembali ke situs Prima](/)" in schema["info"]["description"]
    assert "/api/v1/" not in schema["paths"]  # the index is for people, not the contract
