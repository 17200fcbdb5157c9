"""Claim writes refuse roles that do not write claims, whichever door they come through."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from landclaims.claims.models import Claim
from landclaims.claims.services import claim_advance, claim_update
from tests.core.admin_helpers import admin_client, form_errors, staff
from tests.factories import make_claim, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(org, places):
    return make_claim(organisation=org, village=places.village_a, mouza=places.mouza_a)


@pytest.mark.parametrize("role", ["viewer", "monitor"])
def test_the_claim_services_refuse_a_role_that_does_not_write_claims(org, claim, role) -> None:
    reader = make_user(organisation=org, role=role)
    with pytest.raises(PermissionDenied):
        claim_advance(claim=claim, to="application_prepared", on=date(2020, 2, 1), by=reader)
    with pytest.raises(PermissionDenied):
        claim_update(claim=claim, by=reader, changes={"title": "x"})
    assert Claim.objects.get(pk=claim.pk).stage == "identified"


def test_a_viewer_on_the_staff_cannot_add_a_claim_in_the_admin(client, org, places) -> None:
    group = make_group(organisation=org, village=places.village_a)
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    admin_client(client, staff(organisation=org, role="viewer", perms=("add_claim",)))
    response = client.post(
        reverse("admin:claims_claim_add"),
        {
            "organisation": org.pk,
            "groups": [group.pk],
            "parcels": [parcel.pk],
            "opened_on": "2023-01-01",
            "possession": "not_entered",
        },
    )
    assert "may look at these records" in str(form_errors(response)["__all__"])
    assert not Claim.objects.exists()


def test_a_claims_title_changed_in_the_admin_raises_its_version(client, org, claim) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    form = client.get(url).context["adminform"].form
    assert form.fields["stage"].disabled and form.fields["groups"].disabled
    data = {name: form[name].value() or "" for name in form.fields if not form[name].field.disabled}
    data.update({"title": "Bil Kuralia", "events-TOTAL_FORMS": 0, "events-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 302
    changed = Claim.objects.get(pk=claim.pk)
    assert (changed.title, changed.version) == ("Bil Kuralia", claim.version + 1)
