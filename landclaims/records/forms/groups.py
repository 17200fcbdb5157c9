"""The group pages' forms: the list's filters, a group, its members and their leaving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from landclaims.core.display import bangla_active, place_name
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    LocalIntegerField,
    VersionField,
    add_service_errors,
)
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.groups.selectors import group_district_list, village_in_scope_list, village_search
from landclaims.places.models import Village


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
        district.label_from_instance = place_name

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `group_list` from the filters that were filled in and valid."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"area": data.get("district"), "search": data.get("q", "")}


# Registering and correcting a group -------------------------------------------------------


def village_label(village: Village) -> str:
    """The village, its union and district, in the reader's language ("Charpara (Amgachha,
    Dinajpur)"); the other language's village name beside it, as people search by either."""
    union = village.union
    district = union.district
    place = f"{place_name(union)}, {place_name(district)}" if district else place_name(union)
    name, other = place_name(village), place_name(village, "en" if bangla_active() else "bn")
    both = f"{name} / {other}" if other and other != name else name
    return f"{both} ({place})"


class GroupForm(forms.Form):
    """A group at /groups/new/ and /groups/<id>/edit/. The village is found by typing part
    of its name (Bengali or English): one match is taken, several are offered to choose
    from, and only villages in the person's districts are ever offered."""

    sex = forms.ChoiceField(label=_("Kind of group"), choices=LandlessGroup.Sex.choices)
    name_bn = forms.CharField(label=_("Name in Bengali"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    village_q = forms.CharField(
        label=_("Village name"),
        max_length=120,
        required=False,
        help_text=_("Type part of the village's name in Bengali or English."),
    )
    village = forms.ModelChoiceField(
        label=_("Village"), queryset=Village.objects.none(), required=False, empty_label="—"
    )
    formed_on = LocalDateField(label=_("Formed on"), required=False)
    meeting_day = forms.ChoiceField(
        label=_("Meeting day"),
        choices=[("", "—"), *LandlessGroup.Weekday.choices],
        required=False,
    )
    members_women = LocalIntegerField(
        label=_("Women members (as counted)"), min_value=0, required=False
    )
    members_men = LocalIntegerField(
        label=_("Men members (as counted)"), min_value=0, required=False
    )

    PLAIN = ("sex", "name_bn", "name_en", "formed_on", "meeting_day", "members_women",
             "members_men")  # fmt: skip
    MATCHES = 30  # villages offered at most

    def __init__(self, *args: Any, user: Any, group: LandlessGroup | None = None, **kwargs: Any):
        initial = kwargs.pop("initial", {})
        if group is not None:
            initial = {
                **{name: getattr(group, name) for name in self.PLAIN},
                "village": group.village_id,
                "version": group.version,
                **{f"seen_{name}": str(getattr(group, name)) for name in self.PLAIN},
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.user, self.group = user, group
        if group is not None:
            self.fields["version"] = VersionField()
            for name in self.PLAIN:
                self.fields[f"seen_{name}"] = forms.CharField(
                    widget=forms.HiddenInput, required=False
                )
        field = self.fields["village"]
        field.queryset = village_in_scope_list(user=user)
        typed = self.data.get(self.add_prefix("village_q"), "") if self.is_bound else ""
        offered = list(village_search(user=user, text=typed)[: self.MATCHES]) if typed else []
        chosen = self.data.get("village") if self.is_bound else initial.get("village")
        if chosen and str(chosen).isdigit() and int(chosen) not in {v.pk for v in offered}:
            offered += list(field.queryset.filter(pk=int(chosen)))
        field.widget.choices = [("", "—"), *((v.pk, village_label(v)) for v in offered)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        typed = data.get("village_q", "").strip()
        chosen = data.get("village")
        if "village" not in self.errors:
            if typed and (chosen is None or not self._matches(chosen, typed)):
                self._pick_village(data, typed)
            elif chosen is None:
                self.add_error("village_q", _("Type the village's name."))
        for name in ("members_women", "members_men"):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data

    def _matches(self, village: Village, typed: str) -> bool:
        return village_search(user=self.user, text=typed).filter(pk=village.pk).exists()

    def _pick_village(self, data: dict[str, Any], typed: str) -> None:
        found = list(village_search(user=self.user, text=typed)[:2])
        if len(found) == 1:
            data["village"] = found[0]
        elif not found:
            self.add_error(
                "village_q",
                _("No village of your districts is called “%(name)s”.") % {"name": typed},
            )
        else:
            self.add_error("village", _("Several villages match; choose one."))

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**{name: data[name] for name in self.PLAIN}, "village": data["village"]}

    def changes(self) -> dict[str, Any]:
        """The fields this person changed (an edit changes only those)."""
        assert self.group is not None
        values = self.values()
        return {k: v for k, v in values.items() if getattr(self.group, k) != v}

    def concurrency(self) -> dict[str, Any]:
        data = self.cleaned_data
        seen = {name: data.get(f"seen_{name}", "") for name in self.PLAIN}
        return {"expected_version": data["version"], "seen": seen}

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def rebase(self, group: LandlessGroup) -> None:
        """After a refused save: what was typed stays; the form now carries the group's
        current version and values, so saving again applies it on top."""
        data = self.data.copy()
        data["version"] = str(group.version)
        for name in self.PLAIN:
            data[f"seen_{name}"] = str(getattr(group, name))
        self.data = data


# Members --------------------------------------------------------------------------------


_PERSONAL = ("name_bn", "name_en", "nid", "phone")


class MemberForm(forms.Form):
    """A member added on /groups/<id>/members/ or corrected on /groups/members/<id>/edit/.

    The personal fields (name, national ID, phone) exist only for roles that read names.
    When editing without having stated why one reads them, they are shown empty and an empty
    one keeps what is recorded."""

    code = DigitsField(
        label=_("Code"), max_length=32, help_text=_("The member's pseudonymous code.")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Member.Sex.choices)
    role = forms.ChoiceField(label=_("Role in the group"), choices=Member.Role.choices)
    is_household_head = forms.BooleanField(label=_("Household head"), required=False)
    priority_category = forms.ChoiceField(
        label=_("Priority category"), choices=PriorityCategory.choices
    )
    joined_on = LocalDateField(label=_("Joined on"), required=False)
    landless_status = forms.ChoiceField(
        label=_("Landless verification"), choices=Member.Landless.choices
    )
    landless_checked_on = LocalDateField(label=_("Date of the check"), required=False)
    name_bn = forms.CharField(label=_("Name in Bengali"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    nid = DigitsField(label=_("National ID"), max_length=20, required=False)
    phone = DigitsField(label=_("Phone"), max_length=20, required=False)

    PLAIN = ("code", "sex", "role", "is_household_head", "priority_category", "joined_on",
             "landless_status", "landless_checked_on")  # fmt: skip

    def __init__(
        self,
        *args: Any,
        personal: bool,
        member: Member | None = None,
        shown: bool = False,
        **kwargs: Any,
    ) -> None:
        initial = kwargs.pop("initial", {})
        if member is not None:
            initial = {name: getattr(member, name) for name in self.PLAIN}
            initial["version"] = member.version
            if shown:
                initial.update({name: getattr(member, name) for name in _PERSONAL})
        super().__init__(*args, initial=initial, **kwargs)
        self.member, self.shown, self.personal = member, shown, personal
        if member is not None:
            self.fields["version"] = VersionField()
        if not personal:
            for name in _PERSONAL:
                del self.fields[name]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in self.PLAIN}
        if self.personal:
            values.update({name: data[name].strip() for name in _PERSONAL})
        return values

    def changes(self) -> dict[str, Any]:
        assert self.member is not None
        changes = {}
        for name, value in self.values().items():
            if name in _PERSONAL:
                # Not shown: an empty box keeps what is recorded; anything typed replaces it.
                if (not self.shown and value) or (
                    self.shown and value != getattr(self.member, name)
                ):
                    changes[name] = value
            elif getattr(self.member, name) != value:
                changes[name] = value
        return changes

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


class MemberLeaveForm(forms.Form):
    """Marking a member as left: the record stays."""

    left_on = LocalDateField(label=_("Left on"))
    left_reason = forms.CharField(
        label=_("Why they left"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = VersionField()

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)
