from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ScopedAdmin
from landclaims.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ScopedAdmin):
    """The import log, read-only: imports happen through /imports/ and import_layer."""

    list_display = ["created_at", "kind", "file_name", "status", "organisation", "created_by"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "file_sha256"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
