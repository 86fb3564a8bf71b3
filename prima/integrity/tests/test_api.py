from prima.integrity import services


def test_the_api_verifies_a_code_without_private_data(client, pact, people, sign):
    signature = sign(people.employee, pact, ip_address="10.1.1.1")
    response = client.get(f"/api/v1/integritas/verifikasi/{signature.display_code}")
    assert response.status_code == 200
    data = response.json()
    assert (data["kind"], data["valid"], data["signer_name"], data["satker_code"]) == (
        "signature", True, "Pegawai Jepara", "33.20")
    assert "10.1.1.1" not in response.content.decode()
    assert people.employee.email not in response.content.decode()
    assert client.get("/api/v1/integritas/verifikasi/XXXX").status_code == 404


def test_the_api_verifies_a_list_and_gives_completion(client, pact, tree, people, sign):
    sign(people.employee, pact)
    roster = services.issue_roster(satker=tree.jepara, version=pact, actor=people.admin)
    data = client.get(f"/api/v1/integritas/verifikasi/{roster.code}").json()
    assert (data["kind"], data["valid"], data["signatures"]) == ("roster", True, 1)
    data = client.get("/api/v1/integritas/satker/33").json()
    assert (data["active"], data["signed"]) == (10, 1)
    assert client.get("/api/v1/integritas/satker/99.99").status_code == 404
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/integritas/verifikasi/{code}" in paths
