"""Catalog URLs (app "catalog"): the DCAT harvesting feeds, the public pages and the staff
pages. The CKAN Action API has its own namespace ("ckan", ``ckan/urls.py``)."""

from django.urls import path

from .dcat import dcat_urlpatterns
from .views import datasets, exports, public, resources, satudata, versions

app_name = "catalog"

DATASET = "data/<slug:slug>/"
RESOURCE = DATASET + "<slug:resource_slug>"
STAFF_DATASET = "staf/katalog/<slug:slug>/"
STAFF_RESOURCE = STAFF_DATASET + "sumber/<slug:resource_slug>/"
STAFF_VERSION = STAFF_RESOURCE + "versi/<int:number>/"

urlpatterns = [
    *dcat_urlpatterns,
    # Public pages.
    path("data/", public.search, name="search"),
    path(DATASET, public.dataset_detail, name="dataset-detail"),
    path(RESOURCE + ".json", public.resource_table_json, name="resource-table-json"),
    path(RESOURCE + ".csv", public.resource_table_csv, name="resource-table-csv"),
    path(RESOURCE + "/", public.resource_table, name="resource-table"),
    path(RESOURCE + "/ekspor.<str:fmt>", public.resource_export, name="resource-export"),
    path(RESOURCE + "/unduh/", public.resource_download, name="resource-download"),
    path(RESOURCE + "/kamus-data.csv", satudata.dictionary_csv, name="resource-dictionary-csv"),
    path("ekspor-data/<str:token>/", exports.export_status, name="export-status"),
    path("ekspor-data/<str:token>/unduh/", exports.export_download, name="export-download"),
    path(RESOURCE + "/unduh/v<int:number>/", public.resource_download,
         name="resource-download-version"),
    # Staff pages: datasets.
    path("staf/katalog/", datasets.dataset_list, name="staff-datasets"),
    path("staf/katalog/baru/", datasets.dataset_create, name="staff-dataset-create"),
    path("staf/katalog/periksa/", satudata.review_queue, name="staff-review-queue"),
    path("staf/katalog/satker/<str:code>/pengaturan/", satudata.satker_setting,
         name="staff-catalog-setting"),
    path(STAFF_DATASET, datasets.dataset_detail, name="staff-dataset"),
    path(STAFF_DATASET + "ubah/", datasets.dataset_edit, name="staff-dataset-edit"),
    path(STAFF_DATASET + "terbitkan/", datasets.dataset_transition, {"action": "publish"},
         name="staff-dataset-publish"),
    path(STAFF_DATASET + "tarik/", datasets.dataset_transition, {"action": "withdraw"},
         name="staff-dataset-withdraw"),
    path(STAFF_DATASET + "ajukan/", datasets.dataset_transition, {"action": "submit"},
         name="staff-dataset-submit"),
    # Staff pages: Satu Data (walidata review, data dictionary, indicator metadata).
    path(STAFF_DATASET + "periksa/", satudata.dataset_review, name="staff-dataset-review"),
    path(STAFF_DATASET + "indikator/", satudata.dataset_indicators,
         name="staff-dataset-indicators"),
    path(STAFF_RESOURCE + "kamus/", satudata.resource_dictionary,
         name="staff-resource-dictionary"),
    # Staff pages: resources.
    path(STAFF_DATASET + "sumber/baru/", resources.resource_create,
         name="staff-resource-create"),
    path(STAFF_RESOURCE, resources.resource_detail, name="staff-resource"),
    path(STAFF_RESOURCE + "ubah/", resources.resource_edit, name="staff-resource-edit"),
    path(STAFF_RESOURCE + "unggah/", resources.version_upload, name="staff-version-upload"),
    # Staff pages: versions.
    path(STAFF_VERSION, versions.version_detail, name="staff-version"),
    path(STAFF_VERSION + "status/", versions.version_status, name="staff-version-status"),
    path(STAFF_VERSION + "terbitkan/", versions.version_action, {"action": "publish"},
         name="staff-version-publish"),
    path(STAFF_VERSION + "buang/", versions.version_action, {"action": "discard"},
         name="staff-version-discard"),
    path(STAFF_VERSION + "unduh/", versions.version_download, name="staff-version-download"),
]
