"""Django admin for information requests: read-only records for the system administrator.

Every change goes through the services (validated, audited, on the timeline) from the staff
pages; the admin only shows what is stored. Personal data is shown masked here too.
"""

from django.contrib import admin

from prima.core.admin import ReadOnlyAdmin

from .masking import mask_address, mask_nik, mask_phone
from .models import (
    AnnualReportNote,
    ConsequenceTest,
    DeliveredFile,
    Dispute,
    DownloadLink,
    DownloadLog,
    HandoverReceipt,
    InformationListEntry,
    InformationRequest,
    Notice,
    Objection,
    RequestAttachment,
    RequestEvent,
)

PERSONAL = {"nik", "address", "phone"}


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    fields = ["created_at", "kind", "actor", "is_public", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ["number", "satker", "full_name", "channel", "status", "decision",
                    "received_on", "due_date"]
    list_filter = ["status", "decision", "channel", "year"]
    search_fields = ["number", "full_name", "satker__name", "satker__code"]
    date_hierarchy = "received_at"
    list_select_related = ["satker"]
    readonly_fields = ([f.name for f in InformationRequest._meta.fields
                        if f.name not in PERSONAL | {"tracking_secret_hash"}]
                       + ["masked_nik", "masked_address", "masked_phone"])
    exclude = ["nik", "address", "phone", "tracking_secret_hash"]
    inlines = [RequestEventInline]
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description="NIK")
    def masked_nik(self, obj):
        return mask_nik(obj.nik)

    @admin.display(description="Alamat")
    def masked_address(self, obj):
        return mask_address(obj.address)

    @admin.display(description="Telepon")
    def masked_phone(self, obj):
        return mask_phone(obj.phone)


@admin.register(RequestAttachment)
class RequestAttachmentAdmin(ReadOnlyAdmin):
    list_display = ["request", "kind", "original_name", "size", "created_at"]
    list_select_related = ["request"]
    search_fields = ["request__number", "original_name"]
    readonly_fields = [f.name for f in RequestAttachment._meta.fields]


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["request", "decision", "exemption", "signed_by_name", "issued_at"]
    list_filter = ["decision", "exemption"]
    list_select_related = ["request"]
    search_fields = ["request__number", "signed_by_name"]
    readonly_fields = [f.name for f in Notice._meta.fields]


@admin.register(ConsequenceTest)
class ConsequenceTestAdmin(ReadOnlyAdmin):
    list_display = ["title", "satker", "exemption", "exempt_until", "decided_at"]
    list_filter = ["exemption"]
    list_select_related = ["satker"]
    search_fields = ["title", "satker__name"]
    readonly_fields = [f.name for f in ConsequenceTest._meta.fields]


@admin.register(DeliveredFile)
class DeliveredFileAdmin(ReadOnlyAdmin):
    list_display = ["title", "request", "is_redacted", "size", "created_at"]
    list_select_related = ["request"]
    search_fields = ["title", "request__number"]
    readonly_fields = [f.name for f in DeliveredFile._meta.fields]


@admin.register(DownloadLink)
class DownloadLinkAdmin(ReadOnlyAdmin):
    list_display = ["request", "created_at", "expires_at", "revoked_at"]
    list_select_related = ["request"]
    search_fields = ["request__number"]
    readonly_fields = [f.name for f in DownloadLink._meta.fields if f.name != "token_hash"]
    exclude = ["token_hash"]


@admin.register(DownloadLog)
class DownloadLogAdmin(ReadOnlyAdmin):
    list_display = ["file", "downloaded_at", "ip_address"]
    list_select_related = ["file"]
    readonly_fields = [f.name for f in DownloadLog._meta.fields]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["number", "request", "satker", "status", "outcome", "filed_at", "due_date"]
    list_filter = ["status", "outcome", "year"]
    list_select_related = ["request", "satker"]
    search_fields = ["number", "request__number"]
    readonly_fields = [f.name for f in Objection._meta.fields]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["objection", "commission", "filed_on", "outcome", "outcome_date"]
    list_filter = ["outcome"]
    list_select_related = ["objection"]
    readonly_fields = [f.name for f in Dispute._meta.fields]


@admin.register(InformationListEntry)
class InformationListEntryAdmin(ReadOnlyAdmin):
    list_display = ["title", "satker", "information_class", "owner", "is_published"]
    list_filter = ["information_class", "is_published"]
    list_select_related = ["satker"]
    search_fields = ["title", "satker__name"]
    readonly_fields = [f.name for f in InformationListEntry._meta.fields]


@admin.register(HandoverReceipt)
class HandoverReceiptAdmin(ReadOnlyAdmin):
    list_display = ["request", "method", "received_by_name", "handed_over_at", "confirmation"]
    list_filter = ["method", "confirmation"]
    list_select_related = ["request"]
    search_fields = ["request__number"]
    readonly_fields = [f.name for f in HandoverReceipt._meta.fields]


@admin.register(AnnualReportNote)
class AnnualReportNoteAdmin(ReadOnlyAdmin):
    list_display = ["satker", "year", "updated_at"]
    list_select_related = ["satker"]
    readonly_fields = [f.name for f in AnnualReportNote._meta.fields]
