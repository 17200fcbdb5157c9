"""seed_demo: realistic, deterministic, and safe to run twice."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test import RequestFactory

from landclaims.cases.models import CaseType, Hearing, LegalCase
from landclaims.claims.models import Claim
from landclaims.claims.stages import Possession, Stage
from landclaims.demo.detail import SEEDED_TYPES
from landclaims.demo.seed import BULK_TABLES
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.places.models import AdminArea, SurveySeries
from tests.demo_data import seed_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One small seeded database shared by the tests of this module: the command's summary.
    The command runs once per test database; a copy of what it made serves the rest
    (tests/demo_data.py)."""
    with django_db_blocker.unblock():
        yield seed_demo(parcels=400, seed=7)
        from django.core.management import call_command as flush

        flush("flush", "--no-input")


def test_the_requested_number_of_parcels_is_made(seeded) -> None:
    assert seeded["parcels"] == Parcel.objects.count() == 400


def test_real_districts_and_upazilas_are_loaded(seeded) -> None:
    tangail = AdminArea.objects.get(level="district", name_en="Tangail")
    assert tangail.name_bn == "টাঙ্গাইল"
    assert AdminArea.objects.filter(
        level="upazila", name_en="Chirirbandar", parent__name_en="Dinajpur"
    ).exists()
    assert AdminArea.objects.filter(
        level="upazila", name_en="Chatmohar", parent__name_en="Pabna"
    ).exists()


def test_claims_cover_every_stage_and_possession_status(seeded) -> None:
    assert set(Claim.objects.values_list("stage", flat=True)) == set(Stage.values)
    assert set(Claim.objects.values_list("possession", flat=True)) == set(Possession.values)


def test_cases_of_every_type_with_adjourned_and_upcoming_hearings(seeded) -> None:
    # Every type a case is opened as; appeals, revisions and leave petitions are filed from a
    # decided case and not seeded.
    assert set(LegalCase.objects.values_list("case_type", flat=True)) == set(SEEDED_TYPES)
    assert set(SEEDED_TYPES) < set(CaseType.values)
    assert Hearing.objects.filter(status="adjourned").exists()
    assert Hearing.objects.filter(status="scheduled").exists()


def test_women_and_men_groups_with_bengali_names(seeded) -> None:
    assert set(LandlessGroup.objects.values_list("sex", flat=True)) == {"women", "men"}
    assert LandlessGroup.objects.filter(name_bn__contains="সমিতি").exists()


def test_parcel_shapes_are_valid_inside_their_mouza_area_and_5_to_300_decimals(seeded) -> None:
    for parcel in Parcel.objects.exclude(geom=None)[:50]:
        assert parcel.geom.valid
        assert 5 * 40.46 <= float(parcel.area_m2) <= 300 * 40.47
        assert parcel.geom.distance(parcel.mouza.centre) < 0.05


def test_the_demo_users_log_in_with_the_demo_password(seeded) -> None:
    for username in ["admin", "legal", "organiser", "monitor", "viewer"]:
        # django-axes counts each attempt against the request's address, so one is needed.
        request = RequestFactory().post("/login/")
        assert authenticate(request, username=username, password="landclaims-demo") is not None


def test_seeding_again_refuses_unless_asked_to_skip(seeded) -> None:
    with pytest.raises(CommandError):
        call_command("seed_demo", "--parcels", "10", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", "--parcels", "10", "--if-empty", stdout=out)
    assert "already present" in out.getvalue()
    assert Parcel.objects.count() == 400


def test_every_dag_row_is_numbered_within_its_parcels_survey_series(seeded) -> None:
    surveys = set(ParcelDag.objects.values_list("survey", flat=True))
    assert surveys and surveys <= set(SurveySeries.values)
    assert not ParcelDag.objects.exclude(survey=models.F("parcel__survey")).exists()


def test_an_exported_demo_parcel_imported_again_is_already_recorded(
    seeded, settings: Any, tmp_path: Path
) -> None:
    settings.IMPORT_DIR, settings.EXPORT_DIR = tmp_path / "imports", tmp_path / "exports"
    exported = tmp_path / "parcels.gpkg"
    call_command(
        "export_layer", "--user", "organiser", "--layer", "parcels", "--output", str(exported),
        stdout=StringIO(),
    )  # fmt: skip
    out = StringIO()
    call_command(
        "import_layer", str(exported), "--kind", "parcels", "--user", "organiser", "--dry-run",
        stdout=out,
    )  # fmt: skip
    assert "would create 0, updated 0, skipped" in out.getvalue()


def test_the_bulk_tables_keep_their_deferred_foreign_keys(seeded) -> None:
    """The seed loads them without their keys and adds the keys back (demo/seed.py)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, count(*) FILTER (WHERE condeferred) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "GROUP BY 1",
            [list(BULK_TABLES)],
        )
        deferred_keys = dict(cursor.fetchall())
    assert deferred_keys == {
        "parcels_parcel": 3, "parcels_parceldag": 3, "claims_claim": 2,
        "claims_claim_groups": 2, "claims_claim_parcels": 2, "claims_claimevent": 4,
    }  # fmt: skip


def test_a_registered_alrd_cooperative_farms_three_tenures_with_a_years_production(
    seeded,
) -> None:
    from landclaims.cooperatives.models import Cooperative

    cooperative = Cooperative.objects.get(organisation__slug="alrd-partners")
    assert cooperative.registration_no and cooperative.registered_on
    assert cooperative.monitoring_partner.name_en == "SUSTAIN"
    assert cooperative.monitoring_partner.network == cooperative.organisation.network
    assert cooperative.shares.count() >= 1
    tenures = set(cooperative.land.values_list("tenure", flat=True))
    assert tenures == {"owned", "leased", "khas_settled"}
    activities = set(cooperative.production.values_list("activity", flat=True))
    assert activities == {"paddy", "vegetables", "fish", "vermicompost"}


def test_groups_train_from_basic_to_mixed_and_women_hold_seats(seeded) -> None:
    from landclaims.representation.models import Seat
    from landclaims.training.models import TIER_ORDER, GroupAttendance, TrainingEvent

    tiers = set(TrainingEvent.objects.values_list("tier", flat=True))
    assert tiers == {str(tier) for tier in TIER_ORDER}
    vaw = TrainingEvent.objects.filter(topics__contains=["violence_against_women"])
    assert vaw.exists()
    mixed = GroupAttendance.objects.filter(event__tier="mixed")
    assert mixed.filter(women__gt=0).exists() and mixed.filter(men__gt=0).exists()
    elected_women = Seat.objects.filter(how="elected", member__sex="female", to_on__isnull=True)
    assert set(elected_women.values_list("body", flat=True)) == {
        "up_standing_committee",
        "khas_land_committee",
    }
    assert Seat.objects.filter(how="nominated", body="school_committee").exists()
    assert Seat.objects.filter(how="nominated", body="shalish_panel").exists()


def test_the_demo_organiser_sees_a_cooperative_of_their_own_organisation(seeded) -> None:
    from django.contrib.auth import get_user_model

    from landclaims.cooperatives.models import Cooperative

    organiser = get_user_model().objects.get(username="organiser")
    seen = Cooperative.objects.visible_to(organiser)
    assert [c.organisation.slug for c in seen] == ["nijera-kori"]
    assert seen.get().land.filter(tenure="khas_settled", parcel__isnull=False).exists()
