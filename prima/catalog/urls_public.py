"""Public catalog URLs (included by ``catalog.urls``, app "catalog")."""

from django.urls import path

from . import views_public as views

DATASET = "data/<slug:slug>/"
RESOURCE = DATASET + "<slug:resource_slug>"

urlpatterns = [
    path("data/", views.search, name="search"),
    path(DATASET, views.dataset_detail, name="dataset-detail"),
    path(RESOURCE + ".json", views.resource_table_json, name="resource-table-json"),
    path(RESOURCE + ".csv", views.resource_table_csv, name="resource-table-csv"),
    path(RESOURCE + "/", views.resource_table, name="resource-table"),
    path(RESOURCE + "/ekspor.<str:fmt>", views.resource_export, name="resource-export"),
    path(RESOURCE + "/unduh/", views.resource_download, name="resource-download"),
    path(RESOURCE + "/unduh/v<int:number>/", views.resource_download,
         name="resource-download-version"),
]
