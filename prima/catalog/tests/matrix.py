"""Matrix rows of the catalog's staff pages: the officer is Jepara's PPID.

Purpose.CATALOG: every role of the satker and the evaluators above read (drafts included); the
satker's admin, head, secretary and PPID write, and the system administrator everywhere.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from prima.catalog import services
from prima.catalog.choices import WALIDATA, DatasetStatus
from prima.catalog.tests.factories import TPS_CSV, publishes_directly, table_resource
from prima.organisations.tests.factories import member
from tests.permission_matrix import MANAGERS, STAFF, THIS_SATKER, Case, add, objects

JEPARA = "33.20"
PPID = "ppid"
DRAFT_TITLE = "Rekap Partisipasi Draf Jepara"
# Readers of a Jepara dataset of any status: its people, the evaluator of Jawa Tengah, the
# system administrator.
READERS = THIS_SATKER | {"evaluator"}
# Writers of Jepara: PPID (officer), admin, system administrator.
WRITERS = MANAGERS
# Anyone who writes the catalog somewhere (the create page lists their own satkers).
WRITERS_ANYWHERE = WRITERS | {"other_admin"}


@objects
def catalog_objects(ctx):
    """A draft dataset of Jepara with one tabular resource whose first version is ingested and
    waits for the schema review."""
    ctx.dataset = services.create_dataset(
        satker=ctx.tree.jepara, actor=ctx.people.ppid, title=DRAFT_TITLE,
        description="Partisipasi pemilih per kecamatan.")
    ctx.resource, ctx.version = table_resource(ctx.dataset, ctx.people.ppid, publish=False)
    assert ctx.version.status == "review", ctx.version.problems
    # The walidata of Jawa Tengah (the province above) reviews Jepara's datasets; the rows of
    # the review pages play it as "officer".
    ctx.people.walidata = member(ctx.tree.jateng, WALIDATA, full_name="Walidata Jateng")


def no_args(ctx):
    return []


def dataset_args(ctx):
    return [ctx.dataset.slug]


def resource_args(ctx):
    return [ctx.dataset.slug, ctx.resource.slug]


def version_args(ctx):
    return [ctx.dataset.slug, ctx.resource.slug, ctx.version.number]


def publish_version(ctx):
    services.publish_version(version=ctx.version, actor=ctx.people.ppid)


def publish_directly(ctx):
    """Jepara publishes without the walidata (its writers publish themselves)."""
    publishes_directly(ctx.tree.jepara)
    publish_version(ctx)


def publish_dataset(ctx):
    publish_directly(ctx)
    ctx.dataset = services.publish_dataset(dataset=ctx.dataset, actor=ctx.people.ppid)


def submit_dataset(ctx):
    ctx.dataset.refresh_from_db()
    if ctx.dataset.status == DatasetStatus.DRAFT:
        ctx.dataset = services.submit_for_review(dataset=ctx.dataset, actor=ctx.people.ppid)


def dictionary_data(ctx):
    """The data dictionary form: a definition for every column, kode_desa a region code."""
    data = {}
    for i, column in enumerate(ctx.version.schema):
        data[f"k{i}-definition"] = f"Definisi {column['name']}"
        data[f"k{i}-access"] = "public"
        data[f"k{i}-reference"] = "wilayah" if column["name"] == "kode_desa" else ""
    return data


def indicator_data(ctx):
    return {"ind-TOTAL_FORMS": "1", "ind-INITIAL_FORMS": "0", "ind-MIN_NUM_FORMS": "0",
            "ind-MAX_NUM_FORMS": "50", "ind-0-name": "Tingkat partisipasi pemilih",
            "ind-0-definition": "Persentase pemilih yang memberikan suara.",
            "ind-0-formula": "suara sah dan tidak sah / DPT x 100", "ind-0-unit": "persen",
            "ind-0-frequency": "per_election"}


def dataset_data(ctx):
    return {
        "satker": ctx.tree.jepara.pk,
        "title": "Daftar TPS Pemilu 2024",
        "description": "Lokasi TPS di Kabupaten Jepara.",
        "tags_text": "tps, pemilu 2024",
        "licence": "CC-BY-4.0",
        "update_frequency": "per_election",
        "temporal_start": "",
        "temporal_end": "",
        "spatial_code": JEPARA,
        "contact_name": "PPID Jepara",
        "contact_email": "ppid@jepara.test",
        "source": "",
        "activity_name": "",
        "activity_organiser": "",
        "activity_purpose": "",
        "activity_method": "",
        "quality_assurance": "",
        "data_standard": "",
    }


def dataset_edit_data(ctx):
    data = dataset_data(ctx)
    del data["satker"]
    data["title"] = "Rekap Partisipasi (diubah)"
    return data


def csv_upload(name="tps.csv"):
    return SimpleUploadedFile(name, TPS_CSV.encode(), "text/csv")


def schema_data(ctx):
    """The schema review form with the detected columns, one label changed."""
    columns = ctx.version.schema
    data = {"kolom-TOTAL_FORMS": str(len(columns)), "kolom-INITIAL_FORMS": str(len(columns))}
    for i, column in enumerate(columns):
        data[f"kolom-{i}-name"] = column["name"]
        data[f"kolom-{i}-label"] = "Jumlah DPT" if column["name"] == "dpt" else (
            column.get("label") or column["name"])
        data[f"kolom-{i}-type"] = column["type"]
        data[f"kolom-{i}-description"] = ""
        if column.get("is_code"):
            data[f"kolom-{i}-is_code"] = "on"
    return data


add(
    Case(
        "catalog-datasets",
        "catalog:staff-datasets",
        no_args,
        STAFF,
        officer=PPID,
        private_text=lambda ctx: DRAFT_TITLE,
        shown_to=READERS,
    ),
    Case("catalog-dataset-create", "catalog:staff-dataset-create", no_args, WRITERS_ANYWHERE,
         officer=PPID),
    Case(
        "catalog-dataset-create-post",
        "catalog:staff-dataset-create",
        no_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=dataset_data,
        # Kudus' admin may create datasets, but Jepara is not among the form's satkers.
        denial_may_be_form_error=True,
    ),
    Case("catalog-dataset", "catalog:staff-dataset", dataset_args, READERS, officer=PPID),
    Case("catalog-dataset-edit", "catalog:staff-dataset-edit", dataset_args, WRITERS,
         officer=PPID),
    Case(
        "catalog-dataset-edit-post",
        "catalog:staff-dataset-edit",
        dataset_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=dataset_edit_data,
    ),
    Case(
        "catalog-dataset-publish",
        "catalog:staff-dataset-publish",
        dataset_args,
        WRITERS,
        officer=PPID,
        method="post",
        setup=publish_directly,
        data=lambda ctx: {},
    ),
    Case(
        "catalog-dataset-withdraw",
        "catalog:staff-dataset-withdraw",
        dataset_args,
        WRITERS,
        officer=PPID,
        method="post",
        setup=publish_dataset,
        data=lambda ctx: {},
    ),
    Case(
        "catalog-dataset-submit",
        "catalog:staff-dataset-submit",
        dataset_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {},
    ),
    Case(
        "catalog-resource-create",
        "catalog:staff-resource-create",
        dataset_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "name": "Portal hasil pemilu",
            "description": "",
            "url": "https://pemilu2024.kpu.go.id/",
            "key_column": "",
            "number_format": "international",
        },
    ),
    Case("catalog-resource", "catalog:staff-resource", resource_args, READERS, officer=PPID),
    Case(
        "catalog-resource-edit",
        "catalog:staff-resource-edit",
        resource_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {
            "name": "Hasil per TPS (diubah)",
            "description": "Perolehan suara per TPS.",
            "key_column": "no_tps",
            "number_format": "international",
        },
    ),
    Case(
        "catalog-version-upload",
        "catalog:staff-version-upload",
        resource_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {"upload": csv_upload("tps-v2.csv")},
        files=True,
    ),
    Case("catalog-version", "catalog:staff-version", version_args, READERS, officer=PPID),
    Case(
        "catalog-version-review",
        "catalog:staff-version",
        version_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=schema_data,
    ),
    Case("catalog-version-status", "catalog:staff-version-status", version_args, READERS,
         officer=PPID),
    Case(
        "catalog-version-publish",
        "catalog:staff-version-publish",
        version_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {},
    ),
    Case(
        "catalog-version-discard",
        "catalog:staff-version-discard",
        version_args,
        WRITERS,
        officer=PPID,
        method="post",
        data=lambda ctx: {},
    ),
    Case("catalog-version-download", "catalog:staff-version-download", version_args, READERS,
         officer=PPID),
)

# Satu Data: the walidata (of the province above) reviews; the producer fills the metadata.
REVIEWERS = frozenset({"officer", "system_admin"})

add(
    Case("catalog-review-queue", "catalog:staff-review-queue", no_args, REVIEWERS,
         officer="walidata"),
    Case("catalog-setting", "catalog:staff-catalog-setting", lambda ctx: [JEPARA], REVIEWERS,
         officer="walidata"),
    Case("catalog-setting-post", "catalog:staff-catalog-setting", lambda ctx: [JEPARA],
         REVIEWERS, officer="walidata", method="post",
         data=lambda ctx: {"review_required": "no"}),
    Case("catalog-dataset-review", "catalog:staff-dataset-review", dataset_args, REVIEWERS,
         officer="walidata", setup=submit_dataset),
    Case("catalog-dataset-review-post", "catalog:staff-dataset-review", dataset_args,
         REVIEWERS, officer="walidata", method="post", setup=submit_dataset,
         data=lambda ctx: {"decision": "return", "note": "Lengkapi metadata kegiatan."}),
    Case("catalog-dataset-indicators", "catalog:staff-dataset-indicators", dataset_args,
         WRITERS, officer=PPID),
    Case("catalog-dataset-indicators-post", "catalog:staff-dataset-indicators", dataset_args,
         WRITERS, officer=PPID, method="post", data=indicator_data),
    Case("catalog-resource-dictionary", "catalog:staff-resource-dictionary", resource_args,
         WRITERS, officer=PPID),
    Case("catalog-resource-dictionary-post", "catalog:staff-resource-dictionary",
         resource_args, WRITERS, officer=PPID, method="post", data=dictionary_data),
)
