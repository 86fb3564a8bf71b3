"""Django admin for reform records: regimes and their areas of change are data the system
administrator keeps here (a new regulation adds a regime, not code); everything else changes
through the services (validated, versioned, audited) and is read-only here."""

from django.contrib import admin

from prima.core.admin import ReadOnlyAdmin
from prima.organisations.policies import is_system_admin

from .models import (
    ActionPlan,
    AreaOfChange,
    ProgressReport,
    Recommendation,
    ReformTeam,
    Regime,
    SocialisationEvent,
)


class SystemAdminOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_system_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_system_admin(request.user)

    def has_add_permission(self, request):
        return is_system_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_system_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        # Areas and regimes are referenced by plans (PROTECT); deletion stays with the database.
        return False


class AreaInline(admin.TabularInline):
    model = AreaOfChange
    fields = ["number", "name", "weight", "description"]
    extra = 0

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Regime)
class RegimeAdmin(SystemAdminOnly):
    list_display = ["name", "code", "legal_basis", "valid_from", "valid_until"]
    inlines = [AreaInline]


@admin.register(AreaOfChange)
class AreaOfChangeAdmin(SystemAdminOnly):
    list_display = ["number", "name", "regime", "weight"]
    list_filter = ["regime"]
    list_select_related = ["regime"]


@admin.register(ReformTeam)
class ReformTeamAdmin(ReadOnlyAdmin):
    list_display = ["satker", "name", "period_start", "period_end", "status"]
    list_filter = ["status"]
    search_fields = ["satker__name", "satker__code", "name"]
    list_select_related = ["satker"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "satker", "year", "status", "is_template", "is_published",
                    "version"]
    list_filter = ["status", "year", "is_template", "is_published"]
    search_fields = ["title", "satker__name", "satker__code"]
    list_select_related = ["satker"]
    list_per_page = 50
    show_full_result_count = False


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ["plan", "quarter", "status", "due_date", "submitted_at", "reviewed_at",
                    "version"]
    list_filter = ["status", "quarter"]
    search_fields = ["plan__satker__name", "plan__satker__code"]
    list_select_related = ["plan__satker"]
    list_per_page = 50
    show_full_result_count = False


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["text", "report", "deadline", "status"]
    list_filter = ["status"]
    list_select_related = ["report__plan__satker"]


@admin.register(SocialisationEvent)
class SocialisationEventAdmin(ReadOnlyAdmin):
    list_display = ["title", "organiser", "series", "date", "mode"]
    list_filter = ["mode", "series"]
    search_fields = ["title", "series", "organiser__name"]
    list_select_related = ["organiser"]
