"""Admin for the catalog's reference lists (topics, licences, tags); datasets and versions are
read-only here: they change through the staff pages so that every change is audited."""

from django.contrib import admin

from .models import Dataset, Licence, Resource, ResourceVersion, Tag, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Licence)
class LicenceAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "is_open"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    list_display = ["title", "satker", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    list_select_related = ["satker"]


@admin.register(Resource)
class ResourceAdmin(ReadOnlyAdmin):
    list_display = ["name", "dataset", "format", "is_tabular"]
    list_select_related = ["dataset"]


@admin.register(ResourceVersion)
class ResourceVersionAdmin(ReadOnlyAdmin):
    list_display = ["resource", "number", "status", "row_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["resource"]
