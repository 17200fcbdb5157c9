from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.cases.models import CaseEvent, CaseParty, Hearing, InterimOrder, Lawyer, LegalCase
from landclaims.cases.services import case_create
from landclaims.core.admin_base import ReadOnlyInline, ScopedAdmin, ServiceAdmin, ServiceCreateForm


class CasePartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    autocomplete_fields = ["member"]


class HearingInline(ReadOnlyInline):
    model = Hearing
    fields = ["scheduled_on", "purpose", "status", "outcome_note"]
    readonly_fields = fields


class InterimOrderInline(ReadOnlyInline):
    model = InterimOrder
    fields = ["kind", "made_on", "in_force_from", "in_force_until", "vacated_on", "text"]
    readonly_fields = fields


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["happened_on", "kind", "note", "recorded_by"]
    readonly_fields = fields


CASE_FIELDS = (
    "organisation", "district", "case_type", "forum_level", "court_name", "bench",
    "number", "year", "filed_on", "our_role", "parent", "summary",
)  # fmt: skip


class LegalCaseAddForm(ServiceCreateForm):
    service_fields = CASE_FIELDS

    class Meta:
        model = LegalCase
        fields = (*CASE_FIELDS, "claims", "parcels")

    def create(self, data: dict[str, Any]) -> LegalCase:
        fields = {name: data[name] for name in self.service_fields}
        return case_create(
            **fields,
            claims=list(data["claims"]),
            parcels=list(data["parcels"]),
            by=self.request.user,
        )


@admin.register(LegalCase)
class LegalCaseAdmin(ServiceAdmin):
    add_form = LegalCaseAddForm
    service_owned_fields = ("organisation", "district", "case_type", "number", "year", "filed_on")
    list_display = ["display_no", "court_name", "district", "case_type", "status", "our_role"]
    list_filter = ["case_type", "status", "forum_level", "our_role", "district"]
    search_fields = ["number", "court_name", "parties__name", "summary"]
    autocomplete_fields = ["district", "parent", "claims", "parcels", "lawyers"]
    inlines = [CasePartyInline, InterimOrderInline, HearingInline, CaseEventInline]


@admin.register(Hearing)
class HearingAdmin(ScopedAdmin):
    """Hearings are listed here; they are fixed, adjourned and recorded on the case pages,
    so that every move of a date keeps its history."""

    list_display = ["scheduled_on", "case", "purpose", "status"]
    list_filter = ["status"]
    date_hierarchy = "scheduled_on"
    search_fields = ["case__number", "case__court_name", "purpose"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Lawyer)
class LawyerAdmin(ScopedAdmin):
    list_display = ["name", "phone", "bar"]
    search_fields = ["name", "bar"]
