"""The triggers: every insert, update and delete of a domain table leaves an event, whoever
makes it, and nobody can change or remove an event afterwards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.utils import DatabaseError
from pghistory.models import Context

from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.allocations.models import Allocation
from landclaims.cases.models import (
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseTask,
    Hearing,
    InterimOrder,
    LegalCase,
)
from landclaims.cases.services import hearing_schedule
from landclaims.claims.models import Claim
from landclaims.cooperatives.models import Cooperative, CooperativeLand, Production
from landclaims.documents.models import Document
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.services import member_create
from landclaims.incidents.models import Incident
from landclaims.odk.models import FieldDevice, Submission
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea
from landclaims.places.services import admin_area_create
from landclaims.representation.models import Seat
from landclaims.savings.models import SavingsEntry, SavingsMeeting
from landclaims.training.models import TrainingEvent
from tests.audit.conftest import events, labels
from tests.cases.conftest import post_form
from tests.factories import log_in, make_group, make_parcel, make_user

pytestmark = pytest.mark.django_db

# Each tracked model: how to make one row, and one field to change on it.
Maker = Callable[[Any, Any, Any, Any], Any]


def _member(org, places, claim, case):
    group = make_group(organisation=org, village=places.village_a)
    return member_create(group=group, code="M-1", sex="female", priority_category="erosion_victim")


def _cooperative(org, places, claim, case):
    return Cooperative.objects.create(organisation=org, district=places.district_a, name_bn="সমবায়")


def _meeting(org, places, claim, case):
    group = make_group(organisation=org, village=places.village_a)
    return SavingsMeeting.objects.create(group=group, met_on=date(2024, 5, 3))


MAKERS: dict[type, tuple[Maker, str, Any]] = {
    Parcel: (lambda org, p, c, k: make_parcel(organisation=org, mouza=p.mouza_a), "notes", "x"),
    Claim: (lambda org, p, c, k: c, "notes", "x"),
    LegalCase: (lambda org, p, c, k: k, "bench", "Bench 4"),
    Hearing: (
        lambda org, p, c, k: hearing_schedule(case=k, on=date(2024, 7, 1), purpose="", by=None),
        "purpose",
        "hearing",
    ),
    InterimOrder: (
        lambda org, p, c, k: InterimOrder.objects.create(
            case=k, kind="stay", made_on=date(2024, 5, 1), in_force_from=date(2024, 5, 1)
        ),
        "text",
        "stayed",
    ),
    CaseEvent: (
        lambda org, p, c, k: CaseEvent.objects.create(
            case=k, kind="filed", happened_on=date(2024, 5, 1)
        ),
        "note",
        "filed late",
    ),
    CaseParty: (
        lambda org, p, c, k: CaseParty.objects.create(
            case=k, name="Deputy Commissioner", role="respondent", side="theirs"
        ),
        "role",
        "opposite_party",
    ),
    CaseNote: (
        lambda org, p, c, k: CaseNote.objects.create(
            case=k, written_on=date(2024, 5, 1), text="Lawyer asks for the khatian"
        ),
        "text",
        "Lawyer asks for the certified khatian",
    ),
    CaseTask: (
        lambda org, p, c, k: CaseTask.objects.create(
            case=k, title="Collect the certified copy", due_on=date(2024, 5, 9)
        ),
        "done_on",
        date(2024, 5, 8),
    ),
    LandlessGroup: (
        lambda org, p, c, k: make_group(organisation=org, village=p.village_a),
        "members_women",
        12,
    ),
    Member: (_member, "phone", "01700000000"),
    Allocation: (
        lambda org, p, c, k: Allocation.objects.create(
            organisation=org,
            parcel=c.parcels.first(),
            area_value=Decimal("1"),
            area_unit="decimal",
            area_unit_m2=Decimal("40.4686"),
            area_m2=Decimal("40.47"),
            title="joint",
        ),
        "dcr_no",
        "17",
    ),
    Incident: (
        lambda org, p, c, k: Incident.objects.create(
            organisation=org, district=p.district_a, kind="threat", occurred_on=date(2024, 5, 2)
        ),
        "police_station",
        "Madhupur",
    ),
    AdminArea: (
        lambda org, p, c, k: admin_area_create(
            level="mouza", name_en="New Mouza", name_bn="নতুন মৌজা", parent=p.union_a
        ),
        "name_en",
        "Renamed Mouza",
    ),
    Document: (
        lambda org, p, c, k: Document.objects.create(
            organisation=org,
            district=p.district_a,
            kind="order",
            title="Order",
            file="documents/order.pdf",
            legal_case=k,
        ),
        "title",
        "Stay order",
    ),
    # The groups' work (issue 21).
    SavingsMeeting: (_meeting, "decisions", "Buy seed together"),
    Cooperative: (_cooperative, "animator", "Shahanaz"),
    CooperativeLand: (
        lambda org, p, c, k: CooperativeLand.objects.create(
            cooperative=_cooperative(org, p, c, k), tenure="owned"
        ),
        "description",
        "Homestead garden",
    ),
    Production: (
        lambda org, p, c, k: Production.objects.create(
            cooperative=_cooperative(org, p, c, k), activity="paddy", season="boro", year=2024
        ),
        "detail",
        "BRRI dhan 28",
    ),
    TrainingEvent: (
        lambda org, p, c, k: TrainingEvent.objects.create(
            organisation=org,
            district=p.district_a,
            title="Rights awareness",
            tier="basic",
            started_on=date(2024, 5, 1),
            ended_on=date(2024, 5, 2),
        ),
        "venue",
        "Union Parishad hall",
    ),
    Seat: (
        lambda org, p, c, k: Seat.objects.create(
            member=_member(org, p, c, k),
            body="union_parishad",
            how="elected",
            from_on=date(2024, 1, 1),
        ),
        "body_name",
        "Ward 3",
    ),
    Action: (
        lambda org, p, c, k: Action.objects.create(
            organisation=org, district=p.district_a, kind="rally", took_place_on=date(2024, 5, 2)
        ),
        "authority",
        "UNO",
    ),
    SafetyNetCheck: (
        lambda org, p, c, k: SafetyNetCheck.objects.create(
            organisation=org,
            district=p.district_a,
            union=p.union_a,
            programme="vgd",
            checked_on=date(2024, 5, 2),
            checked="The VGD list",
        ),
        "outcome",
        "Six cards restored",
    ),
    # Field phones (issue 22): a key's revocation, a submission's review.
    FieldDevice: (
        lambda org, p, c, k: FieldDevice.objects.create(
            user=make_user(organisation=org), name="Rahima's phone", digest="a" * 64
        ),
        "name",
        "Rahima's old phone",
    ),
    Submission: (
        lambda org, p, c, k: Submission.objects.create(
            organisation=org,
            submitted_by=make_user(organisation=org),
            form_id="lc_savings",
            instance_id="uuid:0b4c2f36-8e1b-4f5e-9d55-3a1c2b7e9f10",
            xml=b"<data/>",
            xml_sha256="b" * 64,
            status="held",
        ),
        "review_note",
        "Asked the organiser to check the date",
    ),
}
# Tracked, but append-only in the database itself: an insert leaves an event, and no update or
# delete ever reaches the trail (test_a_savings_entry_is_recorded_and_never_changed).
APPEND_ONLY = (SavingsEntry,)


@pytest.mark.parametrize("model", list(MAKERS), ids=lambda m: m.__name__)
def test_every_tracked_model_records_insert_update_and_delete(
    model, org, places, claim, case
) -> None:
    make, field, value = MAKERS[model]
    row = make(org, places, claim, case)
    setattr(row, field, value)
    row.save()
    pk = row.pk
    if model in (Claim, LegalCase):  # other rows point at them with PROTECT
        model.objects.filter(pk=pk).update(**{field: value})
    else:
        row.delete()
    expected = ["insert", "update"] + ([] if model in (Claim, LegalCase) else ["delete"])
    assert labels(model, pk)[: len(expected)] == expected
    assert getattr(events(model, pgh_obj_id=pk)[1], field) == value


def test_the_claim_and_case_are_deleted_with_an_event_too(claim, case) -> None:
    claim_pk, case_pk = claim.pk, case.pk
    Allocation.objects.filter(claim=claim).delete()
    claim.delete()
    case.delete()
    assert labels(Claim, claim_pk)[-1] == "delete"
    assert labels(LegalCase, case_pk)[-1] == "delete"


def test_a_saved_row_whose_fields_did_not_change_records_nothing(case) -> None:
    case.save()  # touches updated_at only, which the trail leaves out
    assert labels(LegalCase, case.pk) == ["insert"]


def test_a_bulk_update_records_one_event_per_row(org, places) -> None:
    parcels = [make_parcel(organisation=org, mouza=places.mouza_a) for _ in range(3)]
    Parcel.objects.filter(pk__in=[p.pk for p in parcels]).update(notes="resurveyed")
    for parcel in parcels:
        assert labels(Parcel, parcel.pk) == ["insert", "update"]
        assert events(Parcel, pgh_obj_id=parcel.pk)[-1].notes == "resurveyed"


def test_raw_sql_is_recorded_without_a_user(case) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_legalcase SET bench = 'psql' WHERE id = %s", [case.pk])
    event = events(LegalCase, pgh_obj_id=case.pk)[-1]
    assert (event.pgh_label, event.bench) == ("update", "psql")
    assert event.pgh_context is None


def _event_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if any(f.name == "pgh_obj" for f in model._meta.fields)
    )


def test_every_event_table_belongs_to_a_model_tested_here() -> None:
    tested = {model._meta.db_table + "audit" for model in (*MAKERS, *APPEND_ONLY)}
    assert set(_event_tables()) == tested


def test_a_savings_entry_is_recorded_and_never_changed(org, places, claim, case) -> None:
    meeting = _meeting(org, places, claim, case)
    entry = SavingsEntry.objects.create(meeting=meeting, kind="collection", change_poisha=5000)
    for statement in ("UPDATE {t} SET note = 'forged'", "DELETE FROM {t}"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement.format(t=SavingsEntry._meta.db_table))
    assert labels(SavingsEntry, entry.pk) == ["insert"]


@pytest.mark.parametrize("model", list(MAKERS), ids=lambda m: m.__name__)
@pytest.mark.parametrize("statement", ["UPDATE {t} SET pgh_label = 'forged'", "DELETE FROM {t}"])
def test_the_event_tables_refuse_update_and_delete(
    model, statement, org, places, claim, case
) -> None:
    MAKERS[model][0](org, places, claim, case)
    table = _event_model(model)._meta.db_table
    before = _event_model(model).objects.count()
    assert before > 0
    with (
        pytest.raises(DatabaseError, match="Cannot"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(t=table))
    assert _event_model(model).objects.exclude(pgh_label="forged").count() == before


def test_the_context_table_refuses_delete(client, legal_staff, case) -> None:
    log_in(client, legal_staff)
    post_form(client, "hearing_schedule", case, "schedule", on="2024-07-01", purpose="hearing")
    assert Context.objects.exists()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM pghistory_context")
    assert Context.objects.exists()


def _event_model(model: type) -> Any:
    return apps.get_model(model._meta.app_label, f"{model.__name__}Audit")


def test_a_boundary_is_kept_in_history_without_a_spatial_index_on_it(org, places) -> None:
    parcel = make_parcel(organisation=org, mouza=places.mouza_a)
    assert events(Parcel, pgh_obj_id=parcel.pk)[-1].geom.equals(parcel.geom)


def test_history_is_indexed_only_by_what_it_is_read_by() -> None:
    """The record (pgh_obj), the request (pgh_context) and a child's case: nothing else."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, a.attname FROM pg_index i "
            "JOIN pg_class t ON t.oid = i.indrelid "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey) "
            "WHERE t.relname = ANY(%s) AND NOT i.indisprimary",
            [_event_tables()],
        )
        indexed = {(table, column) for table, column in cursor.fetchall()}
    assert {column for _, column in indexed} == {"pgh_obj_id", "pgh_context_id", "case_id"}
    assert {table for table, column in indexed if column == "case_id"} == {
        "cases_hearingaudit", "cases_interimorderaudit", "cases_caseeventaudit",
        "cases_casepartyaudit", "cases_casenoteaudit", "cases_casetaskaudit",
    }  # fmt: skip
