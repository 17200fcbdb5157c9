"""The export log, read-only: written by the export service, looked at by administrators."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ReadOnlyAdmin
from landclaims.exports.models import ExportLog


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnlyAdmin):
    list_display = [
        "requested_at", "user", "via", "layer", "file_format", "srid", "profile", "status",
        "row_count",
    ]  # fmt: skip
    list_filter = ["layer", "file_format", "profile", "status", "via"]
    search_fields = ["user__username"]
    date_hierarchy = "requested_at"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in ExportLog._meta.fields]
