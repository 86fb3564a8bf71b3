"""Staff catalog URLs (included by ``catalog.urls``, app "catalog")."""

from django.urls import path

from . import views_staff as views

DATASET = "staf/katalog/<slug:slug>/"
RESOURCE = DATASET + "sumber/<slug:resource_slug>/"
VERSION = RESOURCE + "versi/<int:number>/"

urlpatterns = [
    path("staf/katalog/", views.dataset_list, name="staff-datasets"),
    path("staf/katalog/baru/", views.dataset_create, name="staff-dataset-create"),
    path(DATASET, views.dataset_detail, name="staff-dataset"),
    path(DATASET + "ubah/", views.dataset_edit, name="staff-dataset-edit"),
    path(DATASET + "terbitkan/", views.dataset_transition, {"action": "publish"},
         name="staff-dataset-publish"),
    path(DATASET + "tarik/", views.dataset_transition, {"action": "withdraw"},
         name="staff-dataset-withdraw"),
    path(DATASET + "ajukan/", views.dataset_transition, {"action": "submit"},
         name="staff-dataset-submit"),
    path(DATASET + "sumber/baru/", views.resource_create, name="staff-resource-create"),
    path(RESOURCE, views.resource_detail, name="staff-resource"),
    path(RESOURCE + "ubah/", views.resource_edit, name="staff-resource-edit"),
    path(RESOURCE + "unggah/", views.version_upload, name="staff-version-upload"),
    path(VERSION, views.version_detail, name="staff-version"),
    path(VERSION + "status/", views.version_status, name="staff-version-status"),
    path(VERSION + "terbitkan/", views.version_action, {"action": "publish"},
         name="staff-version-publish"),
    path(VERSION + "buang/", views.version_action, {"action": "discard"},
         name="staff-version-discard"),
    path(VERSION + "unduh/", views.version_download, name="staff-version-download"),
]
