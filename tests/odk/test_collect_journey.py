"""Done when (issue 22): a phone, as ODK Collect talks to a server, lists the forms,
downloads each with its CSV choice lists (checked against the listed hashes), fills the
form's own instance with answers picked from those lists, and sends it (HEAD, then a
multipart POST, with a photo where the form takes one); each form's answers become
records through the services, and the same filled form sent again is applied once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_schedule
from landclaims.documents.models import Document
from landclaims.groups.models import LandlessGroup, Member
from landclaims.incidents.models import Incident
from landclaims.odk.models import Submission
from landclaims.odk.services import field_device_issue
from landclaims.parcels.models import Parcel
from landclaims.savings.models import SavingsMeeting
from landclaims.training.models import GroupAttendance
from tests.factories import make_case, make_group, make_training, make_user
from tests.odk.conftest import jpeg_bytes
from tests.odk.phone import DownloadedForm, Phone, fill, instance_id_of

pytestmark = pytest.mark.django_db


def phone_of(user: Any) -> Phone:
    secret = field_device_issue(user=user, name="Field phone").secret
    return Phone(Client(), f"https://testserver/odk/key/{secret}/")


def form(phone: Phone, form_id: str) -> DownloadedForm:
    listed = {item.form_id: item for item in phone.form_list()}
    return phone.download(listed[form_id])


def pick(form_: DownloadedForm, media: str, label_part: str) -> str:
    """The choice a person picks by reading its label (the value is never shown)."""
    rows = [row for row in form_.choices(media) if label_part in row["label"]]
    assert len(rows) == 1, (media, label_part, form_.choices(media))
    return rows[0]["name"]


def send(phone: Phone, form_: DownloadedForm, answers: dict[str, Any], **photos: bytes) -> bytes:
    instance = fill(form_.xml, answers)
    answer = phone.send(instance, photos)
    assert answer.status_code == 201, answer.content
    assert b"OpenRosaResponse" in answer.content
    return instance


def applied(instance: bytes) -> Submission:
    submission = Submission.objects.get(instance_id=instance_id_of(instance))
    assert submission.status == Submission.Status.APPLIED, submission.problems
    return submission


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def group(org, places):
    return make_group(
        organisation=org, village=places.village_a, name_bn="আলোর দিশা", name_en="Alor Disha"
    )


def test_a_group_with_its_members_registered_from_a_phone(org, places, organiser) -> None:
    phone = phone_of(organiser)
    group_form = form(phone, "lc_group")
    answers = {
        "village": pick(group_form, "villages.csv", "Charpara"),
        "name_bn": "নতুন আশা",
        "name_en": "Notun Asha",
        "sex": LandlessGroup.Sex.WOMEN,
        "formed_on": "2024-03-01",
        "member": [
            {"code": "NA-1", "name_bn": "রহিমা বেগম", "sex": "female",
             "priority_category": "no_homestead_no_land", "is_household_head": "yes"},
            {"code": "NA-2", "name_bn": "জরিনা খাতুন", "sex": "female",
             "priority_category": "erosion_victim", "is_household_head": "no"},
        ],
    }  # fmt: skip
    instance = send(phone, group_form, answers)

    made = LandlessGroup.objects.get(name_bn="নতুন আশা")
    assert made.village == places.village_a and made.organisation == org
    assert set(Member.objects.filter(group=made).values_list("code", flat=True)) == {
        "NA-1", "NA-2",
    }  # fmt: skip
    assert made.members_women == 2
    assert applied(instance).records


def test_a_parcel_walked_with_gps_recorded_from_a_phone(org, places, organiser) -> None:
    phone = phone_of(organiser)
    parcel_form = form(phone, "lc_parcel")
    lon, lat = places.mouza_a.centre.coords
    d = 0.0005  # about 50 m
    walk = [(lat, lon), (lat, lon + d), (lat + d, lon + d), (lat + d, lon), (lat, lon)]
    answers = {
        "mouza": pick(parcel_form, "mouzas.csv", "Tangail Mouza"),
        "survey": "RS",
        "dag_nos": "১২৩, 124",
        "land_class": "agri_khas",
        "area_value": "60",
        "area_unit": "decimal",
        "boundary_how": "walked",
        "boundary": ";".join(f"{y} {x} 12.0 4.5" for y, x in walk),
    }
    instance = send(phone, parcel_form, answers)

    parcel = Parcel.objects.get(organisation=org, mouza=places.mouza_a)
    assert parcel.geom is not None
    assert sorted(parcel.dags.values_list("dag_no", flat=True)) == ["123", "124"]
    assert applied(instance).district == places.district_a


def test_an_incident_with_a_photo_recorded_from_a_phone(org, places, organiser, group, today):
    phone = phone_of(organiser)
    incident_form = form(phone, "lc_incident")
    answers = {
        "kind": Incident.Kind.ATTACK,
        "occurred_on": (today - timedelta(days=1)).isoformat(),
        "location": "24.25 89.92 10.0 5.0",
        "group": pick(incident_form, "groups.csv", "Alor Disha"),
        "women_affected": 3,
        "description": "হামলা হয়েছে",
        "photos": [{"photo": "1733500000001.jpg"}],
    }
    photo = jpeg_bytes()
    instance = send(phone, incident_form, answers, **{"1733500000001.jpg": photo})

    incident = Incident.objects.get(group=group)
    assert incident.women_affected == 3
    assert incident.location is not None
    document = Document.objects.get(incident=incident)
    assert (document.kind, document.content_type) == ("photo", "image/jpeg")
    assert document.file.read() == photo
    assert applied(instance).attachments.get().document == document


def test_a_hearing_adjourned_from_a_phone(org, places, today) -> None:
    legal = make_user(organisation=org, role="legal", districts=[places.district_a])
    case = make_case(organisation=org, district=places.district_a)
    hearing = hearing_schedule(case=case, on=today, purpose="hearing", by=legal)
    phone = phone_of(legal)
    hearing_form = form(phone, "lc_hearing")
    next_on = today + timedelta(days=30)
    answers = {
        "hearing": pick(hearing_form, "hearings.csv", case.number),
        "outcome": "adjourned",
        "next_on": next_on.isoformat(),
        "purpose": "hearing",
        "note": "The respondent asked for time",
    }
    send(phone, hearing_form, answers)

    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.ADJOURNED
    assert Hearing.objects.get(previous=hearing).scheduled_on == next_on


def test_a_savings_collection_sent_from_a_phone(organiser, group, today) -> None:
    phone = phone_of(organiser)
    savings_form = form(phone, "lc_savings")
    answers = {
        "group": pick(savings_form, "groups.csv", "Alor Disha"),
        "met_on": (today - timedelta(days=1)).isoformat(),
        "cash_taka": "150.50",
        "rice_kg": "2.5",
        "rice_price_taka": "40",
        "decisions": "সঞ্চয় জমা",
    }
    send(phone, savings_form, answers)

    meeting = SavingsMeeting.objects.get(group=group)
    amounts = sorted(meeting.entries.values_list("change_poisha", flat=True))
    assert amounts == [10000, 15050]  # 2.5 kg at 40 taka, and 150.50 taka in cash
    assert meeting.entries.get(rice_kg__isnull=False).rice_kg == Decimal("2.5")


def test_a_training_attendance_sent_from_a_phone(org, places, organiser, group, today) -> None:
    training = make_training(
        organisation=org, district=places.district_a, started_on=today - timedelta(days=3)
    )
    phone = phone_of(organiser)
    training_form = form(phone, "lc_training")
    answers = {
        "training": next(row["name"] for row in training_form.choices("trainings.csv")),
        "group": pick(training_form, "groups.csv", "Alor Disha"),
        "women": 5,
        "men": 2,
        "others": 0,
    }
    send(phone, training_form, answers)

    row = GroupAttendance.objects.get(event=training, group=group)
    assert (row.women, row.men) == (5, 2)


def test_the_same_filled_form_sent_twice_is_applied_once(organiser, group, today) -> None:
    phone = phone_of(organiser)
    savings_form = form(phone, "lc_savings")
    instance = fill(
        savings_form.xml,
        {"group": pick(savings_form, "groups.csv", "Alor Disha"),
         "met_on": today.isoformat(), "cash_taka": "20"},
    )  # fmt: skip
    assert phone.send(instance).status_code == 201
    assert phone.send(instance).status_code == 201  # the answer to the first was lost

    assert Submission.objects.filter(instance_id=instance_id_of(instance)).count() == 1
    assert SavingsMeeting.objects.get(group=group).entries.count() == 1


def test_a_boundary_that_crosses_itself_is_received_and_held_for_review(
    org, places, organiser
) -> None:
    """Collect is told the form arrived (so it does not send it again and again) and that it
    waits for a review; nothing is recorded until an organiser fixes it on the website."""
    phone = phone_of(organiser)
    parcel_form = form(phone, "lc_parcel")
    lon, lat = places.mouza_a.centre.coords
    d = 0.0005
    bowtie = [(lat, lon), (lat + d, lon + d), (lat, lon + d), (lat + d, lon), (lat, lon)]
    answers = {
        "mouza": pick(parcel_form, "mouzas.csv", "Tangail Mouza"),
        "survey": "RS",
        "dag_nos": "77",
        "land_class": "agri_khas",
        "boundary_how": "walked",
        "boundary": ";".join(f"{y} {x} 0 3" for y, x in bowtie),
    }
    instance = fill(parcel_form.xml, answers)
    answer = phone.send(instance)

    assert answer.status_code == 201
    assert b"waits for a review" in answer.content
    submission = Submission.objects.get(instance_id=instance_id_of(instance))
    assert submission.status == Submission.Status.HELD
    assert [problem["field"] for problem in submission.problems] == ["boundary"]
    assert not Parcel.objects.exists()
