"""The group list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from landclaims.groups.selectors import group_district_list


class GroupFilterForm(forms.Form):
    """Search by name (only for roles that may read names) and district; a filter left
    empty or typed wrong narrows nothing."""

    q = forms.CharField(label=_("Name (Bengali or English)"), max_length=100, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=None, required=False, empty_label=_("any")
    )

    def __init__(self, *args: Any, user: Any, show_names: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_names:
            # A name search would tell a monitor which names exist, one guess at a time.
            del self.fields["q"]
        district = self.fields["district"]
        district.queryset = group_district_list(user=user)
        district.label_from_instance = lambda area: f"{area.name_en} / {area.name_bn}"

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `group_list` from the filters that were filled in and valid."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"area": data.get("district"), "search": data.get("q", "")}
