"""Admin areas: the hierarchy, the district shortcut and the path used for 'inside'."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from landclaims.places.models import AdminArea
from landclaims.places.services import admin_area_create, village_create

pytestmark = pytest.mark.django_db


def test_every_area_below_a_district_knows_its_district(places) -> None:
    assert places.mouza_a.district == places.district_a
    assert places.union_b.district == places.district_b
    assert places.district_a.district is None


def test_the_path_makes_inside_a_prefix_match(places) -> None:
    inside = AdminArea.objects.filter(path__startswith=places.district_a.path, level="mouza")
    assert set(inside) == {places.mouza_a, places.mouza_a2}


def test_a_mouza_cannot_sit_directly_under_a_district(places) -> None:
    with pytest.raises(ValidationError) as error:
        admin_area_create(level="mouza", name_en="X", name_bn="X", parent=places.district_a)
    assert "union" in error.value.message_dict["parent"][0]


def test_a_division_has_no_parent(places) -> None:
    with pytest.raises(ValidationError):
        admin_area_create(level="division", name_en="X", name_bn="X", parent=places.division)


def test_a_bbs_code_is_unique_within_its_level(places) -> None:
    with pytest.raises(ValidationError) as error:
        admin_area_create(level="division", name_en="Again", name_bn="আবার", bbs_code="30")
    assert "bbs_code" in str(error.value)


def test_a_village_lies_in_a_union_not_a_mouza(places) -> None:
    with pytest.raises(ValidationError) as error:
        village_create(union=places.mouza_a, name_en="X", name_bn="X")
    assert "union" in error.value.message_dict


def test_a_village_may_span_several_mouzas(places) -> None:
    village = village_create(
        union=places.union_a, name_en="Two", name_bn="দুই", mouzas=[places.mouza_a, places.mouza_a2]
    )
    assert village.mouzas.count() == 2
