from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.cases.models import (
    CaseEvent,
    CaseParty,
    CourtClosure,
    Hearing,
    InterimOrder,
    Lawyer,
    LegalCase,
    LimitationRule,
)
from landclaims.cases.services import (
    CASE_EDITABLE,
    LAWYER_EDITABLE,
    LIMITATION_RULE_FIELDS,
    case_add_party,
    case_create,
    case_update,
    court_closure_create,
    court_closure_delete,
    court_closure_update,
    lawyer_create,
    lawyer_update,
    limitation_rule_create,
    limitation_rule_update,
)
from landclaims.core.admin_base import (
    ReadOnlyAdmin,
    ReadOnlyInline,
    ServiceAdmin,
    ServiceCreateForm,
    ServiceInline,
)
from landclaims.core.models import Role
from landclaims.core.permissions import has_role


class CasePartyInline(ServiceInline):
    model = CaseParty
    fields = ["name", "member", "role", "side"]
    autocomplete_fields = ["member"]

    def add(self, request: HttpRequest, parent: LegalCase, data: dict[str, Any]) -> CaseParty:
        return case_add_party(
            case=parent,
            role=data["role"],
            side=data["side"],
            name=data["name"],
            member=data["member"],
            by=request.user,
        )


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
    "police_station", "police_case_no", "responsible",
)  # fmt: skip


class LegalCaseAddForm(ServiceCreateForm):
    service_fields = CASE_FIELDS

    class Meta:
        model = LegalCase
        fields = (*CASE_FIELDS, "claims", "parcels", "lawyers")

    def create(self, data: dict[str, Any]) -> LegalCase:
        fields = {name: data[name] for name in self.service_fields}
        return case_create(
            **fields,
            claims=list(data["claims"]),
            parcels=list(data["parcels"]),
            lawyers=list(data["lawyers"]),
            by=self.request.user,
        )


@admin.register(LegalCase)
class LegalCaseAdmin(ServiceAdmin):
    add_form = LegalCaseAddForm
    # Number, dates, status and outcome change only through the case services.
    editable_fields = CASE_EDITABLE
    list_display = ["display_no", "court_name", "district", "case_type", "status", "our_role"]
    list_filter = ["case_type", "status", "forum_level", "our_role", "district"]
    search_fields = ["number", "court_name", "parties__name", "summary"]
    autocomplete_fields = ["district", "parent", "claims", "parcels", "lawyers"]
    inlines = [CasePartyInline, InterimOrderInline, HearingInline, CaseEventInline]

    def update(self, request: HttpRequest, obj: LegalCase, changes: dict[str, Any]) -> Any:
        return case_update(case=obj, by=request.user, changes=changes)


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdmin):
    """Hearings are listed here; they are fixed, adjourned and recorded on the case pages,
    so that every move of a date keeps its history."""

    list_display = ["scheduled_on", "case", "purpose", "status"]
    list_filter = ["status"]
    date_hierarchy = "scheduled_on"
    search_fields = ["case__number", "case__court_name", "purpose"]


LAWYER_FIELDS = ("organisation", "name", "phone", "email", "bar", "user")


class LawyerAddForm(ServiceCreateForm):
    class Meta:
        model = Lawyer
        fields = LAWYER_FIELDS

    def create(self, data: dict[str, Any]) -> Lawyer:
        return lawyer_create(**{name: data[name] for name in LAWYER_FIELDS}, by=self.request.user)


@admin.register(Lawyer)
class LawyerAdmin(ServiceAdmin):
    add_form = LawyerAddForm
    editable_fields = LAWYER_EDITABLE
    list_display = ["name", "phone", "bar"]
    search_fields = ["name", "bar"]

    def update(self, request: HttpRequest, obj: Lawyer, changes: dict[str, Any]) -> Any:
        return lawyer_update(lawyer=obj, by=request.user, changes=changes)


class LimitationRuleAddForm(ServiceCreateForm):
    class Meta:
        model = LimitationRule
        fields = LIMITATION_RULE_FIELDS

    def create(self, data: dict[str, Any]) -> LimitationRule:
        fields = {name: data[name] for name in LIMITATION_RULE_FIELDS}
        return limitation_rule_create(**fields, by=self.request.user)


class AdministratorsOnly:
    """The limitation table and the court calendar are shared by every organisation: only
    superusers and administrators see them here (the services refuse everyone else too)."""

    def _administrator(self, request: HttpRequest) -> bool:
        return has_role(request.user, frozenset({Role.ADMIN}))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._administrator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._administrator(request)


@admin.register(LimitationRule)
class LimitationRuleAdmin(AdministratorsOnly, ServiceAdmin):
    """The table of periods to appeal or revise; corrected here when the law changes."""

    add_form = LimitationRuleAddForm
    editable_fields = LIMITATION_RULE_FIELDS
    list_display = ["case_type", "forum_level", "decision", "remedy", "days", "citation", "active"]
    list_filter = ["remedy", "active", "case_type"]
    search_fields = ["citation", "note"]

    def update(self, request: HttpRequest, obj: LimitationRule, changes: dict[str, Any]) -> Any:
        return limitation_rule_update(rule=obj, by=request.user, changes=changes)


class CourtClosureAddForm(ServiceCreateForm):
    class Meta:
        model = CourtClosure
        fields = ("on", "name")

    def create(self, data: dict[str, Any]) -> CourtClosure:
        return court_closure_create(on=data["on"], name=data["name"], by=self.request.user)


@admin.register(CourtClosure)
class CourtClosureAdmin(AdministratorsOnly, ServiceAdmin):
    """Public holidays and vacations (Fridays and Saturdays are closed without a row)."""

    add_form = CourtClosureAddForm
    editable_fields = ("on", "name")
    list_display = ["on", "name"]
    date_hierarchy = "on"
    search_fields = ["name"]

    def update(self, request: HttpRequest, obj: CourtClosure, changes: dict[str, Any]) -> Any:
        return court_closure_update(closure=obj, by=request.user, changes=changes)

    def delete(self, request: HttpRequest, obj: CourtClosure) -> None:
        court_closure_delete(closure=obj, by=request.user)
