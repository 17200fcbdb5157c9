"""The home page's figures come from the dashboard's selectors: a figure both pages show is
the same number (open cases are pending or on appeal on both)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from landclaims.cases.models import LegalCase
from landclaims.cases.services import hearing_schedule
from tests.factories import log_in, make_case, make_claim

pytestmark = pytest.mark.django_db


def test_home_and_dashboard_agree_on_every_shared_figure(
    client, frozen_today, org, other_org, places, organiser
) -> None:
    for mouza, village in ((places.mouza_a, places.village_a), (places.mouza_b, places.village_b)):
        make_claim(organisation=org, village=village, mouza=mouza)
    make_claim(organisation=other_org, village=places.village_a, mouza=places.mouza_a)
    pending = make_case(organisation=org, district=places.district_a)
    on_appeal = make_case(organisation=org, district=places.district_b)
    disposed = make_case(organisation=org, district=places.district_a)
    LegalCase.objects.filter(pk=on_appeal.pk).update(status=LegalCase.Status.ON_APPEAL)
    LegalCase.objects.filter(pk=disposed.pk).update(status=LegalCase.Status.DISPOSED)
    hearing_schedule(case=pending, on=date(2024, 6, 4), purpose="hearing", by=None)
    log_in(client, organiser)

    counts = client.get(reverse("home")).context["counts"]
    board = client.get(reverse("dashboard:index")).context["board"]

    assert counts.claims == board.claims == 2
    assert counts.cases_open == board.open_case_total == 2
    assert counts.hearings_next_7_days == board.hearings.hearings == 1
    assert sum(n for _code, _label, n in counts.claims_by_stage) == board.claims
