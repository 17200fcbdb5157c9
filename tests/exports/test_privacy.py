"""Privacy profiles: what each reveals, who may choose which, and the default."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from landclaims.exports.models import ExportLog, Profile
from landclaims.exports.selectors import allowed_profiles, default_profile
from landclaims.exports.services import ExportRefused, export_layer
from tests.exports.helpers import read_back, values_by_id

NAME_COLUMNS = {"group_names", "name_bn", "name_en", "title", "notes", "description", "summary"}


@pytest.mark.parametrize("layer", ["parcels", "claims", "groups", "cases", "incidents"])
def test_a_public_file_has_no_names_and_no_free_text(data, organiser, layer) -> None:
    result = export_layer(user=organiser, layer=layer, profile="public")
    columns = set(read_back(result.path, "gpkg", layer=layer).columns)
    assert not columns & NAME_COLUMNS
    assert "নারী সমিতি" not in result.path.read_bytes().decode("utf-8", errors="ignore")


def test_a_public_file_leaves_counts_of_people_from_1_to_4_blank(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="parcels", profile="public").path, "gpkg")
    women, men = values_by_id(frame, "members_women"), values_by_id(frame, "members_men")
    p_filed = data.world.p_filed.pk  # its group: 3 women, 25 men
    assert women[p_filed] is None or women[p_filed] != women[p_filed]  # null (NaN in pandas)
    assert men[p_filed] == 25
    assert women[data.world.p_identified.pk] == 0  # zero reveals nobody and is kept


def test_the_monitor_profile_gives_exact_counts_and_ids_but_no_names(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="parcels", profile="monitor").path, "gpkg")
    assert values_by_id(frame, "members_women")[data.world.p_filed.pk] == 3
    assert values_by_id(frame, "group_ids")[data.world.p_filed.pk] == str(data.world.group_2.pk)
    assert "group_names" not in frame.columns


def test_the_staff_profile_names_groups_for_a_role_that_reads_names(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="parcels", profile="staff").path, "gpkg")
    assert values_by_id(frame, "group_names")[data.world.p_filed.pk] == "নারী সমিতি দুই"


def test_public_incidents_are_placed_roughly_dated_to_the_month_and_unlinked(
    data, organiser
) -> None:
    frame = read_back(
        export_layer(user=organiser, layer="incidents", profile="public").path, "gpkg"
    )
    row = frame[frame["id"] == data.incident.pk].iloc[0]
    assert (row.geometry.x, row.geometry.y) == pytest.approx((89.90, 24.25))  # 0.05° grid
    assert str(row["occurred_on"])[:10] == "2023-05-01"
    assert row["women_affected"] != row["women_affected"]  # 4: blank (NaN)
    assert row["men_affected"] == 12
    assert not {"claim_id", "parcel_id", "case_id", "gd_fir_no", "description"} & set(frame.columns)


def test_staff_incidents_keep_the_exact_point_and_date(data, organiser) -> None:
    frame = read_back(export_layer(user=organiser, layer="incidents", profile="staff").path, "gpkg")
    row = frame[frame["id"] == data.incident.pk].iloc[0]
    assert (row.geometry.x, row.geometry.y) == pytest.approx((89.9213, 24.2537))
    assert str(row["occurred_on"])[:10] == "2023-05-17"
    assert row["description"] == "রাতের বেলা উচ্ছেদ"


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        ("organiser", [Profile.PUBLIC, Profile.MONITOR, Profile.STAFF]),
        ("legal_a", [Profile.PUBLIC, Profile.MONITOR, Profile.STAFF]),
        ("monitor", [Profile.PUBLIC, Profile.MONITOR]),
        ("viewer", [Profile.PUBLIC]),
    ],
)
def test_each_role_may_choose_only_its_profiles_and_starts_from_the_least_revealing(
    request, data, role_fixture, allowed
) -> None:
    user = request.getfixturevalue(role_fixture)
    assert list(allowed_profiles(user=user)) == allowed
    assert default_profile(user=user) == Profile.PUBLIC
    result = export_layer(user=user, layer="parcels")
    assert result.log.profile == Profile.PUBLIC


@pytest.mark.parametrize(("role_fixture", "profile"), [("monitor", "staff"), ("viewer", "monitor")])
def test_a_role_cannot_pick_a_more_revealing_profile(request, data, role_fixture, profile) -> None:
    user = request.getfixturevalue(role_fixture)
    with pytest.raises(ExportRefused) as refused:
        export_layer(user=user, layer="parcels", profile=profile)
    assert "profile" in refused.value.message_dict
    assert not ExportLog.objects.exists()


def test_someone_with_no_organisation_may_export_nothing(data, no_membership) -> None:
    with pytest.raises(ValidationError):
        export_layer(user=no_membership, layer="parcels")


def test_a_queued_export_is_refused_when_its_users_role_was_lowered_meanwhile(
    data, organiser
) -> None:
    from landclaims.core.models import Membership
    from landclaims.core.scoping import forget_scope
    from landclaims.exports.selectors import ExportFilters
    from landclaims.exports.services import export_log_create, export_run

    log = export_log_create(
        user=organiser,
        layer="parcels",
        file_format="gpkg",
        srid=4326,
        profile="staff",
        filters=ExportFilters(date_from=date(2000, 1, 1)),
        via="page",
    )
    Membership.objects.filter(user=organiser).update(role="viewer")
    forget_scope(organiser)
    log = ExportLog.objects.get(pk=log.pk)  # as the worker loads it
    with pytest.raises(ExportRefused):
        export_run(log=log)
    log.refresh_from_db()
    assert log.status == ExportLog.Status.FAILED
    assert "profile" in log.error
    assert not log.file
