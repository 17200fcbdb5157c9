from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.services import CLAIM_EDITABLE, claim_create, claim_update
from landclaims.core.admin_base import ReadOnlyInline, ServiceAdmin, ServiceCreateForm


class ClaimEventInline(ReadOnlyInline):
    model = ClaimEvent
    fields = ["happened_on", "kind", "group", "parcel", "from_value", "to_value", "number", "note"]
    fields += ["recorded_by"]
    readonly_fields = fields


class ClaimAddForm(ServiceCreateForm):
    class Meta:
        model = Claim
        fields = ["organisation", "title", "groups", "parcels", "opened_on", "learned_from"]
        fields += ["possession", "notes"]

    def create(self, data: dict[str, Any]) -> Claim:
        return claim_create(
            organisation=data["organisation"],
            groups=list(data["groups"]),
            parcels=list(data["parcels"]),
            opened_on=data["opened_on"],
            possession=data["possession"],
            learned_from=data["learned_from"],
            title=data["title"],
            notes=data["notes"],
            by=self.request.user,
        )


@admin.register(Claim)
class ClaimAdmin(ServiceAdmin):
    add_form = ClaimAddForm
    # Stage and possession change only through the claim services, which keep the history.
    editable_fields = CLAIM_EDITABLE
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
    autocomplete_fields = ["groups", "parcels", "district"]
    inlines = [ClaimEventInline]

    def update(self, request: HttpRequest, obj: Claim, changes: dict[str, Any]) -> Any:
        return claim_update(claim=obj, by=request.user, changes=changes)
