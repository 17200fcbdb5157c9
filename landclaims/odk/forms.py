"""The phone keys page's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.core.forms import LocalIntegerField


class PhoneKeyCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label=_("Phone"),
        help_text=_("Whose phone it is, e.g. “Rahima's Samsung”."),
    )


class PhoneKeyRevokeForm(forms.Form):
    device = LocalIntegerField(widget=forms.HiddenInput)
