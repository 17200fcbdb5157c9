"""The API key page's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import LocalIntegerField


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("Name"),
        help_text=_("Where the key will be used, e.g. “QGIS on the office laptop”."),
    )


class TokenRevokeForm(forms.Form):
    token = LocalIntegerField(widget=forms.HiddenInput)
