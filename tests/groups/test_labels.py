"""A group shown to a reader who may not read its name: its kind and village, a stable
ordinal when its organisation has several of that kind there, and never its database id."""

from __future__ import annotations

import pytest
from django.utils import translation

from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_label, with_labels
from tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


def _fresh(group: LandlessGroup) -> LandlessGroup:
    return LandlessGroup.objects.select_related("village").get(pk=group.pk)


def test_a_lone_group_is_named_by_kind_and_village_without_an_id(org, places) -> None:
    group = make_group(organisation=org, village=places.village_a, sex="men")
    label = group_label(_fresh(group))
    assert label == "Men's group, Charpara"
    assert str(group.pk) not in label


def test_groups_of_one_kind_in_one_village_get_ordinals_in_the_order_registered(
    org, places
) -> None:
    first = make_group(organisation=org, village=places.village_a)
    second = make_group(organisation=org, village=places.village_a)
    make_group(organisation=org, village=places.village_a, sex="men")
    assert group_label(_fresh(first)) == "Women's group 1, Charpara"
    assert group_label(_fresh(second)) == "Women's group 2, Charpara"


def test_a_men_s_group_beside_women_s_groups_keeps_a_plain_label(org, places) -> None:
    make_group(organisation=org, village=places.village_a)
    make_group(organisation=org, village=places.village_a)
    men = make_group(organisation=org, village=places.village_a, sex="men")
    assert group_label(_fresh(men)) == "Men's group, Charpara"


def test_another_organisation_s_groups_do_not_change_the_label(org, places) -> None:
    ours = make_group(organisation=org, village=places.village_a)
    other = OrganisationFactory(name_en="ALRD", slug="alrd")
    make_group(organisation=other, village=places.village_a)
    assert group_label(_fresh(ours)) == "Women's group, Charpara"


def test_the_label_is_in_bangla_with_the_village_s_bengali_name_and_digits(org, places) -> None:
    make_group(organisation=org, village=places.village_a)
    second = make_group(organisation=org, village=places.village_a)
    with translation.override("bn"):
        label = group_label(_fresh(second))
    assert "চরপাড়া" in label and "২" in label
    assert "Charpara" not in label and "2" not in label


def test_the_list_annotation_gives_the_same_labels_as_one_by_one(org, places) -> None:
    groups = [make_group(organisation=org, village=places.village_a) for _ in range(3)]
    groups.append(make_group(organisation=org, village=places.village_b))
    one_by_one = {g.pk: group_label(_fresh(g)) for g in groups}
    listed = with_labels(LandlessGroup.objects.filter(pk__in=[g.pk for g in groups]))
    assert {g.pk: group_label(g) for g in listed} == one_by_one
    assert one_by_one[groups[3].pk] == "Women's group, Dakshinpara"


def test_a_filtered_list_keeps_each_group_s_ordinal(org, places) -> None:
    make_group(organisation=org, village=places.village_a)
    second = make_group(organisation=org, village=places.village_a)
    listed = with_labels(LandlessGroup.objects.filter(pk=second.pk)).get()
    assert group_label(listed) == "Women's group 2, Charpara"
