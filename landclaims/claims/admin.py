from django.contrib import admin

from landclaims.claims.models import Claim, ClaimEvent
from landclaims.core.admin_base import ReadOnlyInline, ScopedAdmin


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent
    fields = ["happened_on", "kind", "from_value", "to_value", "number", "note", "recorded_by"]
    readonly_fields = fields


@admin.register(Claim)
class ClaimAdmin(ScopedAdmin):
    list_display = ["__str__", "district", "stage", "stage_since", "possession", "updated_at"]
    list_filter = ["stage", "possession", "organisation", "district"]
    search_fields = [
        "title",
        "groups__name_bn",
        "groups__name_en",
        "parcels__mouza__name_en",
        "parcels__mouza__name_bn",
        "register13_no",
        "settlement_case_no",
        "kabuliyat_no",
        "dcr_no",
    ]
    # Stage and possession change only through the service, which keeps the event history.
    readonly_fields = ["stage", "stage_since", "resume_stage", "possession", "possession_since"]
    autocomplete_fields = ["groups", "parcels", "district"]
    inlines = [ClaimEventInline]
