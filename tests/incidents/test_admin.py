"""Incidents added in the admin go through incident_record; staff are offered only their
own organisation and districts."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.incidents.models import Incident
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def incident_form(org, district, **extra):
    return {
        "organisation": org.pk,
        "district": district.pk,
        "kind": "attack",
        "occurred_on": date(2023, 4, 2).isoformat(),
        "women_affected": "৩",
        "men_affected": "1",
        "others_affected": "0",  # the admin's form shows the default
        **extra,
    }


def test_adding_an_incident_in_the_admin_records_it(client, org, places) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    response = client.post(
        reverse("admin:incidents_incident_add"), incident_form(org, places.district_a)
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.district, incident.women_affected) == (places.district_a, 3)


def test_an_incident_linked_to_another_organisations_claim_is_refused(
    client, org, other_org, places
) -> None:
    admin_client(client, staff(organisation=None, superuser=True))
    theirs = make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    response = client.post(
        reverse("admin:incidents_incident_add"),
        incident_form(org, places.district_a, claim=theirs.pk),
    )
    assert "claim" in form_errors(response)
    assert not Incident.objects.exists()


def test_staff_are_offered_only_their_organisation_and_districts(
    client, org, other_org, places
) -> None:
    member = staff(
        organisation=org,
        districts=[places.district_a],
        perms=("add_incident", "view_incident"),
    )
    admin_client(client, member)
    form = client.get(reverse("admin:incidents_incident_add")).context["adminform"].form
    assert list(form.fields["organisation"].queryset) == [org]
    assert list(form.fields["district"].queryset) == [places.district_a]
    response = client.post(
        reverse("admin:incidents_incident_add"), incident_form(other_org, places.district_b)
    )
    assert set(form_errors(response)) == {"organisation", "district"}
    assert not Incident.objects.exists()
