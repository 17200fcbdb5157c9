"""The six field forms: each passes ODK Validate, reads back with the contract's answer
names, in English and Bangla, with its CSV lists; its version follows its definition."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from defusedxml import ElementTree
from django.utils import translation

from landclaims.odk import xlsforms
from landclaims.odk.xlsforms import FORM_IDS, built, convert, definition, forms_for, version_of
from tests.factories import make_user

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "xf": "http://www.w3.org/2002/xforms",
}

# The issue 22 contract: every answer each form sends (repeats as "<repeat>/<answer>").
ANSWERS = {
    "lc_group": [
        "village", "name_bn", "name_en", "sex", "formed_on", "meeting_day", "member/code",
        "member/name_bn", "member/name_en", "member/sex", "member/priority_category",
        "member/is_household_head", "member/phone", "member/joined_on",
    ],
    "lc_parcel": [
        "mouza", "survey", "dag_nos", "land_class", "jl_no", "khatian_no", "area_value",
        "area_unit", "boundary_how", "boundary", "notes",
    ],
    "lc_incident": [
        "kind", "occurred_on", "location", "group", "claim", "women_affected", "men_affected",
        "others_affected", "perpetrators", "police_station", "gd_fir_no", "description",
        "photos/photo",
    ],
    "lc_hearing": ["hearing", "outcome", "next_on", "purpose", "note"],
    "lc_savings": [
        "group", "met_on", "members_present", "cash_taka", "rice_kg", "rice_price_taka",
        "decisions",
    ],
    "lc_training": ["training", "group", "women", "men", "others", "community"],
}  # fmt: skip

MEDIA = {
    "lc_group": ("villages.csv",),
    "lc_parcel": ("mouzas.csv",),
    "lc_incident": ("groups.csv", "claims.csv"),
    "lc_hearing": ("hearings.csv",),
    "lc_savings": ("groups.csv",),
    "lc_training": ("trainings.csv", "groups.csv"),
}

BENGALI = re.compile("[\u0980-\u09ff]")


def _model(xml: str | bytes) -> Any:
    root = ElementTree.fromstring(xml)
    return root.find("h:head/xf:model", NS)


def _binds(model: Any) -> dict[str, dict[str, str]]:
    return {
        bind.get("nodeset").removeprefix("/data/"): bind.attrib
        for bind in model.findall("xf:bind", NS)
        if not bind.get("nodeset").startswith("/data/meta/")
    }


def _translations(model: Any) -> dict[str, dict[str, str]]:
    """Each itext language: text id -> its text (the default form of it)."""
    languages = {}
    for translation_ in model.findall("xf:itext/xf:translation", NS):
        texts = {}
        for text in translation_.findall("xf:text", NS):
            value = text.find("xf:value", NS)
            texts[text.get("id")] = "".join(value.itertext()) if value is not None else ""
        languages[translation_.get("lang")] = texts
    return languages


@pytest.fixture(scope="module", params=FORM_IDS)
def validated(request: Any) -> tuple[str, str]:
    """Each form converted with ODK Validate (Java) run on it: pyxform raises on an error."""
    form_id = request.param
    return form_id, convert(definition(form_id), validate=True)


def test_every_form_passes_odk_validate_and_names_itself_with_its_version(validated) -> None:
    form_id, xml = validated
    instance = _model(xml).find("xf:instance/xf:data", NS)
    assert instance.get("id") == form_id
    assert instance.get("version") == built(form_id).version
    assert re.fullmatch(r"[0-9a-f]{12}", instance.get("version"))
    # The phone's list of filled-in forms names each one from its answers.
    name = _model(xml).find("xf:bind[@nodeset='/data/meta/instanceName']", NS)
    assert name is not None and name.get("calculate").startswith("concat(")


def test_every_form_sends_exactly_the_answers_of_the_contract(validated) -> None:
    form_id, xml = validated
    binds = _binds(_model(xml))
    assert sorted(binds) == sorted(ANSWERS[form_id])


def test_dates_places_photos_and_counts_have_their_odk_types() -> None:
    types = {
        form_id: {
            name: bind.get("type") for name, bind in _binds(_model(built(form_id).xml)).items()
        }
        for form_id in FORM_IDS
    }
    assert types["lc_parcel"]["boundary"] == "geoshape"
    assert types["lc_incident"]["location"] == "geopoint"
    assert types["lc_incident"]["photos/photo"] == "binary"
    assert types["lc_incident"]["women_affected"] == "int"
    assert types["lc_savings"]["cash_taka"] == "decimal"
    assert types["lc_hearing"]["next_on"] == "date"
    assert types["lc_group"]["member/joined_on"] == "date"


def test_every_question_and_choice_has_english_and_a_bangla_label_in_bengali_script(
    validated,
) -> None:
    form_id, xml = validated
    languages = _translations(_model(xml))
    assert set(languages) == {"English (en)", "Bangla (bn)"}
    english, bangla = languages["English (en)"], languages["Bangla (bn)"]
    assert set(english) == set(bangla)
    questions = [f"{name}:label" for name in ANSWERS[form_id]]
    for text_id in questions:
        assert english[f"/data/{text_id}"].strip()
    untranslated = {key: text for key, text in bangla.items() if not BENGALI.search(text)}
    assert untranslated == {}


def test_each_form_reads_its_csv_lists_from_the_phones_media(validated) -> None:
    form_id, xml = validated
    model = _model(xml)
    sources = {
        instance.get("id"): instance.get("src")
        for instance in model.findall("xf:instance", NS)
        if instance.get("src")
    }
    expected = {name.removesuffix(".csv"): f"jr://file-csv/{name}" for name in MEDIA[form_id]}
    assert sources == expected
    assert built(form_id).media == MEDIA[form_id]


def test_required_questions_are_required_and_conditional_ones_relevant() -> None:
    parcel = _binds(_model(built("lc_parcel").xml))
    assert parcel["mouza"].get("required") == "true()"
    assert "walked" in parcel["boundary"].get("relevant")
    hearing = _binds(_model(built("lc_hearing").xml))
    assert "adjourned" in hearing["next_on"].get("relevant")
    savings = _binds(_model(built("lc_savings").xml))
    assert "rice_kg" in savings["rice_price_taka"].get("relevant")
    assert savings["cash_taka"].get("constraint") == ". >= 0"
    incident = _binds(_model(built("lc_incident").xml))
    assert incident["occurred_on"].get("constraint") == ". <= today()"


def test_the_version_stays_while_the_definition_stays() -> None:
    for form_id in FORM_IDS:
        assert version_of(definition(form_id)) == version_of(definition(form_id))
        assert built(form_id).version == version_of(definition(form_id))


def test_the_version_changes_with_a_label_a_question_or_a_new_choice() -> None:
    sheets = definition("lc_incident")
    relabelled = copy.deepcopy(sheets)
    relabelled["survey"][0]["label::English (en)"] = "Kind of event"
    asked_more = copy.deepcopy(sheets)
    asked_more["survey"].insert(3, {"type": "text", "name": "witness", "label::English (en)": "W"})
    new_choice = copy.deepcopy(sheets)
    new_choice["choices"].append(
        {"list_name": "incident_kind", "name": "flood", "label::English (en)": "Flood"}
    )
    versions = {version_of(s) for s in (sheets, relabelled, asked_more, new_choice)}
    assert len(versions) == 4
    assert version_of(new_choice) in convert(new_choice)


def test_the_form_does_not_depend_on_the_language_of_the_request() -> None:
    with translation.override("bn"):
        bangla_page = convert(definition("lc_group"))
    with translation.override("en"):
        english_page = convert(definition("lc_group"))
    assert bangla_page == english_page


def test_the_title_follows_the_active_language() -> None:
    with translation.override("bn"):
        assert built("lc_group").title == "সমিতি নিবন্ধন করুন"
    with translation.override("en"):
        assert built("lc_group").title == "Register a group"


def test_an_unknown_form_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        built("lc_unknown")


def test_built_forms_are_kept_for_the_process() -> None:
    assert built("lc_parcel").xml is built("lc_parcel").xml
    assert xlsforms._converted.cache_info().hits > 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("organiser", ["lc_group", "lc_parcel", "lc_incident", "lc_savings", "lc_training"]),
        ("legal", list(FORM_IDS)),
        ("admin", list(FORM_IDS)),
        ("monitor", []),
        ("viewer", []),
    ],
)
def test_each_role_gets_the_forms_it_may_send(org, role, expected) -> None:
    user = make_user(organisation=org, role=role)
    assert [form.form_id for form in forms_for(user)] == expected


@pytest.mark.django_db
def test_a_superuser_gets_every_form_and_a_person_without_membership_none(no_membership) -> None:
    superuser = make_user(organisation=None)
    superuser.is_superuser = True
    superuser.save()
    assert [form.form_id for form in forms_for(superuser)] == list(FORM_IDS)
    assert forms_for(no_membership) == []
