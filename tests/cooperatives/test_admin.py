"""Cooperatives, their land and production added in the admin go through their services and
are refused for the same reasons."""

from __future__ import annotations

import pytest
from django.urls import reverse

from landclaims.cooperatives.models import Cooperative, CooperativeLand, Production
from tests.core.admin_helpers import admin_client, form_errors, staff

pytestmark = pytest.mark.django_db


def _management(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_cooperative_added_in_the_admin_goes_through_its_service(client, org, places) -> None:
    admin_client(client, staff(organisation=org, superuser=True))
    form = {
        "organisation": org.pk,
        "district": places.district_a.pk,
        "name_bn": "গণ সমবায়",
        "registration_no": "",
        "registered_on": "2022-01-05",
        **_management("shares"),
    }
    response = client.post(reverse("admin:cooperatives_cooperative_add"), form)
    assert "registration_no" in form_errors(response)
    form["registration_no"] = "১২"
    response = client.post(reverse("admin:cooperatives_cooperative_add"), form)
    assert response.status_code == 302
    assert Cooperative.objects.get().registration_no == "12"


def test_land_and_production_added_in_the_admin_are_checked(client, coop) -> None:
    admin_client(client, staff(organisation=coop.cooperative.organisation, superuser=True))
    land = {"cooperative": coop.cooperative.pk, "tenure": "owned", "lease_rent_taka": "500"}
    response = client.post(reverse("admin:cooperatives_cooperativeland_add"), land)
    assert "lease_rent_taka" in form_errors(response)
    assert not CooperativeLand.objects.exists()
    row = {
        "cooperative": coop.cooperative.pk,
        "activity": "fish",
        "season": "year_round",
        "year": "2023",
        "output_quantity": "40",
        "output_unit": "",
        "sales_taka": "100",
        "costs_taka": "0",
    }
    response = client.post(reverse("admin:cooperatives_production_add"), row)
    assert "output_unit" in form_errors(response)
    row["output_unit"] = "kg"
    response = client.post(reverse("admin:cooperatives_production_add"), row)
    assert response.status_code == 302
    assert Production.objects.get().sales_poisha == 10000
