"""The upload form shown in a record's "Documents" section."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import LocalDateField, add_service_errors
from landclaims.documents.content import accepted_extensions
from landclaims.documents.models import Document


class DocumentUploadForm(forms.Form):
    prefix = "document"

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in accepted_extensions())}
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of document"), choices=Document.Kind.choices)
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    dated_on = LocalDateField(label=_("Dated"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Document.Language.choices)
    sensitivity = forms.ChoiceField(
        label=_("Sensitivity"),
        choices=Document.Sensitivity.choices,
        initial=Document.Sensitivity.INTERNAL,
        help_text=_(
            "Restricted: only admins, legal staff and organisers open it. Confidential: only "
            "admins, legal staff and you."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, photo (JPEG, PNG, WebP), plain text or office file; up to %(limit)s."
        ) % {"limit": filesizeformat(settings.DOCUMENT_MAX_BYTES)}

    def data_for_service(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("file", "kind", "title", "dated_on", "language", "sensitivity")
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)
