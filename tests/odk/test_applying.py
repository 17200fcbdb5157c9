"""Applying field submissions: the answers of each form become records through the services;
what cannot be applied is held with its problems and leaves no record behind."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_schedule
from landclaims.core.preferences import preference_save
from landclaims.documents.models import Document
from landclaims.groups.models import LandlessGroup, Member
from landclaims.incidents.models import Incident
from landclaims.odk.applying import (
    OVERLAPS_PARCEL,
    submission_apply,
    submission_correct,
    submission_reject,
)
from landclaims.odk.models import Submission, SubmissionAttachment
from landclaims.parcels.models import Parcel
from landclaims.savings.models import SavingsMeeting
from landclaims.training.services import GroupCount, training_attendance_set
from tests import geoms
from tests.factories import make_case, make_group, make_parcel, make_training, make_user
from tests.odk.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

MEMBER = {"sex": "female", "priority_category": "no_homestead_no_land", "is_household_head": "yes"}


def _group_answers(places, **extra):
    return {
        "village": str(places.village_a.pk),
        "name_bn": "চরপাড়া ভূমিহীন নারী সমিতি",
        "name_en": "Charpara Landless Women",
        "sex": "women",
        "formed_on": "২০২৪-০১-১৫",  # Bengali digits, as a phone keyboard may type them
        "meeting_day": "fri",
        "member": [
            {"code": "CP-1", "name_bn": "রহিমা", **MEMBER},
            {"code": "CP-2", "name_bn": "করিমা", **MEMBER, "sex": "male", "is_household_head": "no"},
        ],
        **extra,
    }


def _square(lon: float, lat: float, d: float = 0.0005, *, closed: bool = False) -> str:
    corners = [(lat, lon), (lat, lon + d), (lat + d, lon + d), (lat + d, lon)]
    if closed:
        corners.append(corners[0])
    return ";".join(f"{a} {b} 12.0 4.5" for a, b in corners) + ";"  # Collect's trailing ";"


def test_a_group_and_its_members_are_registered(submit, places, organiser, frozen_today) -> None:
    submission = submit("lc_group", _group_answers(places), by=organiser)
    applied = submission_apply(submission=submission, by=organiser)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    group = LandlessGroup.objects.get(name_en="Charpara Landless Women")
    assert group.formed_on == date(2024, 1, 15)
    assert (group.members_women, group.members_men) == (1, 1)
    assert sorted(group.members.values_list("code", flat=True)) == ["CP-1", "CP-2"]
    assert Member.objects.get(code="CP-1").is_household_head
    assert applied.district == places.district_a
    assert {"model": "groups.landlessgroup", "pk": group.pk} in applied.records
    assert len(applied.records) == 3 and applied.applied_at is not None


def test_a_walked_parcel_is_recorded_with_its_boundary(submit, places, organiser) -> None:
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "১২৩, 124",
        "land_class": "agri_khas",
        "area_value": "৫০",
        "area_unit": "decimal",
        "boundary_how": "walked",
        "boundary": _square(89.92, 24.25),  # not closed, trailing ";": as Collect may send
    }
    applied = submission_apply(submission=submit("lc_parcel", answers, by=organiser), by=organiser)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    parcel = Parcel.objects.get(pk=applied.records[0]["pk"])
    assert parcel.geom_source == "gps_walk"
    assert parcel.accuracy_m == pytest.approx(4.5)
    assert parcel.area_value == Decimal("50")
    assert sorted(parcel.dags.values_list("dag_no", flat=True)) == ["123", "124"]
    assert parcel.geom.centroid.x == pytest.approx(89.92025, abs=1e-6)
    assert applied.district == places.district_a


def test_an_incident_is_recorded_with_its_photos(submit, places, org, organiser, frozen_today):
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "location": "24.25 89.92 10 5",
        "group": str(group.pk),
        "women_affected": "৩",
        "description": "Threatened at the char",
        "photos": [{"photo": "1717.jpg"}, {"photo": "1718.jpg"}],
    }
    photos = {"1717.jpg": jpeg_bytes(), "1718.jpg": jpeg_bytes()}
    submission = submit("lc_incident", answers, by=organiser, attachments=photos)
    applied = submission_apply(submission=submission, by=organiser)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    incident = Incident.objects.get()
    assert (incident.women_affected, incident.group, incident.district) == (
        3,
        group,
        places.district_a,
    )
    assert incident.location.x == pytest.approx(89.92) and incident.location.y == pytest.approx(
        24.25
    )
    documents = Document.objects.filter(incident=incident)
    assert documents.count() == 2
    assert set(documents.values_list("kind", flat=True)) == {"photo"}
    assert set(documents.values_list("sensitivity", flat=True)) == {"internal"}
    assert SubmissionAttachment.objects.filter(document__in=documents).count() == 2


def test_a_hearing_adjourned_opens_the_next(submit, org, places, frozen_today) -> None:
    legal = make_user(organisation=org, role="legal")
    case = make_case(organisation=org, district=places.district_a)
    hearing = hearing_schedule(case=case, on=date(2024, 5, 28), purpose="hearing", by=None)
    answers = {
        "hearing": str(hearing.pk),
        "outcome": "adjourned",
        "next_on": "2024-07-02",
        "purpose": "Reply of the DC",
        "note": "The government pleader asked for time",
    }
    applied = submission_apply(submission=submit("lc_hearing", answers, by=legal), by=legal)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    hearing.refresh_from_db()
    assert hearing.status == Hearing.Status.ADJOURNED
    following = Hearing.objects.get(previous=hearing)
    assert following.scheduled_on == date(2024, 7, 2)
    assert applied.district == places.district_a


def test_savings_are_recorded_in_poisha(submit, org, places, organiser, frozen_today) -> None:
    group = make_group(organisation=org, village=places.village_a, members_women=20)
    answers = {
        "group": str(group.pk),
        "met_on": "2024-05-31",
        "members_present": "১৮",
        "cash_taka": "৫০০.৫০",
        "rice_kg": "12.5",
        "rice_price_taka": "62.50",
        "decisions": "চাল বিক্রির টাকা জমা থাকবে",
    }
    applied = submission_apply(submission=submit("lc_savings", answers, by=organiser), by=organiser)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    meeting = SavingsMeeting.objects.get(group=group)
    assert meeting.members_present == 18
    cash = meeting.entries.get(form="cash")
    rice = meeting.entries.get(form="rice")
    assert cash.change_poisha == 50_050  # 500.50 taka, never through a float
    assert (rice.rice_kg, rice.rice_price_poisha_per_kg) == (Decimal("12.5"), 6250)


def test_training_attendance_replaces_only_this_groups_row(submit, org, places, organiser):
    event = make_training(organisation=org, district=places.district_a)
    ours = make_group(organisation=org, village=places.village_a)
    other = make_group(organisation=org, village=places.village_a)
    training_attendance_set(
        event=event,
        groups=[GroupCount(group=ours, women=1), GroupCount(group=other, women=4, men=2)],
        by=None,
    )
    answers = {"training": str(event.pk), "group": str(ours.pk), "women": "৬", "men": "2"}
    applied = submission_apply(
        submission=submit("lc_training", answers, by=organiser), by=organiser
    )
    assert applied.status == Submission.Status.APPLIED, applied.problems
    rows = {row.group_id: (row.women, row.men) for row in event.group_attendance.all()}
    assert rows == {ours.pk: (6, 2), other.pk: (4, 2)}


# ---------------------------------------------------------------------------------------
# Held


def test_a_boundary_crossing_itself_is_held_and_no_parcel_made(submit, places, organiser):
    lat, lon, d = 24.25, 89.92, 0.0005
    bowtie = f"{lat} {lon} 0 3;{lat + d} {lon + d} 0 3;{lat} {lon + d} 0 3;{lat + d} {lon} 0 3;"
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "77",
        "land_class": "agri_khas",
        "boundary_how": "walked",
        "boundary": bowtie,
    }
    held = submission_apply(submission=submit("lc_parcel", answers, by=organiser), by=organiser)
    assert held.status == Submission.Status.HELD
    assert [p["field"] for p in held.problems] == ["boundary"]
    assert "crosses itself" in held.problems[0]["message"]
    assert not Parcel.objects.exists()
    assert held.district == places.district_a  # filed where its reviewers work


def test_a_boundary_over_a_recorded_parcel_is_held_until_the_reviewer_says_it_is_other_land(
    submit, places, org, organiser
) -> None:
    """The page records an overlapping parcel with a warning its writer reads; the phone's
    sender would read none, so the submission waits for a reviewer."""
    make_parcel(organisation=org, mouza=places.mouza_a, geom=geoms.square((89.92025, 24.25025), 60))
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "901",
        "land_class": "agri_khas",
        "boundary_how": "walked",
        "boundary": _square(89.92, 24.25),
    }
    held = submission_apply(submission=submit("lc_parcel", answers, by=organiser), by=organiser)
    assert held.status == Submission.Status.HELD
    assert held.problems == [{"field": "boundary", "message": OVERLAPS_PARCEL}]
    assert Parcel.objects.count() == 1

    applied = submission_correct(
        submission=held, by=organiser, corrections={"confirm_overlap": "yes"}
    )
    assert applied.status == Submission.Status.APPLIED, applied.problems
    assert Parcel.objects.count() == 2


def test_a_group_looking_like_one_in_the_village_is_held_until_confirmed(
    submit, places, org, organiser, frozen_today
) -> None:
    make_group(
        organisation=org,
        village=places.village_a,
        name_bn="অন্য নাম",
        name_en="CHARPARA  landless women",
    )
    submission = submit("lc_group", _group_answers(places), by=organiser)
    held = submission_apply(submission=submission, by=organiser)
    assert held.status == Submission.Status.HELD
    assert [p["field"] for p in held.problems] == ["name_bn"]
    assert LandlessGroup.objects.count() == 1

    applied = submission_correct(
        submission=held, by=organiser, corrections={"confirm_new_group": "yes"}
    )
    assert applied.status == Submission.Status.APPLIED, applied.problems
    assert LandlessGroup.objects.count() == 2
    assert applied.reviewed_by == organiser and applied.reviewed_at is not None
    assert applied.answers == submission.answers  # the answers as sent are kept


def test_a_photos_title_is_in_the_senders_language(submit, places, org, organiser) -> None:
    preference_save(user=organiser, language="bn")
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "group": str(group.pk),
        "photos": [{"photo": "1717.jpg"}],
    }
    submission = submit(
        "lc_incident", answers, by=organiser, attachments={"1717.jpg": jpeg_bytes()}
    )
    assert submission_apply(submission=submission, by=organiser).status == "applied"
    with translation.override("bn"):
        expected = translation.gettext("Photo %(n)s of the incident, sent from a phone")
    assert Document.objects.get().title == expected % {"n": 1}
    assert not expected.startswith("Photo")


def test_a_photo_that_did_not_arrive_holds_the_incident(submit, places, org, organiser):
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "group": str(group.pk),
        "photos": [{"photo": "here.jpg"}, {"photo": "missing.jpg"}],
    }
    submission = submit(
        "lc_incident", answers, by=organiser, attachments={"here.jpg": jpeg_bytes()}
    )
    held = submission_apply(submission=submission, by=organiser)
    assert held.status == Submission.Status.HELD
    assert [p["field"] for p in held.problems] == ["photos.2.photo"]
    assert not Incident.objects.exists() and not Document.objects.exists()


def test_a_photo_refused_by_the_documents_store_leaves_no_file_of_the_others(
    submit, places, org, organiser, document_root
) -> None:
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "group": str(group.pk),
        "photos": [{"photo": "good.jpg"}, {"photo": "bad.jpg"}],
    }
    photos = {"good.jpg": jpeg_bytes(), "bad.jpg": b"MZ\x90\x00 not a photo at all"}
    submission = submit("lc_incident", answers, by=organiser, attachments=photos)
    held = submission_apply(submission=submission, by=organiser)
    assert held.status == Submission.Status.HELD
    assert [p["field"] for p in held.problems] == ["photos.2.photo"]
    assert not Incident.objects.exists() and not Document.objects.exists()
    stored = [p for p in (document_root / "documents").rglob("*") if p.is_file()]
    assert stored == []


def test_a_group_the_person_cannot_see_is_held_not_a_crash(submit, org, places) -> None:
    legal_a = make_user(organisation=org, role="legal", districts=[places.district_a])
    elsewhere = make_group(organisation=org, village=places.village_b)
    answers = {"group": str(elsewhere.pk), "met_on": "2024-05-31", "cash_taka": "100"}
    held = submission_apply(submission=submit("lc_savings", answers, by=legal_a), by=legal_a)
    assert held.status == Submission.Status.HELD
    assert held.problems == [{"field": "group", "message": "This group is not one you can see."}]
    assert not SavingsMeeting.objects.exists()


def test_a_refused_second_member_leaves_no_group(submit, places, organiser, frozen_today):
    answers = _group_answers(places)
    answers["member"][1]["code"] = "CP-1"  # the same code twice in one group
    held = submission_apply(submission=submit("lc_group", answers, by=organiser), by=organiser)
    assert held.status == Submission.Status.HELD
    assert held.problems and all(p["field"].startswith("member.2.") for p in held.problems)
    assert not LandlessGroup.objects.exists() and not Member.objects.exists()


def test_a_service_refusal_is_named_by_the_answer(submit, places, organiser) -> None:
    answers = {
        "mouza": str(places.mouza_a.pk),
        "survey": "RS",
        "dag_nos": "5",
        "land_class": "agri_khas",
        "area_value": "50",
        "boundary_how": "paper",
    }
    held = submission_apply(submission=submit("lc_parcel", answers, by=organiser), by=organiser)
    assert [p["field"] for p in held.problems] == ["area_unit"]


def test_applying_twice_makes_the_records_once(submit, places, organiser, frozen_today) -> None:
    submission = submit("lc_group", _group_answers(places), by=organiser)
    first = submission_apply(submission=submission, by=organiser)
    again = submission_apply(submission=submission, by=organiser)
    assert first.status == again.status == Submission.Status.APPLIED
    assert again.records == first.records
    assert LandlessGroup.objects.count() == 1 and Member.objects.count() == 2


def test_correcting_an_answer_applies_it(submit, places, organiser, frozen_today) -> None:
    answers = _group_answers(places, sex="")
    answers["member"][0]["priority_category"] = "no_such_category"
    held = submission_apply(submission=submit("lc_group", answers, by=organiser), by=organiser)
    assert sorted(p["field"] for p in held.problems) == ["member.1.priority_category", "sex"]

    still = submission_correct(submission=held, by=organiser, corrections={"sex": "women"})
    assert [p["field"] for p in still.problems] == ["member.1.priority_category"]
    corrections = {"member.1.priority_category": "no_homestead_no_land"}
    applied = submission_correct(submission=still, by=organiser, corrections=corrections)
    assert applied.status == Submission.Status.APPLIED, applied.problems
    assert applied.corrections == {"sex": "women", **corrections}
    assert LandlessGroup.objects.get().sex == "women"


def test_a_held_submission_is_rejected_with_a_note(submit, places, organiser) -> None:
    held = submission_apply(
        submission=submit("lc_group", {"village": "", "name_bn": ""}, by=organiser), by=organiser
    )
    with pytest.raises(ValidationError) as error:
        submission_reject(submission=held, by=organiser, note=" ")
    assert "note" in error.value.message_dict
    rejected = submission_reject(submission=held, by=organiser, note="Sent twice by mistake")
    assert rejected.status == Submission.Status.REJECTED
    assert (rejected.reviewed_by, rejected.review_note) == (organiser, "Sent twice by mistake")
    with pytest.raises(ValidationError):
        submission_correct(submission=rejected, by=organiser, corrections={})
    assert submission_apply(submission=rejected, by=organiser).status == "rejected"


def test_people_who_may_not_write_the_form_are_refused(submit, org, places, organiser) -> None:
    viewer = make_user(organisation=org, role="viewer")
    submission = submit("lc_group", _group_answers(places), by=organiser)
    with pytest.raises(PermissionDenied):
        submission_apply(submission=submission, by=viewer)
    # Organisers record groups but not hearings' outcomes.
    hearing = submit("lc_hearing", {"hearing": "1", "outcome": "held"}, by=organiser)
    with pytest.raises(PermissionDenied):
        submission_apply(submission=hearing, by=organiser)
    assert Submission.objects.filter(status="held").count() == 2


def test_another_organisations_submission_is_refused(submit, places, organiser, outsider):
    submission = submit("lc_group", _group_answers(places), by=organiser)
    with pytest.raises(PermissionDenied):
        submission_correct(submission=submission, by=outsider, corrections={})
    assert not LandlessGroup.objects.exists()


def test_a_photo_left_out_by_the_reviewer_lets_the_incident_apply(
    submit, places, org, organiser
) -> None:
    group = make_group(organisation=org, village=places.village_a)
    answers = {
        "kind": "threat",
        "occurred_on": "2024-05-30",
        "group": str(group.pk),
        "photos": [{"photo": "here.jpg"}, {"photo": "lost.jpg"}],
    }
    held = submission_apply(
        submission=submit(
            "lc_incident", answers, by=organiser, attachments={"here.jpg": jpeg_bytes()}
        ),
        by=organiser,
    )
    applied = submission_correct(submission=held, by=organiser, corrections={"photos.2.photo": ""})
    assert applied.status == Submission.Status.APPLIED, applied.problems
    assert Document.objects.filter(incident=Incident.objects.get()).count() == 1


def test_an_unknown_form_is_held(submit, organiser) -> None:
    held = submission_apply(submission=submit("lc_unknown", {"a": "1"}, by=organiser), by=organiser)
    assert held.problems == [{"field": "", "message": "This form is not one landclaims knows."}]
