from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from landclaims.core.admin_base import ServiceAdmin, ServiceCreateForm
from landclaims.documents.models import LINK_FIELDS, Document
from landclaims.documents.services import DOCUMENT_EDITABLE, document_add, document_update

DOCUMENT_FIELDS = ("kind", "title", "file", "sensitivity", "dated_on")


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
    list_display = ["title", "kind", "sensitivity", "dated_on"]
    list_filter = ["kind", "sensitivity"]
    search_fields = ["title"]
    autocomplete_fields = ["claim", "legal_case", "parcel", "allocation", "incident", "district"]
    readonly_fields = ["organisation", "uploaded_by"]

    def update(self, request: HttpRequest, obj: Document, changes: dict[str, Any]) -> Any:
        return document_update(document=obj, by=request.user, changes=changes)
