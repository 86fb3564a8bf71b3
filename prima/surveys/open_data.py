"""The IKM results of a satker as an open dataset in the catalog (CKAN/DCAT through
prima.catalog): a published dataset whose resource links to the satker's live IKM table
(``public-results-csv``), so the data stays current without a new upload. Created through the
catalog's services (with the actor's catalog permission) when a survey is closed."""

from __future__ import annotations

import csv
import io
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from . import ikm
from .choices import ServiceKey, SurveyStatus
from .elements import ELEMENTS
from .models import Response, Survey

logger = logging.getLogger(__name__)
ALL_SERVICES = "semua"


def results_rows(satker) -> list[list]:
    """Per published survey (not drafts): the unit's row and one row per service, in two
    grouped queries."""
    surveys = list(Survey.objects.filter(satker=satker, is_published=True)
                   .exclude(status=SurveyStatus.DRAFT).order_by("year", "period_number", "id"))
    responses = Response.objects.filter(survey__in=surveys)
    overall = ikm.compute_by(responses, "survey")
    per_service: dict = {}
    rows = (responses.order_by().values("survey", "service").annotate(**ikm.aggregates()))
    for row in rows:
        per_service[(row["survey"], row["service"])] = ikm.Result.from_totals(row)
    labels = dict(ServiceKey.choices)
    result = []
    for survey in surveys:
        for service, figure in [(ALL_SERVICES, overall.get(survey.pk)),
                                *[(key, per_service.get((survey.pk, key)))
                                  for key in survey.services]]:
            if figure is None:
                continue
            nrr = figure.nrr_100()
            result.append([
                satker.code, satker.name, survey.year, survey.period_kind,
                survey.period_number, service,
                "" if service == ALL_SERVICES else str(labels.get(service, service)),
                figure.n, figure.ikm_display, figure.category,
                *[ikm.display(nrr[e.code]) for e in ELEMENTS]])
    return result


HEADER = ["kode_satker", "nama_satker", "tahun", "jenis_periode", "periode", "kode_layanan",
          "layanan", "responden", "ikm", "mutu_pelayanan",
          *[f"nrr_{e.code.lower()}" for e in ELEMENTS]]


def results_csv(satker) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(results_rows(satker))
    return buffer.getvalue()


def _publish_or_submit(catalog, dataset, actor):
    """Publish, or, where the satker publishes through its walidata (Satu Data), submit the
    dataset for the walidata's check (it is published when the walidata accepts it)."""
    from prima.catalog import satudata
    from prima.catalog.choices import DatasetStatus
    from prima.catalog.policies import is_walidata_for

    if satudata.review_required(dataset.satker) and not is_walidata_for(actor, dataset.satker):
        if dataset.status in (DatasetStatus.DRAFT, DatasetStatus.WITHDRAWN):
            return catalog.submit_for_review(dataset=dataset, actor=actor)
        return dataset  # already waiting for the walidata
    return catalog.publish_dataset(dataset=dataset, actor=actor)


def publish_open_data(*, satker, actor):
    """Create (once) and publish the satker's IKM dataset; ``None`` when the actor may not
    write the satker's catalog. Idempotent: the dataset is found by its resource's link."""
    from prima.catalog import services as catalog
    from prima.catalog.choices import DatasetStatus
    from prima.catalog.models import Dataset

    url = settings.PRIMA_BASE_URL + reverse("surveys:public-results-csv", args=[satker.code])
    dataset = Dataset.objects.filter(satker=satker, resources__url=url).first()
    try:
        with transaction.atomic():
            if dataset is None:
                dataset = catalog.create_dataset(
                    satker=satker, actor=actor,
                    title=f"Indeks Kepuasan Masyarakat {satker.name}",
                    description=("Hasil survei kepuasan masyarakat (PermenPANRB 14/2017): IKM, "
                                 "mutu pelayanan dan NRR sembilan unsur per periode dan per "
                                 "layanan."),
                    update_frequency="quarterly", tags="ikm, skm, survei kepuasan",
                    source=satker.name, activity_name="Survei kepuasan masyarakat",
                    activity_method="Kuesioner sembilan unsur (tautan, kode QR/kios, undangan, "
                                    "kertas)")
                catalog.add_resource(dataset=dataset, actor=actor,
                                     name="IKM per periode dan layanan (CSV)", url=url)
            if dataset.status != DatasetStatus.PUBLISHED:
                dataset = _publish_or_submit(catalog, dataset, actor)
    except (PermissionDenied, ValidationError) as exc:
        logger.warning("IKM dataset of %s not published: %s", satker.code, exc)
        return None
    return dataset
