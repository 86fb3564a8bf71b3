"""Responses from every channel: bad input is refused with a clear message and not counted."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from prima.core.models import AuditEvent
from prima.surveys import ikm, services
from prima.surveys.choices import AuditAction, Channel, ServiceKey
from prima.surveys.models import Response

from .factories import answers, make_survey

Q1 = dt.date(2020, 2, 10)


def submit(survey, data, **kwargs):
    kwargs.setdefault("answered_on", Q1)
    kwargs.setdefault("channel", Channel.LINK)
    return services.submit_response(survey=survey, data=data, **kwargs)


def test_a_response_is_stored_with_its_channel_and_period(survey):
    response, created = submit(survey, answers(4))
    assert created
    assert (response.channel, response.year, response.quarter) == ("link", 2020, 1)
    assert response.satker_id == survey.satker_id
    assert ikm.satker_ikm(survey.satker, 2020, 1) == ikm.Decimal("100.00")


@pytest.mark.parametrize(("data", "field", "message"), [
    (answers(4, u3="5"), "u3", "Jawaban unsur U3 harus bernilai 1 sampai 4."),
    (answers(4, u1="0"), "u1", "Jawaban unsur U1 harus bernilai 1 sampai 4."),
    ({k: v for k, v in answers(4).items() if k != "u7"}, "u7",
     "Unsur U7 (Perilaku Pelaksana) wajib dijawab."),
    (answers(4, service="pengaduan"), "service", "Pilih layanan yang Anda terima."),
    (answers(4, age="7"), "age", "Usia harus antara 10 dan 120 tahun."),
    (answers(4, sex="X"), "sex", "Pilih jenis kelamin."),
], ids=["answer-5", "answer-0", "missing-element", "service-not-surveyed", "age", "sex"])
def test_bad_input_is_refused_and_not_counted(survey, data, field, message):
    with pytest.raises(ValidationError) as exc:
        submit(survey, data)
    assert exc.value.message_dict[field] == [message]
    assert Response.objects.count() == 0


def test_a_date_outside_the_period_is_refused(survey):
    with pytest.raises(ValidationError) as exc:
        submit(survey, answers(4), answered_on=dt.date(2020, 5, 1), channel=Channel.PAPER)
    assert "Triwulan I 2020" in exc.value.message_dict["answered_on"][0]
    assert not Response.objects.exists()


def test_a_closed_survey_takes_no_response(survey, people):
    services.close_survey(survey=survey, actor=people.head)
    with pytest.raises(ValidationError, match="tidak sedang dibuka"):
        submit(survey, answers(4))
    assert not Response.objects.exists()


def test_the_same_idempotency_key_stores_once(survey):
    first, created = submit(survey, answers(4), channel=Channel.KIOSK, idempotency_key="k-1")
    again, created_again = submit(survey, answers(2), channel=Channel.KIOSK,
                                  idempotency_key="k-1")
    assert created and not created_again
    assert again.pk == first.pk
    assert Response.objects.count() == 1


def test_an_invitation_counts_once(survey):
    invitation, token = services.create_invitation(survey=survey,
                                                   service=ServiceKey.INFORMATION_REQUEST)
    submit(survey, answers(4), channel=Channel.INVITATION, invitation_token=token)
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    with pytest.raises(ValidationError, match="sudah digunakan"):
        submit(survey, answers(1), channel=Channel.INVITATION, invitation_token=token)
    with pytest.raises(ValidationError, match="tidak dikenal"):
        submit(survey, answers(1), channel=Channel.INVITATION, invitation_token="palsu")
    assert Response.objects.count() == 1
    assert Response.objects.get().channel == "invitation"


def test_a_source_is_invited_once(survey):
    assert services.create_invitation(survey=survey, service="permohonan-informasi",
                                      source="inforequests:1")
    assert services.create_invitation(survey=survey, service="permohonan-informasi",
                                      source="inforequests:1") is None


def test_paper_entry_is_audited(survey, people):
    response, _created = submit(survey, answers(3), channel=Channel.PAPER, actor=people.ppid)
    assert response.entered_by == people.ppid
    assert AuditEvent.objects.filter(action=AuditAction.PAPER_ENTERED).count() == 1


def test_survey_period_must_fit_its_kind(tree, people):
    with pytest.raises(ValidationError) as exc:
        make_survey(tree.jepara, people.head, kind="semester", quarter=3)
    assert "period_number" in exc.value.message_dict


def test_semester_survey_covers_two_quarters(tree, people):
    survey = make_survey(tree.jepara, people.head, kind="semester", quarter=2)
    assert survey.quarters() == (3, 4)
    submit(survey, answers(4), answered_on=dt.date(2020, 11, 1))
    assert ikm.satker_ikm(tree.jepara, 2020, 4) == ikm.Decimal("100.00")
