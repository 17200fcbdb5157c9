from django.contrib import admin

from landclaims.core.admin_base import ScopedAdmin
from landclaims.documents.models import Document


@admin.register(Document)
class DocumentAdmin(ScopedAdmin):
    list_display = ["title", "kind", "sensitivity", "dated_on"]
    list_filter = ["kind", "sensitivity"]
    search_fields = ["title"]
    autocomplete_fields = ["claim", "legal_case", "parcel", "allocation", "incident", "district"]
