from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.documents.models import LINK_FIELDS, Document
from landclaims.documents.services import DOCUMENT_EDITABLE, document_add, document_update

DOCUMENT_FIELDS = ("kind", "title", "file", "sensitivity", "dated_on", "language")


class DownloadLinkFileInput(forms.ClearableFileInput):
    """The file field of a stored document links to its download view (which checks who may
    read it), never to a storage URL: documents have none."""

    def is_initial(self, value: Any) -> bool:
        return bool(value and getattr(value, "instance", None) and value.instance.pk)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> Any:
        context = super().get_context(name, None, attrs)
        if self.is_initial(value):
            context["widget"].update(
                is_initial=True,
                value=_Download(value.instance),
                initial_text=self.initial_text,
            )
        return context


class _Download:
    def __init__(self, document: Document) -> None:
        self.url = reverse("documents:download", args=[document.pk])
        self.name = document.file.name.rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.name


class DocumentAddForm(ServiceCreateForm):
    class Meta:
        model = Document
        fields = (*DOCUMENT_FIELDS, *LINK_FIELDS)

    def create(self, data: dict[str, Any]) -> Document:
        links = {name: data[name] for name in LINK_FIELDS if data[name] is not None}
        return document_add(
            **{name: data[name] for name in DOCUMENT_FIELDS}, **links, by=self.request.user
        )


@admin.register(Document)
class DocumentAdmin(ServiceAdmin):
    add_form = DocumentAddForm
    editable_fields = DOCUMENT_EDITABLE
    list_display = ["title", "kind", "sensitivity", "language", "dated_on"]
    list_filter = ["kind", "sensitivity", "language"]
    search_fields = ["title"]
    autocomplete_fields = [
        "claim",
        "legal_case",
        "parcel",
        "group",
        "allocation",
        "incident",
        "district",
    ]
    readonly_fields = ["organisation", "uploaded_by", "content_type", "size_bytes", "sha256"]
    formfield_overrides = {
        **ServiceAdmin.formfield_overrides,
        Document._meta.get_field("file").__class__: {"widget": DownloadLinkFileInput},
    }

    def update(self, request: HttpRequest, obj: Document, changes: dict[str, Any]) -> Any:
        return document_update(document=obj, by=request.user, changes=changes)
