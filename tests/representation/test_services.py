"""Rules and refusals of the seat services, and the reads of seats."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from landclaims.core.concurrency import EditConflict
from landclaims.representation.models import Seat
from landclaims.representation.selectors import (
    SeatFilters,
    seat_counts_by_body_and_sex,
    seat_list_filtered,
    seat_list_for_group,
)
from landclaims.representation.services import seat_add, seat_end, seat_update
from tests.factories import make_seat, make_user


def test_a_member_takes_a_seat(scene):
    seat = seat_add(
        member=scene.rahima,
        body="khas_land_committee",
        how="nominated",
        position="member",
        from_on=date(2023, 7, 1),
        area=scene.women.village.union,
        by=scene.users["organiser"],
    )
    seat.refresh_from_db()
    assert (seat.body, seat.how, seat.to_on, seat.version) == (
        "khas_land_committee", "nominated", None, 1
    )  # fmt: skip


def test_a_seat_cannot_end_before_it_starts(scene):
    with pytest.raises(ValidationError) as error:
        make_seat(member=scene.rahima, from_on=date(2023, 1, 1), to_on=date(2022, 1, 1))
    assert "to_on" in error.value.message_dict
    assert not Seat.objects.exists()


def test_the_database_refuses_a_seat_ending_before_it_starts(scene):
    seat = make_seat(member=scene.rahima)
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.filter(pk=seat.pk).update(to_on=date(2000, 1, 1))


def test_another_body_must_be_named(scene):
    with pytest.raises(ValidationError) as error:
        make_seat(member=scene.rahima, body="other", body_name="  ")
    assert "body_name" in error.value.message_dict
    assert make_seat(member=scene.rahima, body="other", body_name="Market committee")


def test_an_unknown_body_is_refused(scene):
    with pytest.raises(ValidationError) as error:
        make_seat(member=scene.rahima, body="parliament")
    assert "body" in error.value.message_dict


def test_a_member_the_person_cannot_see_is_refused(scene):
    with pytest.raises(ValidationError) as error:
        make_seat(member=scene.rahima, by=scene.users["organiser_b"])
    assert "member" in error.value.message_dict


@pytest.mark.parametrize("role", ["monitor", "viewer"])
def test_monitors_and_viewers_record_no_seat(scene, role):
    with pytest.raises(PermissionDenied):
        make_seat(member=scene.rahima, by=scene.users[role])
    seat = make_seat(member=scene.rahima)
    with pytest.raises(PermissionDenied):
        seat_end(seat=seat, to_on=date(2024, 1, 1), by=scene.users[role])


def test_a_seat_ends(scene):
    seat = make_seat(member=scene.rahima, from_on=date(2022, 1, 5))
    seat_end(seat=seat, to_on=date(2024, 12, 31), by=scene.users["legal"], expected_version=1)
    seat.refresh_from_db()
    assert (seat.to_on, seat.version) == (date(2024, 12, 31), 2)


def test_a_seat_cannot_end_before_it_began(scene):
    seat = make_seat(member=scene.rahima, from_on=date(2022, 1, 5))
    with pytest.raises(ValidationError) as error:
        seat_end(seat=seat, to_on=date(2021, 1, 1), by=scene.users["organiser"])
    assert "to_on" in error.value.message_dict


def test_an_update_from_a_stale_form_is_refused(scene):
    seat = make_seat(member=scene.rahima)
    seat_update(seat=seat, by=None, changes={"position": "chair"}, expected_version=1)
    with pytest.raises(EditConflict):
        seat_update(
            seat=seat, by=scene.users["organiser"], changes={"how": "nominated"}, expected_version=1
        )


def test_the_member_of_a_seat_cannot_be_changed(scene):
    seat = make_seat(member=scene.rahima)
    with pytest.raises(ValidationError):
        seat_update(seat=seat, by=scene.users["organiser"], changes={"member": scene.karim})


def test_a_person_outside_the_district_cannot_update(scene):
    seat = make_seat(member=scene.rahima)
    with pytest.raises(ValidationError):
        seat_update(seat=seat, by=scene.users["organiser_b"], changes={"position": "chair"})


# Reads --------------------------------------------------------------------------------------


def test_seats_are_scoped_by_organisation_and_district(other_org, scene):
    make_seat(member=scene.rahima)
    make_seat(member=scene.far_member)
    outsider = make_user(organisation=other_org, role="admin")
    assert not seat_list_filtered(user=outsider, filters=SeatFilters()).exists()
    seen = seat_list_filtered(user=scene.users["organiser_b"], filters=SeatFilters())
    assert [s.member_id for s in seen] == [scene.far_member.pk]


def test_filters_by_body_how_current_area_and_group(places, scene, frozen_today):
    standing = make_seat(member=scene.rahima)
    ended = make_seat(
        member=scene.karim,
        body="shalish_panel",
        how="nominated",
        from_on=date(2019, 1, 1),
        to_on=date(2020, 1, 1),
    )
    far = make_seat(member=scene.far_member, body="school_committee", how="nominated")
    user = scene.users["viewer"]

    def found(**filters):
        return {s.pk for s in seat_list_filtered(user=user, filters=SeatFilters(**filters))}

    assert found(body="shalish_panel") == {ended.pk}
    assert found(how="elected") == {standing.pk}
    assert found(current=True) == {standing.pk, far.pk}
    assert found(area=places.district_b) == {far.pk}
    assert found(group=scene.men) == {ended.pk}
    assert [s.pk for s in seat_list_for_group(user=user, group=scene.women)] == [standing.pk]


def test_seats_held_are_counted_by_body_and_sex(scene, frozen_today):
    make_seat(member=scene.rahima)
    make_seat(member=scene.far_member)
    make_seat(member=scene.karim, body="khas_land_committee")
    make_seat(member=scene.karim, from_on=date(2015, 1, 1), to_on=date(2016, 1, 1))  # ended
    rows = {
        r.body: (r.women, r.men) for r in seat_counts_by_body_and_sex(user=scene.users["viewer"])
    }
    assert rows["up_standing_committee"] == (2, 0)
    assert rows["khas_land_committee"] == (0, 1)
    assert rows["shalish_panel"] == (0, 0)
    in_b = seat_counts_by_body_and_sex(user=scene.users["organiser_b"])
    assert sum(r.total for r in in_b) == 1
