"""One world for the whole authorisation matrix, built once for tests/security and rolled
back at its end (each test still runs in its own savepoint, so a write made by a cell is undone).

Organisation A works in Tangail (district A) and Gaibandha (district B); organisation B
works in Tangail too, on its own parcels in the same mouza. Each has a claim, a group with
a member, a parcel, a case with a hearing, an order and an event, an allocation and an
incident; A also has a claim and a case in district B. The personas are A's people (one per
role, legal staff limited to district A), a superuser, an admin of B, and nobody.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from shapely.geometry import box

from landclaims.agenda.services import calendar_token_issue
from landclaims.allocations.services import allocation_record
from landclaims.api.models import ApiToken
from landclaims.api.services import api_token_issue
from landclaims.cases.services import (
    case_add_party,
    case_record_event,
    case_task_add,
    hearing_schedule,
    interim_order_record,
    lawyer_create,
)
from landclaims.documents.services import document_add
from landclaims.exports.services import export_request
from landclaims.groups.services import member_create
from landclaims.imports.services import import_upload
from landclaims.incidents.services import incident_record
from landclaims.places.models import AdminArea
from landclaims.places.services import admin_area_create, village_create
from landclaims.training.services import GroupCount, training_attendance_set
from tests.factories import (
    OrganisationFactory,
    log_in,
    make_case,
    make_claim,
    make_savings_meeting,
    make_seat,
    make_training,
    make_user,
)

TODAY = date(2024, 6, 1)
# Written into B's records: no page, file or tile an A persona gets may contain it.
OTHER_MARK = "অন্যসংগঠন-গোপন"
OTHER_MARK_EN = "OTHERORG-SECRET"
MEMBER_NAME = "রহিমা বেগম"


@dataclass
class Records:
    """One organisation's records in one district."""

    claim: Any
    group: Any
    parcel: Any
    case: Any
    hearing: Any
    order: Any
    case_event: Any
    claim_event: Any
    allocation: Any
    incident: Any
    member: Any
    party: Any
    task: Any
    lawyer: Any
    document: Any  # an internal one, on the claim: every role that sees the claim opens it
    savings_meeting: Any = None  # the group's, with one cash collection
    savings_entry: Any = None
    training: Any = None  # in the records' district, the group counted and its member named
    seat: Any = None  # the member's
    cooperative: Any = None  # of the group, with a plot of owned land and a harvest on it
    cooperative_land: Any = None
    production: Any = None
    action: Any = None  # a sit-in over the claim and its incident (issue 21)
    safety_net_check: Any = None  # a VGD check in the group's union
    submission: Any = None  # a field submission (issue 22) held for review, in the district


@dataclass
class Places:
    division: AdminArea
    district_a: AdminArea
    district_b: AdminArea
    mouza_a: AdminArea
    mouza_b: AdminArea
    village_a: Any
    village_b: Any


@dataclass
class Matrix:
    places: Places
    org_a: Any
    org_b: Any
    a: Records  # organisation A, district A
    b: Records  # organisation A, district B
    other: Records  # organisation B, district A
    users: dict[str, Any]  # persona name -> user (no entry for anonymous)
    api_keys: dict[str, str] = field(default_factory=dict)  # persona -> secret
    calendar_token: str = ""  # the organiser's feed
    api_token_pk: int = 0  # one of the organiser's API keys
    export_pk: int = 0  # a finished export made by the organiser
    import_token: str = ""  # a pending import uploaded by the organiser
    import_dir: Path | None = None
    sessions: dict[str, str] = field(default_factory=dict)  # persona -> session key


def _places() -> Places:
    division = admin_area_create(level="division", name_en="Dhaka", name_bn="ঢাকা", bbs_code="30")
    branches = []
    for name, lon, lat in (("Tangail", 89.92, 24.25), ("Gaibandha", 89.53, 25.33)):
        # Unions and upazilas get a centre too: zoomed-out tiles put their counts there.
        centre = Point(lon, lat, srid=4326)
        district = admin_area_create(level="district", name_en=name, name_bn=name, parent=division)
        upazila = admin_area_create(
            level="upazila", name_en=f"{name} Sadar", name_bn="সদর", parent=district, centre=centre
        )
        union = admin_area_create(
            level="union", name_en=f"{name} Union", name_bn="ইউনিয়ন", parent=upazila, centre=centre
        )
        mouza = admin_area_create(
            level="mouza", name_en=f"{name} Mouza", name_bn="চরপাড়া", parent=union, centre=centre
        )
        village = village_create(union=union, name_en=f"{name} Para", name_bn="পাড়া")
        branches.append((district, mouza, village))
    (district_a, mouza_a, village_a), (district_b, mouza_b, village_b) = branches
    return Places(division, district_a, district_b, mouza_a, mouza_b, village_a, village_b)


def _records(org: Any, district: AdminArea, mouza: AdminArea, village: Any, mark: str) -> Records:
    claim = make_claim(organisation=org, village=village, mouza=mouza, title=f"{mark} claim")
    group = claim.groups.get()
    group.name_en = f"{mark} group"
    group.save()
    parcel = claim.parcels.get()
    member = member_create(
        group=group, code=f"{mark[:8]}-1", sex="female", priority_category="no_homestead_no_land",
        name_bn=MEMBER_NAME,
    )  # fmt: skip
    case = make_case(organisation=org, district=district, court_name=f"{mark} court")
    case.claims.set([claim])
    hearing = hearing_schedule(
        case=case, on=date(2024, 7, 1), purpose="hearing", by=None, fixed_on=date(2024, 5, 1)
    )
    order = interim_order_record(case=case, kind="status_quo", made_on=date(2024, 5, 10), by=None)
    case_event = case_record_event(case=case, kind="admitted", on=date(2024, 5, 20), by=None)
    party = case_add_party(case=case, name=f"{mark} opponent", role="respondent", side="theirs")
    clerk = make_user(organisation=org, role="legal")  # who the task is given to
    task = case_task_add(
        case=case, title="Collect the copy", assignee=clerk, due_on=date(2024, 7, 1), by=None
    )
    lawyer = lawyer_create(organisation=org, name=f"Adv. {mark}", by=None)
    allocation = allocation_record(
        parcel=parcel, claim=claim, area_value="10", area_unit="decimal", title="joint"
    )
    incident = incident_record(
        organisation=org,
        district=district,
        kind="eviction",
        occurred_on=date(2024, 5, 1),
        description=f"{mark} incident",
        location=mouza.centre,
        claim=claim,
    )
    return Records(
        claim=claim,
        group=group,
        parcel=parcel,
        case=case,
        hearing=hearing,
        order=order,
        case_event=case_event,
        claim_event=claim.events.first(),
        allocation=allocation,
        incident=incident,
        member=member,
        party=party,
        task=task,
        lawyer=lawyer,
        document=document_add(
            kind="order", title=f"{mark} order", by=None, claim=claim,
            file=SimpleUploadedFile("order.pdf", b"%PDF-1.4 matrix", "application/pdf"),
        ),
        **_savings(group),
        training=_training(org, district, group, member),
        seat=make_seat(member=member),
        submission=_submission(org, district, clerk, village),
    )  # fmt: skip


def _submission(org: Any, district: AdminArea, by: Any, village: Any) -> Any:
    """A group registered from a phone, held for review (its name left blank)."""
    from landclaims.odk.models import Submission
    from tests.odk.xml_builder import instance_xml, new_instance_id, sha256

    answers = {"village": str(village.pk), "name_bn": "", "sex": "women"}
    instance_id = new_instance_id()
    xml = instance_xml("lc_group", answers, instance_id=instance_id)
    return Submission.objects.create(
        organisation=org, district=district, submitted_by=by, form_id="lc_group",
        instance_id=instance_id, xml=xml, xml_sha256=sha256(xml), status="held", answers=answers,
        problems=[{"field": "name_bn", "message": "This answer is required."}],
    )  # fmt: skip


def _savings(group: Any) -> dict[str, Any]:
    meeting = make_savings_meeting(
        group=group, entries=[{"kind": "collection", "amount_poisha": 100}]
    )
    return {"savings_meeting": meeting, "savings_entry": meeting.entries.get()}


def _training(org: Any, district: AdminArea, group: Any, member: Any) -> Any:
    event = make_training(organisation=org, district=district)
    training_attendance_set(
        event=event, groups=[GroupCount(group, women=5)], members=[member], by=None
    )
    return event


def _add_cooperative(records: Records, org: Any) -> None:
    from landclaims.cooperatives.services import cooperative_land_add, production_record
    from tests.factories import make_cooperative

    records.cooperative = make_cooperative(
        organisation=org, district=records.group.village.union.district, groups=[records.group]
    )
    records.cooperative_land = cooperative_land_add(cooperative=records.cooperative, tenure="owned")
    records.production = production_record(
        cooperative=records.cooperative, land=records.cooperative_land, activity="paddy",
        season="boro", year=2024, sales_taka="12000",
    )  # fmt: skip


def _add_actions(records: Records, org: Any) -> None:
    from landclaims.actions.services import action_create, safety_net_check_create

    records.action = action_create(
        organisation=org, kind="sit_in", took_place_on=date(2024, 5, 2), groups=[records.group],
        women=20, men=5, claims=[records.claim], incidents=[records.incident],
    )  # fmt: skip
    records.safety_net_check = safety_net_check_create(
        organisation=org, union=records.group.village.union, programme="vgd",
        checked_on=date(2024, 5, 3), checked="The VGD list", groups=[records.group],
    )  # fmt: skip


def _personas(org_a: Any, org_b: Any, places: Places) -> dict[str, Any]:
    superuser = get_user_model().objects.create_superuser("root", password="a-long-password-1")
    return {
        "superuser": superuser,
        "admin": make_user(organisation=org_a, role="admin"),
        # Legal staff are the district-limited persona: one district of the organisation.
        "legal": make_user(organisation=org_a, role="legal", districts=[places.district_a]),
        # Organisers carry no district limit in this project (scoping allows one for any
        # role; tests/conftest.py's organiser has none), so this one sees both districts.
        "organiser": make_user(organisation=org_a, role="organiser"),
        "monitor": make_user(organisation=org_a, role="monitor"),
        "viewer": make_user(organisation=org_a, role="viewer"),
        # The other organisation's admin: the strongest role there, so a leak shows.
        "outsider": make_user(organisation=org_b, role="admin"),
    }


def _upload(mouza: AdminArea) -> SimpleUploadedFile:
    lon, lat = mouza.centre.coords
    frame = gpd.GeoDataFrame(
        {"mouza": [mouza.name_en], "survey": ["RS"], "dag_no": ["9001"],
         "land_class": ["agri_khas"], "area_value": ["33"], "area_unit": ["decimal"]},
        geometry=[box(lon + 0.01, lat, lon + 0.0105, lat + 0.0005)],
        crs="EPSG:4326",
    )  # fmt: skip
    buffer = io.BytesIO()
    frame.to_file(buffer, driver="GeoJSON", engine="pyogrio")
    return SimpleUploadedFile("parcels.geojson", buffer.getvalue(), "application/geo+json")


def _build(tmp: Path) -> Matrix:
    places = _places()
    org_a = OrganisationFactory(name_en="Nijera Kori", slug="nk")
    org_b = OrganisationFactory(name_en=f"{OTHER_MARK_EN} org", slug="other")
    a = _records(org_a, places.district_a, places.mouza_a, places.village_a, "A-district-A")
    b = _records(org_a, places.district_b, places.mouza_b, places.village_b, "A-district-B")
    other = _records(
        org_b, places.district_a, places.mouza_a, places.village_a, f"{OTHER_MARK_EN} {OTHER_MARK}"
    )
    for records, org in ((a, org_a), (b, org_a), (other, org_b)):
        _add_actions(records, org)
        _add_cooperative(records, org)
    users = _personas(org_a, org_b, places)
    matrix = Matrix(places=places, org_a=org_a, org_b=org_b, a=a, b=b, other=other, users=users)
    organiser = users["organiser"]
    matrix.api_keys = {
        name: api_token_issue(user=u, name="matrix").secret for name, u in users.items()
    }
    matrix.api_token_pk = ApiToken.objects.filter(user=organiser).get().pk
    matrix.calendar_token = calendar_token_issue(user=organiser).token
    matrix.export_pk = export_request(user=organiser, layer="parcels").pk
    batch, _report = import_upload(user=organiser, upload=_upload(places.mouza_a), kind="parcels")
    matrix.import_token = str(batch.token)
    matrix.import_dir = tmp
    # Logged in once: each cell sends the session cookie (a cell that logs out deletes
    # the session only inside its own rolled-back savepoint).
    for name, user in users.items():
        client = Client()
        log_in(client, user)
        matrix.sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return matrix


@pytest.fixture(scope="package")
def matrix(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Matrix]:
    with (
        tempfile.TemporaryDirectory() as tmp,
        override_settings(
            EXPORT_DIR=Path(tmp) / "exports",
            IMPORT_DIR=Path(tmp) / "imports",
            DOCUMENT_ROOT=Path(tmp) / "documents",
        ),
        time_machine.travel(TODAY, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = _build(Path(tmp))
        yield built
        transaction.set_rollback(True)
