"""Forms of case intake: opening and editing a case, its parties, appeals and lawyers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from landclaims.cases.models import (
    CASE_NUMBER_FORMS,
    CaseParty,
    CaseType,
    ForumLevel,
    Lawyer,
    LegalCase,
)
from landclaims.cases.selectors import (
    PartyConflict,
    case_claim_candidates,
    case_party_conflicts,
    case_responsible_choices,
    court_name_list,
    lawyer_list,
    member_by_code,
    organisation_users,
)
from landclaims.cases.services import (
    APPEAL_PATHS,
    BENCH_FORUMS,
    POLICE_CASE_TYPES,
    PartyInput,
    appeal_our_role,
)
from landclaims.claims.models import Claim
from landclaims.core.forms import (
    DigitsField,
    LocalDateField,
    LocalDecimalField,
    LocalIntegerField,
    QuickSelect,
    VersionField,
    add_service_errors,
)
from landclaims.core.scoping import scope_for
from landclaims.core.text import normalise_name
from landclaims.groups.models import Member
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from landclaims.records.forms.cases import CaseWriteForm, _area_label

_TEXT = forms.Textarea(attrs={"rows": 3})
_PICK = forms.CheckboxSelectMultiple


def _user_label(user: Any) -> str:
    return user.get_full_name() or user.username


def _claim_label(claim: Claim) -> str:
    return str(claim)


def _parcel_label(parcel: Parcel) -> str:
    return f"{parcel.mouza.name_en} · {parcel.get_survey_display()} · {parcel.dag_display}"


def _numbers(text: str) -> list[int]:
    """Claim numbers typed as "12, 15" (Bengali digits too)."""
    parts = DigitsField().to_python(text).replace(",", " ").split()
    if not all(part.isdigit() for part in parts):
        raise ValidationError(_("Give claim numbers, separated by commas, such as 12, 15."))
    return [int(part) for part in parts]


def _codes(text: str) -> list[str]:
    return [code for code in text.replace(",", " ").split() if code]


class ConflictCheck(forms.Form):
    """The conflict check (shown before saving): the names of the parties are looked up in
    the organisation's other cases; when some appear there, the first submit lists those
    cases and asks for confirmation, and the second, with the box ticked, saves.

    `checked_names` carries the names the list was made for: names changed after the list
    was shown are checked again."""

    confirm = forms.BooleanField(
        label=_("I have looked at these cases; save anyway"), required=False
    )
    checked_names = forms.CharField(widget=forms.HiddenInput, required=False)

    conflicts: list[PartyConflict]

    def check_conflicts(
        self, user: Any, names: Sequence[str], exclude_case: LegalCase | None = None
    ) -> bool:
        """True when the save may go ahead."""
        key = "|".join(sorted(normalise_name(name).casefold() for name in names if name))
        self.conflicts = case_party_conflicts(user=user, names=names, exclude_case=exclude_case)
        if not self.conflicts:
            return True
        confirmed = self.cleaned_data.get("confirm") and self.cleaned_data["checked_names"] == key
        if confirmed:
            return True
        data = self.data.copy()
        data[self.add_prefix("checked_names")] = key
        data[self.add_prefix("confirm")] = ""
        self.data = data
        return False


class PartyRowForm(forms.Form):
    """One party at intake: a member of ours by code, or anyone by name."""

    side = forms.ChoiceField(label=_("Side"), choices=CaseParty.Side.choices)
    role = forms.ChoiceField(label=_("Role"), choices=CaseParty.PartyRole.choices)
    member_code = forms.CharField(
        label=_("Member code"),
        max_length=32,
        required=False,
        help_text=_("For a member of ours: the code, never the name."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        code, name = data.get("member_code", "").strip(), data.get("name", "").strip()
        data["member"] = None
        if code and name:
            self.add_error("name", _("Give a member's code or a name, not both."))
        elif code:
            data["member"] = _member(self, self.user, code)
        # A row with neither (its side and role are always sent) is a row left empty.
        return data

    def party(self) -> PartyInput | None:
        data = self.cleaned_data
        if not data or (data["member"] is None and not data["name"].strip()):
            return None
        return PartyInput(
            side=data["side"], role=data["role"], name=data["name"], member=data["member"]
        )


def _member(form: forms.Form, user: Any, code: str) -> Member | None:
    try:
        return member_by_code(user=user, code=code)
    except Member.DoesNotExist:
        form.add_error("member_code", _("No member has the code “%(code)s”.") % {"code": code})
    except Member.MultipleObjectsReturned:
        form.add_error(
            "member_code",
            _("Several groups have a member with the code “%(code)s”.") % {"code": code},
        )
    return None


class BasePartyFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def parties(self) -> list[PartyInput]:
        return [p for p in (form.party() for form in self.forms) if p is not None]

    def names(self) -> list[str]:
        return [p.name for p in self.parties() if p.member is None]

    def add_service_error(self, messages: list[str]) -> None:
        self._non_form_errors = self.error_class(messages)


PartyFormSet = forms.formset_factory(
    PartyRowForm, formset=BasePartyFormSet, extra=4, max_num=30, validate_max=True
)


class _CaseFields(ConflictCheck):
    """What opening and editing a case share: land, lawyers and the person reminded."""

    claims = forms.ModelMultipleChoiceField(
        label=_("Claims it concerns"), queryset=Claim.objects.none(), required=False, widget=_PICK
    )
    more_claims = forms.CharField(
        label=_("Other claims, by number"),
        required=False,
        help_text=_("Claim numbers separated by commas, such as 12, 15."),
    )
    parcels = forms.ModelMultipleChoiceField(
        label=_("Parcels it concerns"),
        queryset=Parcel.objects.none(),
        required=False,
        widget=_PICK,
    )
    lawyers = forms.ModelMultipleChoiceField(
        label=_("Our lawyers"), queryset=Lawyer.objects.none(), required=False, widget=_PICK
    )
    responsible = forms.ModelChoiceField(
        label=_("Person reminded of its dates"),
        queryset=Lawyer.objects.none(),
        required=False,
        empty_label=_("nobody"),
    )

    def _set_choices(self, user: Any, claims: QuerySet[Claim], parcels: QuerySet[Parcel]) -> None:
        self.user = user
        # Bounded by construction: the claims of one claim, parcel, group or case.
        self.fields["claims"].queryset = claims.order_by("pk")
        self.fields["claims"].label_from_instance = _claim_label
        self.fields["parcels"].queryset = (
            parcels.select_related("mouza").prefetch_related("dags").order_by("pk")
        )
        self.fields["parcels"].label_from_instance = _parcel_label
        self.fields["lawyers"].queryset = lawyer_list(user=user)
        scope = scope_for(user)
        responsible = self.fields["responsible"]
        responsible.queryset = case_responsible_choices(
            organisation_id=scope.organisation_id if scope else None
        )
        responsible.label_from_instance = _user_label

    def clean_more_claims(self) -> list[Claim]:
        numbers = _numbers(self.cleaned_data["more_claims"])
        found = list(Claim.objects.visible_to(self.user).filter(pk__in=numbers))
        missing = sorted(set(numbers) - {claim.pk for claim in found})
        if missing:
            raise ValidationError(
                _("No claim numbered %(numbers)s.")
                % {"numbers": ", ".join(str(n) for n in missing)}
            )
        return found

    def linked_claims(self) -> list[Claim]:
        data = self.cleaned_data
        return list({c.pk: c for c in [*data["claims"], *data["more_claims"]]}.values())


SHOWN_FOR: dict[str, tuple[str, list[str]]] = {
    "police_station": ("case_type", sorted(POLICE_CASE_TYPES)),
    "police_case_no": ("case_type", sorted(POLICE_CASE_TYPES)),
    "bench": ("forum_level", sorted(BENCH_FORUMS)),
}


def _mark_shown_for(form: forms.BaseForm) -> None:
    """Fields only some types or forums have are hidden for the others by
    static/js/case_intake.js; the service decides."""
    for name, (control, values) in SHOWN_FOR.items():
        if name in form.fields:
            form.fields[name].widget.attrs["data-show-when"] = f"{control}:{','.join(values)}"


_COURT_BN = forms.CharField(
    label=_("Court, in Bengali"),
    max_length=200,
    required=False,
    help_text=_("Shown on Bangla pages; empty: the name above is shown."),
)


class CourtPicker(forms.Select):
    """A type-ahead (static/js/controls.js) over the courts the organisation's cases name,
    in English and Bengali; picking one fills the court's two name fields
    (static/js/case_intake.js). Typing the name instead works as before."""

    def __init__(self) -> None:
        super().__init__(attrs={"data-typeahead": "", "data-court-picker": ""})


def _court_picker(user: Any) -> forms.ChoiceField:
    courts = court_name_list(user=user)
    choices = [("", gettext("— type to search —"))]
    choices += [(en, f"{en} · {bn}" if bn else en) for en, bn in courts]
    field = forms.ChoiceField(
        label=_("Find a court already recorded"), choices=choices, required=False
    )
    field.widget = CourtPicker()
    field.widget.choices = choices
    field.widget.attrs["data-courts"] = json.dumps(dict(courts), ensure_ascii=False)
    return field


def _pick_lawyers(form: forms.BaseForm) -> None:
    """The lawyers as a type-ahead of several (controls.js), not a wall of check boxes."""
    form.fields["lawyers"].widget = forms.SelectMultiple(attrs={"data-typeahead": ""})
    form.fields["lawyers"].widget.choices = form.fields["lawyers"].choices
    form.fields["responsible"].widget.attrs["data-typeahead"] = ""


def _number_forms() -> str:
    return json.dumps({key: gettext(form) for key, form in CASE_NUMBER_FORMS.items()})


class CaseOpenForm(_CaseFields):
    """Opening a case at /cases/new/, pre-filled from a claim, parcel or group."""

    case_type = forms.ChoiceField(label=_("Type of case"), choices=CaseType.choices)
    forum_level = forms.ChoiceField(label=_("Forum"), choices=ForumLevel.choices)
    court_name = forms.CharField(label=_("Court"), max_length=200)
    court_name_bn = _COURT_BN
    bench = forms.CharField(label=_("Bench"), max_length=120, required=False)
    number = DigitsField(
        label=_("Number"),
        max_length=40,
        help_text=_("The court's own number only, such as 364 or 682 (F)."),
    )
    filed_on = LocalDateField(label=_("Filed on"), required=False)
    year = LocalIntegerField(
        label=_("Year"), required=False, help_text=_("Empty: the year it was filed.")
    )
    police_station = forms.CharField(label=_("Police station"), max_length=120, required=False)
    police_case_no = DigitsField(label=_("Police case number"), max_length=40, required=False)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=AdminArea.objects.none(), widget=QuickSelect
    )
    our_role = forms.ChoiceField(label=_("Our side"), choices=LegalCase.OurRole.choices)
    members_accused = forms.CharField(
        label=_("Members accused"),
        required=False,
        help_text=_("Codes of our members accused in this case, separated by commas."),
    )
    summary = forms.CharField(label=_("Summary"), widget=_TEXT, required=False)

    field_order = [
        "case_type", "forum_level", "court_name", "court_name_bn", "bench", "number", "filed_on",
        "year",
        "police_station", "police_case_no", "district", "our_role",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Any, prefill: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidates = case_claim_candidates(user=user, **prefill)
        parcels = Parcel.objects.visible_to(user).filter(
            Q(pk=prefill.get("parcel", 0)) | Q(pk__in=candidates.values("parcels"))
        )
        self._set_choices(user, candidates, parcels)
        scope = scope_for(user)
        districts = AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)
        if scope is not None and scope.district_ids is not None:
            districts = districts.filter(pk__in=scope.district_ids)
        self.fields["district"].queryset = districts.order_by("name_en")
        self.fields["district"].label_from_instance = _area_label
        first = candidates.select_related("district").first()
        if first is not None and not self.is_bound:
            self.initial.update(
                district=first.district_id,
                claims=[c.pk for c in candidates],
                parcels=[p.pk for p in parcels],
            )
        self.fields["court_pick"] = _court_picker(user)
        _pick_lawyers(self)
        self.number_forms = _number_forms()
        _mark_shown_for(self)

    def clean_members_accused(self) -> list[Member]:
        members = []
        for code in _codes(self.cleaned_data["members_accused"]):
            member = _member(self, self.user, code)
            if member is not None:
                members.append(member)
        return members

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("year") and data.get("filed_on"):
            data["year"] = data["filed_on"].year
        if not data.get("year") and "year" not in self.errors:
            self.add_error("year", _("Give the year, or the date it was filed."))
        if data.get("case_type") in POLICE_CASE_TYPES and not data.get("police_station"):
            self.add_error(
                "police_station", _("A GR case starts from a police case: name its station.")
            )
        return data

    def display_no(self) -> str:
        """The number as the court writes it, from what was typed."""
        data = getattr(self, "cleaned_data", {})
        if not data.get("number") or not data.get("year"):
            return ""
        return LegalCase(
            case_type=data.get("case_type", ""), number=data["number"], year=data["year"]
        ).display_no

    def service_kwargs(self, parties: list[PartyInput]) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("case_type", "forum_level", "court_name", "court_name_bn", "bench", "number",
                 "year", "filed_on", "police_station", "police_case_no", "district", "our_role",
                 "summary", "lawyers", "responsible")  # fmt: skip
        accused = [
            PartyInput(side=CaseParty.Side.OURS, role=CaseParty.PartyRole.ACCUSED, member=m)
            for m in data["members_accused"]
        ]
        return {
            **{name: data[name] for name in names},
            "lawyers": list(data["lawyers"]),
            "claims": self.linked_claims(),
            "parcels": list(data["parcels"]),
            "parties": [*parties, *accused],
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)


class CaseEditForm(_CaseFields):
    """Correcting a case at /cases/<id>/edit/ (the fields of CASE_EDITABLE), carrying the
    version and the values the page showed (see core/concurrency.py)."""

    forum_level = forms.ChoiceField(label=_("Forum"), choices=ForumLevel.choices)
    court_name = forms.CharField(label=_("Court"), max_length=200)
    court_name_bn = _COURT_BN
    bench = forms.CharField(label=_("Bench"), max_length=120, required=False)
    police_station = forms.CharField(label=_("Police station"), max_length=120, required=False)
    police_case_no = DigitsField(label=_("Police case number"), max_length=40, required=False)
    our_role = forms.ChoiceField(label=_("Our side"), choices=LegalCase.OurRole.choices)
    summary = forms.CharField(label=_("Summary"), widget=_TEXT, required=False)
    cost_bdt = LocalDecimalField(label=_("Cost (BDT)"), min_value=0, decimal_places=2)
    version = VersionField()

    # The case's plain fields whose shown value travels with the form as seen_<name>.
    SEEN = ("forum_level", "court_name", "court_name_bn", "bench", "police_station",
            "police_case_no", "our_role", "summary", "cost_bdt", "status")  # fmt: skip
    PLAIN = ("forum_level", "court_name", "court_name_bn", "bench", "police_station",
             "police_case_no", "our_role", "summary", "cost_bdt")  # fmt: skip

    # Links whose shown ids travel with the form too, so a refused save can be redone on top
    # of the other person's change (see `rebase`); the service compares only the plain ones.
    LINKS = ("claims", "parcels", "lawyers", "responsible")

    def __init__(self, *args: Any, user: Any, case: LegalCase, **kwargs: Any) -> None:
        initial = {name: getattr(case, name) for name in self.PLAIN}
        links = _links(case)
        initial.update(
            version=case.version,
            **{**links, "responsible": case.responsible_id},
            **{f"seen_{name}": str(getattr(case, name)) for name in self.SEEN},
            **{f"seen_{name}": _joined(ids) for name, ids in links.items()},
        )
        super().__init__(*args, initial=initial, **kwargs)
        for name in (*self.SEEN, *self.LINKS):
            self.fields[f"seen_{name}"] = forms.CharField(widget=forms.HiddenInput, required=False)
        claims = Claim.objects.visible_to(user).filter(cases=case)
        parcels = Parcel.objects.visible_to(user).filter(
            Q(cases=case) | Q(pk__in=claims.values("parcels"))
        )
        self._set_choices(user, claims, parcels)
        self.fields["court_pick"] = _court_picker(user)
        _pick_lawyers(self)
        _mark_shown_for(self)
        self.case = case

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.PLAIN},
            "responsible": data["responsible"],
            "lawyers": list(data["lawyers"]),
            "claims": self.linked_claims(),
            "parcels": list(data["parcels"]),
        }

    def concurrency(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "seen": {name: data.get(f"seen_{name}", "") for name in self.SEEN},
        }

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)

    def rebase(self, case: LegalCase) -> None:
        """After a refused save: what this person changed stays as typed; every other field
        now shows the case as it is, and the form carries its current version, so saving
        again applies their changes on top of the other person's instead of undoing them."""
        data = self.data.copy()
        for name in self.PLAIN:
            if _same(data.get(name, ""), data.get(f"seen_{name}", "")):
                data[name] = _shown(getattr(case, name))
        for name, ids in _links(case).items():
            if _joined(data.getlist(name)) == data.get(f"seen_{name}", ""):
                data.setlist(name, [str(i) for i in ids])
            data[f"seen_{name}"] = _joined(ids)
        for name in self.SEEN:
            data[f"seen_{name}"] = str(getattr(case, name))
        data["version"] = str(case.version)
        self.data = data


def _links(case: LegalCase) -> dict[str, list[int]]:
    return {
        "claims": list(case.claims.values_list("pk", flat=True)),
        "parcels": list(case.parcels.values_list("pk", flat=True)),
        "lawyers": list(case.lawyers.values_list("pk", flat=True)),
        "responsible": [case.responsible_id] if case.responsible_id else [],
    }


def _joined(ids: Sequence[Any]) -> str:
    return ",".join(sorted(str(i) for i in ids if str(i)))


def _same(typed: str, seen: str) -> bool:
    """Browsers send a textarea's line breaks as CRLF."""
    return typed.replace("\r\n", "\n").strip() == seen.replace("\r\n", "\n").strip()


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


class PartyAddForm(CaseWriteForm):
    """Adding a party on the case page, after the conflict check for a name."""

    prefix_name = "party"
    service_fields = {"member": "member_code"}

    side = forms.ChoiceField(label=_("Side"), choices=CaseParty.Side.choices)
    role = forms.ChoiceField(label=_("Role"), choices=CaseParty.PartyRole.choices)
    member_code = forms.CharField(
        label=_("Member code"),
        max_length=32,
        required=False,
        help_text=_("For a member of ours: the code, never the name."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    confirm = ConflictCheck.base_fields["confirm"]
    checked_names = ConflictCheck.base_fields["checked_names"]

    conflicts: list[PartyConflict]
    check_conflicts = ConflictCheck.check_conflicts

    def __init__(self, *args: Any, user: Any = None, case: LegalCase | None = None, **kw: Any):
        super().__init__(*args, **kw)
        self.user, self.case, self.conflicts = user, case, []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        code, name = data.get("member_code", "").strip(), data.get("name", "").strip()
        data["member"] = None
        if code and name:
            self.add_error("name", _("Give a member's code or a name, not both."))
        elif code:
            data["member"] = _member(self, self.user, code)
        elif not name:
            self.add_error("name", _("Give the party's name or a member's code."))
        elif not self.errors and not self.check_conflicts(self.user, [name], self.case):
            raise ValidationError(
                gettext("Other cases have a party of this name; look at them first.")
            )
        return data


class PartyRemoveForm(CaseWriteForm):
    prefix_name = "remove"


def appeal_choices(case: LegalCase) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The types of case that may be filed against `case`, and the forums they go to."""
    paths = APPEAL_PATHS.get(case.case_type, {})
    types = [(t, str(CaseType(t).label)) for t in paths]
    forums = list(dict.fromkeys(f for forums in paths.values() for f in forums))
    return types, [(f, str(ForumLevel(f).label)) for f in forums]


class AppealForm(CaseWriteForm):
    """Filing an appeal, revision or leave petition against the case."""

    prefix_name = "appeal"

    case_type = forms.ChoiceField(label=_("File"))
    forum_level = forms.ChoiceField(label=_("In"))
    court_name = forms.CharField(label=_("Court"), max_length=200)
    court_name_bn = _COURT_BN
    bench = forms.CharField(label=_("Bench"), max_length=120, required=False)
    number = DigitsField(
        label=_("Number"),
        max_length=40,
        help_text=_("The court's own number only, such as 364 or 682 (F)."),
    )
    filed_on = LocalDateField(label=_("Filed on"))
    year = LocalIntegerField(
        label=_("Year"), required=False, help_text=_("Empty: the year it was filed.")
    )
    our_role = forms.ChoiceField(label=_("Our side"), choices=LegalCase.OurRole.choices)

    def __init__(self, *args: Any, case: LegalCase, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["court_pick"] = _court_picker(user)
            self.order_fields(["case_type", "forum_level", "court_pick", "court_name"])
        types, forums = appeal_choices(case)
        self.fields["case_type"].choices = types
        self.fields["forum_level"].choices = forums
        self.fields["our_role"].initial = appeal_our_role(case)
        self.number_forms = _number_forms()
        _mark_shown_for(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("year") and data.get("filed_on"):
            data["year"] = data["filed_on"].year
        return data


class LawyerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = DigitsField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    bar = forms.CharField(label=_("Bar association"), max_length=120, required=False)
    user = forms.ModelChoiceField(
        label=_("Signs in as"),
        queryset=Lawyer.objects.none(),
        required=False,
        empty_label=_("no account"),
        help_text=_("A lawyer who uses landclaims: their own account."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        field = self.fields["user"]
        field.queryset = organisation_users(
            organisation_id=scope.organisation_id if scope else None
        )
        field.label_from_instance = _user_label

    def add_service_error(self, error: ValidationError) -> None:
        add_service_errors(self, error)
