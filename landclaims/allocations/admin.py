from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from landclaims.allocations.models import Allocation
from landclaims.allocations.services import (
    ALLOCATION_EDITABLE,
    allocation_record,
    allocation_update,
)
from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm

ALLOCATION_FIELDS = (
    "parcel", "claim", "group", "members", "title", "settled_to_others", "others_note",
    "names_on_kabuliyat", "kabuliyat_no", "kabuliyat_on", "dcr_no", "approved_on",
    "registered_on", "deed_registration_no", "mutation_case_no", "outside_policy",
)  # fmt: skip


class AllocationAddForm(ServiceCreateForm):
    # The settled area as written on the kabuliyat; the service converts it to m².
    area_value = forms.CharField(label=_("Area"), help_text=_("As written on the paper."))
    area_unit = forms.CharField(label=_("Area unit"))

    class Meta:
        model = Allocation
        fields = ALLOCATION_FIELDS

    def create(self, data: dict[str, Any]) -> Allocation:
        fields = {name: data[name] for name in ALLOCATION_FIELDS if name != "members"}
        return allocation_record(
            **fields,
            members=list(data["members"]),
            area_value=data["area_value"],
            area_unit=data["area_unit"],
            by=self.request.user,
        )


@admin.register(Allocation)
class AllocationAdmin(ServiceAdmin):
    add_form = AllocationAddForm
    # The area has its own fields on the add form only; who holds the land is changed on
    # the allocation's page (allocation_change_holder), with its date.
    editable_fields = tuple(
        name for name in ALLOCATION_EDITABLE if name not in ("area_value", "area_unit")
    )
    list_display = [
        "__str__",
        "title",
        "area_m2",
        "kabuliyat_no",
        "settled_to_others",
        "outside_policy",
    ]
    list_filter = ["title", "settled_to_others", "outside_policy"]
    search_fields = ["kabuliyat_no", "dcr_no", "parcel__mouza__name_en", "parcel__mouza__name_bn"]
    autocomplete_fields = ["claim", "parcel", "group", "members"]
    readonly_fields = [
        "organisation", "area_value", "area_unit", "area_m2", "held_by", "held_since",
        "holding_note",
    ]  # fmt: skip

    def update(self, request: HttpRequest, obj: Allocation, changes: dict[str, Any]) -> Any:
        return allocation_update(allocation=obj, by=request.user, changes=changes)
