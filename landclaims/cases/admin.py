from django.contrib import admin

from landclaims.cases.models import CaseEvent, CaseParty, Hearing, InterimOrder, Lawyer, LegalCase
from landclaims.core.admin_base import ReadOnlyInline, ScopedAdmin


class CasePartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    autocomplete_fields = ["member"]


class HearingInline(ReadOnlyInline):
    model = Hearing
    fields = ["scheduled_on", "purpose", "status", "outcome_note"]
    readonly_fields = fields


class InterimOrderInline(admin.TabularInline):
    model = InterimOrder
    extra = 0


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["happened_on", "kind", "note", "recorded_by"]
    readonly_fields = fields


@admin.register(LegalCase)
class LegalCaseAdmin(ScopedAdmin):
    list_display = ["display_no", "court_name", "district", "case_type", "status", "our_role"]
    list_filter = ["case_type", "status", "forum_level", "our_role", "district"]
    search_fields = ["number", "court_name", "parties__name", "summary"]
    autocomplete_fields = ["district", "parent", "claims", "parcels", "lawyers"]
    inlines = [CasePartyInline, InterimOrderInline, HearingInline, CaseEventInline]


@admin.register(Hearing)
class HearingAdmin(ScopedAdmin):
    list_display = ["scheduled_on", "case", "purpose", "status"]
    list_filter = ["status"]
    date_hierarchy = "scheduled_on"
    search_fields = ["case__number", "case__court_name", "purpose"]
    autocomplete_fields = ["case"]


@admin.register(Lawyer)
class LawyerAdmin(ScopedAdmin):
    list_display = ["name", "phone", "bar"]
    search_fields = ["name", "bar"]
