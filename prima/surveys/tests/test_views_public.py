"""The public questionnaire by link, QR code, invitation and kiosk; the results page."""

import json

from django.urls import reverse

from prima.surveys import services
from prima.surveys.choices import ServiceKey
from prima.surveys.models import Response

from .factories import answers, guarded


def test_the_questionnaire_shows_the_nine_elements_and_exact_labels(client, current_survey):
    page = client.get(reverse("surveys:public-form", args=[current_survey.public_key]))
    assert page.status_code == 200
    text = page.content.decode()
    for label in ("Tidak sopan dan ramah", "Ada tetapi tidak berfungsi", "Gratis",
                  "Sangat kompeten", "Penanganan Pengaduan, Saran dan Masukan"):
        assert label in text
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_the_questionnaire_in_english(client, current_survey, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("surveys:public-form", args=[current_survey.public_key]))
    assert "Very polite and friendly" in page.content.decode()


def test_a_link_response_is_counted(client, current_survey):
    url = reverse("surveys:public-form", args=[current_survey.public_key])
    response = client.post(url, guarded(answers(4)))
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.channel == "link"


def test_the_qr_code_link_records_its_channel(client, current_survey):
    url = reverse("surveys:public-form", args=[current_survey.public_key]) + "?kanal=qr"
    client.post(url, guarded(answers(3)))
    assert Response.objects.get().channel == "kiosk"


def test_an_answer_of_5_gets_a_clear_message(client, current_survey):
    url = reverse("surveys:public-form", args=[current_survey.public_key])
    response = client.post(url, guarded(answers(4, u2="5")))
    assert response.status_code == 400
    assert "Jawaban unsur U2 harus bernilai 1 sampai 4." in response.content.decode()
    assert not Response.objects.exists()


def test_a_missing_element_gets_a_clear_message(client, current_survey):
    data = answers(4)
    del data["u9"]
    response = client.post(reverse("surveys:public-form", args=[current_survey.public_key]),
                           guarded(data))
    assert "Unsur U9 (Penanganan Pengaduan, Saran dan Masukan) wajib dijawab." in \
        response.content.decode()
    assert not Response.objects.exists()


def test_a_bot_filling_the_honeypot_is_refused(client, current_survey):
    data = {**guarded(answers(4)), "website": "http://spam"}
    response = client.post(reverse("surveys:public-form", args=[current_survey.public_key]),
                           data)
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_closed_survey_says_so(client, current_survey, people):
    services.close_survey(survey=current_survey, actor=people.head)
    url = reverse("surveys:public-form", args=[current_survey.public_key])
    response = client.post(url, guarded(answers(4)))
    assert response.status_code == 410
    assert "tidak sedang dibuka" in response.content.decode()
    assert not Response.objects.exists()


def test_an_invitation_is_used_once(client, current_survey):
    _inv, token = services.create_invitation(survey=current_survey,
                                             service=ServiceKey.INFORMATION_REQUEST)
    url = reverse("surveys:public-invitation", args=[current_survey.public_key, token])
    assert client.get(url).status_code == 200
    assert client.post(url, guarded(answers(4))).status_code == 302
    replay = client.post(url, guarded(answers(1)))
    assert replay.status_code == 410
    assert "sudah digunakan" in replay.content.decode()
    assert Response.objects.get().channel == "invitation"
    bad = reverse("surveys:public-invitation", args=[current_survey.public_key, "palsu"])
    assert client.get(bad).status_code == 404


def test_a_kiosk_queue_sent_twice_stores_each_response_once(client, current_survey):
    url = reverse("surveys:public-kiosk-submit", args=[current_survey.public_key])
    queue = [{"idempotency_key": f"00000000-0000-4000-8000-00000000000{i}",
              "answers": answers(i + 1)} for i in range(3)]
    for _attempt in range(2):
        for item in queue:
            response = client.post(url, json.dumps(item), content_type="application/json")
            assert response.status_code in (200, 201)
    assert Response.objects.count() == 3
    assert set(Response.objects.values_list("channel", flat=True)) == {"kiosk"}


def test_a_kiosk_response_with_bad_input_is_refused(client, current_survey):
    url = reverse("surveys:public-kiosk-submit", args=[current_survey.public_key])
    item = {"idempotency_key": "abcdefgh-1", "answers": answers(4, u4="5")}
    response = client.post(url, json.dumps(item), content_type="application/json")
    assert response.status_code == 422
    assert "Jawaban unsur U4 harus bernilai 1 sampai 4." in response.json()["errors"]
    no_key = client.post(url, json.dumps({"answers": answers(4)}),
                         content_type="application/json")
    assert no_key.status_code == 400
    assert client.post(url, "not json", content_type="application/json").status_code == 400
    assert not Response.objects.exists()


def test_the_kiosk_page_loads_its_offline_script(client, current_survey):
    page = client.get(reverse("surveys:public-kiosk", args=[current_survey.public_key]))
    assert page.status_code == 200
    assert "surveys/kiosk" in page.content.decode()


def test_the_results_page_and_satker_section(client, current_survey):
    services.submit_response(survey=current_survey, data=answers(4), channel="link")
    page = client.get(reverse("surveys:public-results", args=["33.20"]))
    assert page.status_code == 200
    assert "100,00" in page.content.decode()  # Indonesian decimal comma
    satker_page = client.get(reverse("organisations:satker-detail", args=["33.20"]))
    text = satker_page.content.decode()
    assert "Indeks kepuasan masyarakat" in text
    assert reverse("surveys:public-results", args=["33.20"]) in text


def test_the_kiosk_service_worker_is_served_in_its_scope(client, current_survey):
    url = reverse("surveys:public-kiosk-worker", args=[current_survey.public_key])
    assert url.startswith(reverse("surveys:public-kiosk", args=[current_survey.public_key]))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert b"caches.open" in response.content


def test_results_page_queries_do_not_grow(client, tree, people, django_assert_max_num_queries):
    from .factories import bulk_responses, make_survey

    for quarter in (1, 2, 3, 4):
        survey = make_survey(tree.jepara, people.head, year=2020, quarter=quarter)
        bulk_responses(survey, [(3,) * 9, (4,) * 9])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("surveys:public-results", args=["33.20"]))
    assert page.status_code == 200
    assert "Triwulan IV 2020" in page.content.decode()
