"""Each form end to end, as ODK Collect does it: list the forms, download the form and its
lists by their hashes, fill the form's own instance, HEAD then a multipart POST (with photos
where the form has them) under a phone key; the records exist afterwards, made through the
services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_schedule
from landclaims.documents.models import Document
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.odk.models import Submission
from landclaims.odk.services import field_device_issue
from landclaims.parcels.models import Parcel
from landclaims.savings.models import SavingsMeeting
from tests.factories import make_case, make_group, make_training, make_user
from tests.odk.conftest import jpeg_bytes
from tests.odk.phone import Phone, fill, instance_id_of

pytestmark = pytest.mark.django_db

MEMBER = {"sex": "female", "priority_category": "no_homestead_no_land", "is_household_head": "yes"}


def _phone(user: Any) -> Phone:
    secret = field_device_issue(user=user, name="field phone").secret
    return Phone(Client(), f"https://testserver/odk/key/{secret}/")


def _filled(phone: Phone, form_id: str, answers: dict[str, Any]) -> bytes:
    listed = {form.form_id: form for form in phone.form_list()}[form_id]
    return fill(phone.download(listed).xml, answers)


def _send(user: Any, form_id: str, answers: dict[str, Any], **photos: bytes) -> Submission:
    phone = _phone(user)
    instance = _filled(phone, form_id, answers)
    response = phone.send(instance, photos)
    assert response.status_code == 201, response.content
    submission = Submission.objects.get(instance_id=instance_id_of(instance))
    assert submission.status == Submission.Status.APPLIED, submission.problems
    return submission


def test_a_group_registered_on_a_phone(places, organiser, frozen_today) -> None:
    answers = {
        "village": str(places.village_a.pk),
        "name_bn": "চরপাড়া ভূমিহীন নারী সমিতি",
        "name_en": "Charpara Landless Women",
        "sex": "women",
        "formed_on": "2024-01-15",
        "member": [{"code": "CP-1", "name_bn": "রহিমা", **MEMBER}],
    }
    _send(organiser, "lc_group", answers)
    group = LandlessGroup.objects.get(name_en="Charpara Landless Women")
    assert list(group.members.values_list("code", flat=True)) == ["CP-1"]


def test_a_parcel_walked_on_a_phone(places, organiser) -> None:
    lat, lon, d = 24.25, 89.92, 0.0005
    corners = [(lat, lon), (lat, lon + d), (lat + d, lon + d), (lat + d, lon), (lat, lon)]
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "123",
        "land_class": "agri_khas",
        "boundary_how": "walked",
        "boundary": ";".join(f"{a} {b} 12.0 4.5" for a, b in corners),
    }
    submission = _send(organiser, "lc_parcel", answers)
    parcel = Parcel.objects.get(pk=submission.records[0]["pk"])
    assert parcel.geom.centroid.x == pytest.approx(lon + d / 2, abs=1e-6)


def test_an_incident_with_a_photo_sent_from_a_phone(places, org, organiser, frozen_today) -> None:
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "group": str(group.pk),
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "location": "24.25 89.92 10 5",
        "women_affected": "3",
        "description": "Threatened at the char",
        "photos": [{"photo": "1717.jpg"}],
    }
    photo = jpeg_bytes()
    _send(organiser, "lc_incident", answers, **{"1717.jpg": photo})
    incident = Incident.objects.get()
    document = Document.objects.get(incident=incident)
    assert document.kind == "photo"
    assert document.file.read() == photo


def test_a_hearing_adjourned_from_a_phone(org, places, frozen_today) -> None:
    legal = make_user(organisation=org, role="legal")
    case = make_case(organisation=org, district=places.district_a)
    hearing = hearing_schedule(case=case, on=date(2024, 5, 28), purpose="hearing", by=None)
    answers = {
        "hearing": str(hearing.pk),
        "outcome": "adjourned",
        "next_on": "2024-07-02",
        "purpose": "Reply of the DC",
    }
    _send(legal, "lc_hearing", answers)
    assert Hearing.objects.get(previous=hearing).scheduled_on == date(2024, 7, 2)


def test_savings_sent_from_a_phone(org, places, organiser, frozen_today) -> None:
    group = make_group(organisation=org, village=places.village_a, members_women=20)
    answers = {"group": str(group.pk), "met_on": "2024-05-31", "cash_taka": "500.50"}
    _send(organiser, "lc_savings", answers)
    assert SavingsMeeting.objects.get(group=group).entries.get(form="cash").change_poisha == 50_050


def test_training_attendance_sent_from_a_phone(org, places, organiser) -> None:
    event = make_training(organisation=org, district=places.district_a)
    group = make_group(organisation=org, village=places.village_a)
    answers = {"training": str(event.pk), "group": str(group.pk), "women": "6", "men": "2"}
    _send(organiser, "lc_training", answers)
    assert {(r.group_id, r.women, r.men) for r in event.group_attendance.all()} == {
        (group.pk, 6, 2)
    }


def test_the_same_form_sent_twice_makes_its_records_once(places, org, organiser) -> None:
    event = make_training(organisation=org, district=places.district_a)
    group = make_group(organisation=org, village=places.village_a)
    answers = {"training": str(event.pk), "group": str(group.pk), "women": "6", "men": "2"}
    phone = _phone(organiser)
    instance = _filled(phone, "lc_training", answers)
    assert phone.send(instance).status_code == 201
    applied_at = Submission.objects.get().applied_at
    assert phone.send(instance).status_code == 201
    assert Submission.objects.get().applied_at == applied_at
    assert event.group_attendance.count() == 1
