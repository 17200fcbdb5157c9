from django.contrib import admin

from landclaims.core.admin_base import ReadOnlyAdmin
from landclaims.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """The import log, read-only: imports happen through /imports/ and import_layer."""

    list_display = ["created_at", "kind", "file_name", "status", "organisation", "created_by"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "file_sha256"]
