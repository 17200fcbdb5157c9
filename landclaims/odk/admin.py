"""Field phones in the admin: looked at, never changed here (keys are issued and revoked on
the phone keys page, submissions reviewed on /odk/submissions/, both through services)."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from landclaims.core.admin_base import ReadOnlyAdmin
from landclaims.odk.models import FieldDevice, Submission, SubmissionAttachment
from landclaims.odk.review import submission_list_visible


@admin.register(FieldDevice)
class FieldDeviceAdmin(ReadOnlyAdmin):
    # The secret is never stored; its digest is not shown either.
    fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    exclude = ["xml"]
    list_display = ["received_at", "form_id", "status", "submitted_by", "district", "channel"]
    list_filter = ["status", "form_id", "channel", "received_at"]
    search_fields = ["instance_id", "submitted_by__username"]
    list_select_related = ["submitted_by", "district"]
    date_hierarchy = "received_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Also the person's own submissions not yet filed under a district.
        return submission_list_visible(request.user).select_related("submitted_by", "district")


@admin.register(SubmissionAttachment)
class SubmissionAttachmentAdmin(ReadOnlyAdmin):
    # The file itself is read through its document (and the document's access log).
    exclude = ["file"]
    list_display = ["name", "submission", "content_type", "size_bytes", "received_at"]
    list_filter = ["content_type", "received_at", ("document", admin.EmptyFieldListFilter)]
    search_fields = ["name", "submission__instance_id"]
    list_select_related = ["submission"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        visible = submission_list_visible(request.user).values("pk")
        return SubmissionAttachment.objects.filter(submission__in=visible)
