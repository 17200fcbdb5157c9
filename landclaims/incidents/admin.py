from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.incidents.models import Incident
from landclaims.incidents.services import INCIDENT_EDITABLE, incident_record, incident_update

INCIDENT_FIELDS = (
    "organisation", "district", "kind", "occurred_on", "women_affected", "men_affected",
    "others_affected", "perpetrators", "gd_fir_no", "police_station", "description",
    "location", "claim", "parcel", "group", "legal_case",
)  # fmt: skip


class IncidentAddForm(ServiceCreateForm):
    class Meta:
        model = Incident
        fields = INCIDENT_FIELDS

    def create(self, data: dict[str, Any]) -> Incident:
        return incident_record(
            **{name: data[name] for name in INCIDENT_FIELDS}, by=self.request.user
        )


@admin.register(Incident)
class IncidentAdmin(ServiceAdmin):
    add_form = IncidentAddForm
    editable_fields = INCIDENT_EDITABLE
    list_display = [
        "occurred_on",
        "kind",
        "district",
        "women_affected",
        "men_affected",
        "gd_fir_no",
    ]
    list_filter = ["kind", "district"]
    date_hierarchy = "occurred_on"
    search_fields = ["description", "gd_fir_no", "police_station"]
    autocomplete_fields = ["district", "claim", "parcel", "group", "legal_case"]

    def update(self, request: HttpRequest, obj: Incident, changes: dict[str, Any]) -> Any:
        return incident_update(incident=obj, by=request.user, changes=changes)
