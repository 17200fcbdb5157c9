"""Actions and safety-net checks added and changed in the admin go through their services."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.actions.models import Action, SafetyNetCheck
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_action

pytestmark = pytest.mark.django_db


def action_form(org, district, group, **extra):
    return {
        "organisation": org.pk,
        "district": district.pk,
        "kind": "human_chain",
        "took_place_on": date(2024, 3, 4).isoformat(),
        "groups": [group.pk],
        "women": "৫০",
        "men": "20",
        "others": "0",
        "outcome": "pending",
        **extra,
    }


def test_adding_an_action_in_the_admin_records_it(client, org, places, scene) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:actions_action_add"),
        action_form(org, places.district_a, scene.group, claims=[scene.claim.pk]),
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.women, list(action.claims.all())) == (50, [scene.claim])


def test_a_gathering_of_nobody_is_refused_in_the_admin(client, org, places, scene) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:actions_action_add"),
        action_form(org, places.district_a, scene.group, women="0", men="0"),
    )
    assert "women" in form_errors(response)
    assert not Action.objects.exists()


def test_changing_an_action_in_the_admin_goes_through_the_service(client, org, scene) -> None:
    action = make_action(organisation=org, groups=[scene.group])
    admin_client(client, staff(organisation=org, superuser=True))
    url = reverse("admin:actions_action_change", args=[action.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        groups=[scene.group.pk], outcome="partly_met", took_place_on="2024-03-10", claims=[]
    )
    data.update(cases=[], incidents=[], organisation=org.pk, district=action.district_id)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    action.refresh_from_db()
    assert (action.outcome, action.version) == ("partly_met", 2)


def test_a_check_with_irregularities_undescribed_is_refused_in_the_admin(
    client, org, places
) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:actions_safetynetcheck_add"),
        {
            "organisation": org.pk,
            "union": places.union_a.pk,
            "programme": "old_age",
            "checked_on": "2024-03-04",
            "checked": "The old-age allowance list",
            "irregularities_found": "on",
            "people_wrongly_left_out": "0",
        },
    )
    assert "irregularities" in form_errors(response)
    assert not SafetyNetCheck.objects.exists()
