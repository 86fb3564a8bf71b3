"""Django admin for the core: the audit trail and the outbox are records, never edited here.

The calendar overrides are changed on the staff calendar page (which validates, audits and
invalidates the cached calendar), so the admin only shows them.
"""

from django.contrib import admin

from prima.organisations.policies import is_system_admin

from .models import AuditEvent, CalendarOverride, OutboxEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete for anyone, superusers included; system admins may look."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return is_system_admin(request.user)

    def has_module_permission(self, request):
        return is_system_admin(request.user)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_label", "action", "content_type", "object_repr",
                    "satker", "ip_address"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_label", "object_repr", "object_id", "action"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type", "satker"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    list_per_page = 50
    show_full_result_count = False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxEmail._meta.fields]
    list_per_page = 50


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "name", "satker", "legal_basis", "created_by"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis", "satker__name", "satker__code"]
    date_hierarchy = "date"
    list_select_related = ["satker", "created_by"]
    readonly_fields = [f.name for f in CalendarOverride._meta.fields]
