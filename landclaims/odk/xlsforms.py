"""The field forms, written as XLSForms in Python and turned into XForms by pyxform.

Each form is a dict of XLSForm sheets ("survey", "choices", "settings") built from the
models' own choices, so a new choice reaches the phones without editing a form. Labels come
in English and Bangla from the project's translations; the XForm does not depend on the
language of the request, so it is built once per process. The answer names are the
contract with the protocol and the applying (see docs of landclaims/odk and the issue 22
contract): never rename one, phones keep filled-in forms by them.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from gis.units import AREA_UNITS, UNIT_LABELS
from landclaims.core.permissions import CASE_WRITERS, CLAIM_WRITERS, GROUP_WORK_WRITERS
from landclaims.core.scoping import scope_for
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.incidents.models import Incident
from landclaims.parcels.models import LandClass
from landclaims.places.models import SurveySeries
from landclaims.training.models import Community

# The six forms, by their stable form_id (never renamed: phones keep filled-in forms by it).
FORM_IDS = ("lc_group", "lc_parcel", "lc_incident", "lc_hearing", "lc_savings", "lc_training")

EN = "English (en)"
BN = "Bangla (bn)"
_LANGUAGES = ((EN, "en"), (BN, "bn"))

# What a phone may type as a phone number: digits (Bengali or ASCII), an optional leading +,
# spaces and dashes.
_PHONE = "^[+]?[0-9\u09e6-\u09ef -]{6,20}$"  # \u09e6-\u09ef: Bengali digits
_NOT_FUTURE = ". <= today()"


@dataclass(frozen=True)
class BuiltForm:
    form_id: str
    title: str  # in the active language
    version: str  # changes only when the form's definition changes
    xml: bytes  # the XForm
    md5: str  # hex MD5 of `xml` (the form list's hash is "md5:" + this)
    media: tuple[str, ...]  # the CSV choice lists it uses, e.g. ("groups.csv",)


@dataclass(frozen=True)
class _Converted:
    version: str
    xml: bytes
    md5: str
    media: tuple[str, ...]


# Text in both languages ------------------------------------------------------------------


def _both(column: str, text: str | Promise) -> dict[str, str]:
    """`column` ("label", "hint", ...) in English and Bangla, from the project's translations."""
    out = {}
    for xls_language, code in _LANGUAGES:
        with translation.override(code):
            out[f"{column}::{xls_language}"] = str(text)
    return out


def _q(
    kind: str,
    name: str,
    label: str | Promise,
    *,
    hint: str | Promise | None = None,
    constraint: str = "",
    constraint_message: str | Promise | None = None,
    **columns: str,
) -> dict[str, str]:
    """One row of the survey sheet."""
    row = {"type": kind, "name": name, **_both("label", label), **columns}
    if hint is not None:
        row.update(_both("hint", hint))
    if constraint:
        row["constraint"] = constraint
        if constraint_message is not None:
            row.update(_both("constraint_message", constraint_message))
    if row.get("required") == "yes":
        row.update(_both("required_message", _("This answer is needed.")))
    return row


def _from_file(name: str, list_name: str, label: str | Promise, **columns: Any) -> dict[str, str]:
    return _q(f"select_one_from_file {list_name}.csv", name, label, **columns)


def _choices(list_name: str, pairs: Iterable[tuple[str, str | Promise]]) -> list[dict[str, str]]:
    """Rows of the choices sheet; codes are the models' stable codes, labels translated."""
    return [
        {"list_name": list_name, "name": code, **_both("label", label)}
        for code, label in pairs
        if code  # "" (not recorded) is no choice on a phone: leave the question unanswered
    ]


def _text_choices(list_name: str, choices: type[models.TextChoices]) -> list[dict[str, str]]:
    return _choices(list_name, choices.choices)


def _count(name: str, label: str | Promise) -> dict[str, str]:
    """A count of people: 0 unless changed, never negative."""
    return _q(
        "integer",
        name,
        label,
        default="0",
        constraint=". >= 0",
        constraint_message=_("A count cannot be below zero."),
    )


def _date_not_future(name: str, label: str | Promise, **columns: Any) -> dict[str, str]:
    return _q(
        "date",
        name,
        label,
        constraint=_NOT_FUTURE,
        constraint_message=_("This date cannot be in the future."),
        **columns,
    )


def _yes_no() -> list[dict[str, str]]:
    return _choices("yes_no", [("yes", _("Yes")), ("no", _("No"))])


def _area_units() -> list[dict[str, str]]:
    """The units of gis.units (an organisation's own local units are not offered on phones:
    the form is the same for every organisation)."""
    rows = []
    for unit in AREA_UNITS:
        english, bengali = UNIT_LABELS[unit]
        rows.append(
            {
                "list_name": "area_unit",
                "name": unit,
                f"label::{EN}": english,
                f"label::{BN}": bengali,
            }
        )
    return rows


def _sheets(
    form_id: str, survey: list[dict[str, str]], choices: list[dict[str, str]], instance_name: str
) -> dict[str, list[dict[str, str]]]:
    """The form's XLSForm sheets; its title in English (the form list names it in the
    phone user's language) and `instance_name` telling filled-in forms apart on the phone."""
    with translation.override("en"):
        english_title = str(FORM_TITLES[form_id])
    settings = {
        "form_id": form_id,
        "form_title": english_title,
        "default_language": EN,
        "instance_name": instance_name,
    }
    return {"survey": survey, "choices": choices, "settings": [settings]}


def _choice_name(name: str) -> str:
    """The chosen option's label in the phone's language, for the instance name."""
    return f"jr:choice-name(${{{name}}}, '${{{name}}}')"


def _instance_name(*parts: str) -> str:
    return "concat(" + ", ' · ', ".join(parts) + ")"


# The six forms ---------------------------------------------------------------------------


def _group_form() -> dict[str, list[dict[str, str]]]:
    survey = [
        _from_file(
            "village",
            "villages",
            _("Village"),
            required="yes",
            hint=_("The village where the group meets."),
        ),
        _q("text", "name_bn", _("Group name in Bengali"), required="yes"),
        _q("text", "name_en", _("Group name in English letters")),
        _q("select_one group_sex", "sex", _("Women's or men's group"), required="yes"),
        _date_not_future("formed_on", _("Formed on")),
        _q("select_one weekday", "meeting_day", _("Meeting day")),
        {"type": "begin_repeat", "name": "member", **_both("label", _("Member"))},
        _q(
            "text",
            "code",
            _("Member code"),
            required="yes",
            hint=_("The group's own code for this member, not their name."),
        ),
        _q("text", "name_bn", _("Name in Bengali")),
        _q("text", "name_en", _("Name in English letters")),
        _q("select_one member_sex", "sex", _("Sex"), required="yes"),
        _q(
            "select_one priority_category",
            "priority_category",
            _("Priority category of the khas land policy"),
            required="yes",
        ),
        _q("select_one yes_no", "is_household_head", _("Head of the household?")),
        _q(
            "text",
            "phone",
            _("Phone"),
            constraint=f"regex(., '{_PHONE}')",
            constraint_message=_("Digits only, with an optional + at the start."),
            appearance="numbers",
        ),
        _date_not_future("joined_on", _("Joined on")),
        {"type": "end_repeat"},
    ]
    choices = [
        *_text_choices("group_sex", LandlessGroup.Sex),
        *_text_choices("weekday", LandlessGroup.Weekday),
        *_text_choices("member_sex", Member.Sex),
        *_text_choices("priority_category", PriorityCategory),
        *_yes_no(),
    ]
    # The member repeat has a name_bn too, so ${name_bn} would be ambiguous here; /data is
    # the root pyxform gives every form.
    instance_name = _instance_name("/data/name_bn", _choice_name("village"))
    return _sheets("lc_group", survey, choices, instance_name)


def _parcel_form() -> dict[str, list[dict[str, str]]]:
    walked = "${boundary_how} = 'walked'"
    survey = [
        _from_file("mouza", "mouzas", _("Mouza"), required="yes"),
        _q("select_one survey", "survey", _("Survey series"), required="yes"),
        _q(
            "text",
            "dag_nos",
            _("Dag numbers"),
            required="yes",
            hint=_("Separate several dag numbers with commas or spaces."),
        ),
        _q("select_one land_class", "land_class", _("Land class"), required="yes"),
        _q("text", "jl_no", _("JL no.")),
        _q("text", "khatian_no", _("Khatian no.")),
        _q(
            "decimal",
            "area_value",
            _("Area as written on the paper"),
            constraint=". > 0",
            constraint_message=_("The area must be more than zero."),
        ),
        _q(
            "select_one area_unit",
            "area_unit",
            _("Area unit"),
            relevant="${area_value} != ''",
            required="yes",
        ),
        _q("select_one boundary_how", "boundary_how", _("Boundary"), required="yes"),
        _q(
            "geoshape",
            "boundary",
            _("Walk the boundary"),
            relevant=walked,
            required="yes",
            hint=_("Walk around the land and add a point at each corner."),
        ),
        _q("text", "notes", _("Notes"), appearance="multiline"),
    ]
    how = [("walked", _("Walked with the phone's GPS")), ("paper", _("Paper reference only"))]
    choices = [
        *_text_choices("survey", SurveySeries),
        *_text_choices("land_class", LandClass),
        *_area_units(),
        *_choices("boundary_how", how),
    ]
    instance_name = _instance_name(_choice_name("mouza"), "${dag_nos}")
    return _sheets("lc_parcel", survey, choices, instance_name)


def _incident_form() -> dict[str, list[dict[str, str]]]:
    survey = [
        _q("select_one incident_kind", "kind", _("Kind of incident"), required="yes"),
        _date_not_future("occurred_on", _("Occurred on"), required="yes", default="today()"),
        _q("geopoint", "location", _("Where it happened")),
        _from_file("group", "groups", _("Group affected")),
        _from_file("claim", "claims", _("Claim concerned")),
        _count("women_affected", _("Women affected")),
        _count("men_affected", _("Men affected")),
        _count("others_affected", _("Others affected")),
        _q("text", "perpetrators", _("Perpetrators")),
        _q("text", "police_station", _("Police station")),
        _q("text", "gd_fir_no", _("GD/FIR no.")),
        _q("text", "description", _("What happened"), appearance="multiline"),
        {"type": "begin_repeat", "name": "photos", **_both("label", _("Photo"))},
        # Phones take 4000-pixel photos; 2000 is enough to read a document and sends faster.
        _q("image", "photo", _("Take a photo"), parameters="max-pixels=2000"),
        {"type": "end_repeat"},
    ]
    instance_name = _instance_name(_choice_name("kind"), "${occurred_on}")
    return _sheets(
        "lc_incident", survey, _text_choices("incident_kind", Incident.Kind), instance_name
    )


def _hearing_form() -> dict[str, list[dict[str, str]]]:
    adjourned = "${outcome} = 'adjourned'"
    # hearings.csv carries each hearing's date: the next date must come after it.
    scheduled = "instance('hearings')/root/item[name = ${hearing}]/scheduled_on"
    survey = [
        _from_file("hearing", "hearings", _("Hearing"), required="yes"),
        _q("select_one outcome", "outcome", _("What happened at the hearing"), required="yes"),
        _q(
            "date",
            "next_on",
            _("Next date"),
            relevant=adjourned,
            required="yes",
            constraint=f". > date({scheduled})",
            constraint_message=_("The next date must be after the hearing's date."),
        ),
        _q("text", "purpose", _("Purpose of the next date"), relevant=adjourned),
        _q("text", "note", _("Note"), appearance="multiline"),
    ]
    choices = _choices("outcome", [("held", _("Held")), ("adjourned", _("Adjourned"))])
    instance_name = _instance_name(_choice_name("hearing"), _choice_name("outcome"))
    return _sheets("lc_hearing", survey, choices, instance_name)


def _savings_form() -> dict[str, list[dict[str, str]]]:
    not_negative = {
        "constraint": ". >= 0",
        "constraint_message": _("An amount cannot be below zero."),
    }
    survey = [
        _from_file("group", "groups", _("Landless group"), required="yes"),
        _date_not_future("met_on", _("Meeting date"), required="yes", default="today()"),
        _q(
            "integer",
            "members_present",
            _("Members present"),
            constraint=". >= 0",
            constraint_message=_("A count cannot be below zero."),
        ),
        _q("decimal", "cash_taka", _("Cash collected (taka)"), **not_negative),
        _q("decimal", "rice_kg", _("Rice collected (kg)"), **not_negative),
        _q(
            "decimal",
            "rice_price_taka",
            _("Price of rice (taka per kg)"),
            relevant="${rice_kg} > 0",
            required="yes",
            constraint=". > 0",
            constraint_message=_("The price must be more than zero."),
        ),
        _q("text", "decisions", _("Decisions on the use of savings"), appearance="multiline"),
    ]
    instance_name = _instance_name(_choice_name("group"), "${met_on}")
    return _sheets("lc_savings", survey, [], instance_name)


def _training_form() -> dict[str, list[dict[str, str]]]:
    survey = [
        _from_file("training", "trainings", _("Training"), required="yes"),
        _from_file("group", "groups", _("Landless group"), required="yes"),
        _count("women", _("Women who attended")),
        _count("men", _("Men who attended")),
        _count("others", _("Others who attended")),
        _q("select_one community", "community", _("Community")),
    ]
    instance_name = _instance_name(_choice_name("training"), _choice_name("group"))
    return _sheets("lc_training", survey, _text_choices("community", Community), instance_name)


FORM_TITLES: dict[str, Promise] = {
    "lc_group": _("Register a group"),
    "lc_parcel": _("Record a parcel"),
    "lc_incident": _("Record an incident"),
    "lc_hearing": _("A hearing's outcome"),
    "lc_savings": _("Savings collected at a meeting"),
    "lc_training": _("Training attendance"),
}

_DEFINITIONS: dict[str, Callable[[], dict[str, list[dict[str, str]]]]] = {
    "lc_group": _group_form,
    "lc_parcel": _parcel_form,
    "lc_incident": _incident_form,
    "lc_hearing": _hearing_form,
    "lc_savings": _savings_form,
    "lc_training": _training_form,
}

# Who may send each form: the roles whose services the submission goes through.
FORM_WRITERS: dict[str, frozenset[str]] = {
    "lc_group": CLAIM_WRITERS,
    "lc_parcel": CLAIM_WRITERS,
    "lc_incident": CLAIM_WRITERS,
    "lc_hearing": CASE_WRITERS,
    "lc_savings": GROUP_WORK_WRITERS,
    "lc_training": GROUP_WORK_WRITERS,
}


# Building --------------------------------------------------------------------------------


def definition(form_id: str) -> dict[str, list[dict[str, str]]]:
    """The XLSForm of `form_id` as sheets of rows, without its version; KeyError if unknown."""
    return _DEFINITIONS[form_id]()


def version_of(sheets: dict[str, list[dict[str, str]]]) -> str:
    """A short hash of the definition: the same definition always gives the same version,
    any change (a question, a label, a new choice of a model) gives another."""
    text = json.dumps(sheets, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def media_of(sheets: dict[str, list[dict[str, str]]]) -> tuple[str, ...]:
    """The CSV files the form's select_one_from_file questions use, in order of first use."""
    names = []
    for row in sheets["survey"]:
        kind = row["type"]
        if kind.startswith("select_one_from_file "):
            name = kind.split(" ", 1)[1]
            if name not in names:
                names.append(name)
    return tuple(names)


def convert(sheets: dict[str, list[dict[str, str]]], *, validate: bool = False) -> str:
    """The XForm of `sheets`, versioned by their hash. `validate=True` runs ODK Validate
    (Java), which the tests do; the site does not, as every form is fixed in the code."""
    from pyxform.xls2xform import convert as xls2xform

    settings = {**sheets["settings"][0], "version": version_of(sheets)}
    xlsform = {**sheets, "settings": [settings]}
    return xls2xform(xlsform=xlsform, validate=validate, pretty_print=False).xform


@cache
def _converted(form_id: str) -> _Converted:
    sheets = definition(form_id)
    xml = convert(sheets).encode()
    return _Converted(
        version=version_of(sheets),
        xml=xml,
        md5=hashlib.md5(xml, usedforsecurity=False).hexdigest(),
        media=media_of(sheets),
    )


def built(form_id: str) -> BuiltForm:
    """One form, built (cached per process); KeyError for an unknown form_id."""
    if form_id not in _DEFINITIONS:
        raise KeyError(form_id)
    converted = _converted(form_id)
    return BuiltForm(
        form_id=form_id,
        title=str(FORM_TITLES[form_id]),
        version=converted.version,
        xml=converted.xml,
        md5=converted.md5,
        media=converted.media,
    )


def forms_for(user: Any) -> list[BuiltForm]:
    """The forms this person may send (by their role), in FORM_IDS order."""
    scope = scope_for(user)
    if scope is None:
        return []
    return [built(form_id) for form_id in FORM_IDS if scope.role in FORM_WRITERS[form_id]]


def xlsform_workbook(form_id: str) -> bytes:
    """The form as an XLSForm workbook (.xlsx), for a KoboToolbox project: it converts to
    the very XForm phones get here."""
    sheets = definition(form_id)
    settings_row = {**sheets["settings"][0], "version": version_of(sheets)}
    return _workbook_bytes({**sheets, "settings": [settings_row]})


def _workbook_bytes(sheets: dict[str, list[dict[str, str]]]) -> bytes:
    """Each sheet's rows under the union of their columns, in order of first use."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        columns = list(dict.fromkeys(column for row in rows for column in row))
        sheet.append(columns)
        for row in rows:
            sheet.append([str(row.get(column, "")) for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
