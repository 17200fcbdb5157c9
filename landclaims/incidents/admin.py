from django.contrib import admin

from landclaims.core.admin_base import ScopedAdmin
from landclaims.incidents.models import Incident


@admin.register(Incident)
class IncidentAdmin(ScopedAdmin):
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
    autocomplete_fields = ["district", "claim", "parcel", "legal_case"]
