from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Division, Document, Membership, Satker


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0
    fields = ("kind", "order", "name")


@admin.register(Satker)
class SatkerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "timezone")
    list_filter = ("level", "timezone")
    search_fields = ("code", "name", "region_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("updated_at",)
    inlines = [DivisionInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "region_name", "level", "parent", "timezone",
                           "population")}),
        (_("Profil dan kontak"), {"fields": ("description", "address", "phone", "email",
                                             "website", "office_hours", "updated_at")}),
    )


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "order", "satker")
    list_filter = ("kind", "satker__level")
    search_fields = ("name", "satker__name", "satker__code")
    list_select_related = ("satker",)
    autocomplete_fields = ("satker",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "satker", "role", "position", "division", "is_active")
    list_filter = ("role", "position", "is_active", "satker__level")
    search_fields = ("user__full_name", "user__email", "satker__name", "satker__code")
    list_select_related = ("user", "satker", "division")
    autocomplete_fields = ("satker",)
    raw_id_fields = ("user", "division")
    readonly_fields = ("created_at",)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "kind", "date", "satker", "is_public", "size")
    list_filter = ("kind", "is_public", "satker__level")
    search_fields = ("number", "subject", "satker__name", "satker__code", "sha256")
    list_select_related = ("satker",)
    date_hierarchy = "date"
    # The file and its checksum belong together: both come from the checked upload form;
    # satker, kind and number stay fixed so the unique number rule cannot be broken here.
    readonly_fields = ("satker", "kind", "number", "file", "sha256", "size", "original_name",
                       "uploaded_by", "created_at")
    fields = ("satker", "kind", "number", "date", "subject", "is_public", "file", "sha256",
              "size", "original_name", "uploaded_by", "created_at")

    def has_add_permission(self, request):
        # Uploads go through the staff form, which checks the PDF and computes its checksum.
        return False
