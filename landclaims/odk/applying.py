"""Turning a stored submission into records, through the same services as the pages.

Each form has a small reader that turns its answers (with a reviewer's corrections on top)
into the service's arguments, and an applier that calls the services. Everything is applied
in one savepoint: all the records a submission makes, or none and the submission held with
`problems` naming the answer concerned and the reason, in the words a person reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.gis.geos import LinearRing, Point, Polygon
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from landclaims.cases.models import Hearing
from landclaims.cases.services import hearing_adjourn, hearing_record_held
from landclaims.claims.models import Claim
from landclaims.core.money import poisha_from_taka
from landclaims.core.permissions import (
    CLAIM_WRITERS,
    require_writer,
)
from landclaims.core.preferences import language_of
from landclaims.core.text import ascii_digits, normalise_name
from landclaims.documents.models import Document
from landclaims.documents.services import document_add
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.groups.services import group_create, member_create
from landclaims.incidents.models import RESTRICTED_KINDS, Incident
from landclaims.incidents.services import incident_record
from landclaims.odk.geoshape import geoshape_read
from landclaims.odk.models import Submission, SubmissionAttachment
from landclaims.odk.review import (
    FORM_WRITERS,
    hearings_pending_for,
    merged_answers,
    mouzas_for,
    submission_list_visible,
    villages_for,
)
from landclaims.parcels.models import GeomSource, LandClass
from landclaims.parcels.services import parcel_create
from landclaims.places.models import AdminArea, SurveySeries, Village
from landclaims.savings.models import SavingsEntry
from landclaims.savings.services import EntryInput, savings_meeting_record
from landclaims.training.models import TrainingEvent
from landclaims.training.services import GroupCount, training_attendance_set

# The correction that lets a reviewer register a group whose name looks like one already in
# the village (the two are different groups after all).
CONFIRM_NEW_GROUP = "confirm_new_group"
DUPLICATE_GROUP = gettext_noop(
    "A group of this name is already registered in this village. If this is a different "
    "group, tick “create it anyway”."
)
# And the one that lets a reviewer record a walked boundary over a parcel already recorded
# (the page records it with a warning; the phone's sender would see none, so it waits here).
CONFIRM_OVERLAP = "confirm_overlap"
OVERLAPS_PARCEL = gettext_noop(
    "This boundary overlaps a parcel already recorded: the same land may be recorded twice. "
    "If it is different land, tick “record it anyway”."
)


@dataclass
class Problem:
    field: str  # the answer's name ("member.2.code" inside a repeat), "" for the whole form
    message: str

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class Held(Exception):
    """The answers cannot be applied as they are: roll back and hold the submission."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


# ---------------------------------------------------------------------------------------
# Reading answers


@dataclass
class Reader:
    """Reads one form's answers (or one repeat's row of them), collecting every problem
    instead of stopping at the first, so a reviewer sees them all at once."""

    answers: Mapping[str, Any]
    by: Any
    prefix: str = ""  # "member.2." inside a repeat
    problems: list[Problem] = field(default_factory=list)

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.name(key), message))

    def rows(self, repeat: str) -> list[Reader]:
        """A reader for each row of a repeat, sharing this reader's problems."""
        rows = self.answers.get(repeat) or []
        if not isinstance(rows, list):
            rows = []
        return [
            Reader(
                row if isinstance(row, Mapping) else {}, self.by, f"{repeat}.{n}.", self.problems
            )
            for n, row in enumerate(rows, start=1)
        ]

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.answers.get(key)
        text = value.strip() if isinstance(value, str) else ""
        if required and not text:
            self.problem(key, _("This answer is required."))
        return text

    def choice(self, key: str, choices: Any, *, required: bool = False) -> str:
        value = self.text(key, required=required)
        if value and value not in set(choices):
            self.problem(key, _("Choose one of the listed answers."))
            return ""
        return value

    def yes(self, key: str) -> bool:
        return self.choice(key, ("yes", "no")) == "yes"

    def date(self, key: str, *, required: bool = False) -> date | None:
        value = ascii_digits(self.text(key, required=required))
        if not value:
            return None
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(value[:10], pattern).date()
            except ValueError:
                continue
        self.problem(key, _("Give a date such as 2024-05-31."))
        return None

    def integer(self, key: str, *, default: int | None = 0) -> int | None:
        value = ascii_digits(self.text(key)).replace(",", "")
        if not value:
            return default
        if not re.fullmatch(r"-?\d+", value):
            self.problem(key, _("Give a whole number."))
            return default
        return int(value)

    def decimal(self, key: str) -> Decimal | None:
        value = ascii_digits(self.text(key)).replace(",", "")
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.problem(key, _("Give a number."))
            return None
        return number

    def poisha(self, key: str) -> int | None:
        """An amount in taka as integer poisha (core.money: Decimal throughout)."""
        value = self.text(key).replace(",", "")
        if not value:
            return None
        try:
            return poisha_from_taka(value, field=key)
        except ValidationError as error:
            self.problem(key, error.message_dict[key][0])
            return None

    def point(self, key: str) -> Point | None:
        """An ODK geopoint, "lat lon alt accuracy", as a Point(lon, lat) in EPSG:4326."""
        value = self.text(key)
        if not value:
            return None
        coordinates = _coordinates(value)
        if coordinates is None:
            self.problem(key, _("The location could not be read."))
            return None
        lat, lon = coordinates[:2]
        return Point(lon, lat, srid=4326)

    def polygon(self, key: str, *, required: bool = False) -> tuple[Polygon | None, float | None]:
        """An ODK geoshape as a Polygon in EPSG:4326 and the worst accuracy of its points.

        A trailing ";" and empty points are dropped and the ring closed when the phone did not;
        nothing else is changed: a bad ring is for the parcel service's check to refuse."""
        value = self.text(key, required=required)
        if not value:
            return None, None
        shape = geoshape_read(value)
        if shape is None:
            self.problem(key, _("The boundary could not be read."))
            return None, None
        if len(shape.ring) < 4:
            self.problem(key, _("A boundary needs at least three corners."))
            return None, None
        accuracy = max(shape.accuracies) if shape.accuracies else None
        return Polygon(LinearRing(shape.ring), srid=4326), accuracy

    def visible(self, key: str, queryset: models.QuerySet[Any], *, required: bool = False) -> Any:
        """The record a choice list's key names, if this person may (still) see it."""
        value = ascii_digits(self.text(key, required=required))
        if not value:
            return None
        found = queryset.filter(pk=int(value)).first() if value.isdigit() else None
        if found is None:
            self.problem(key, _not_visible_message(queryset.model))
        return found

    def check(self) -> None:
        if self.problems:
            raise Held(self.problems)


def _coordinates(text: str) -> tuple[float, ...] | None:
    parts = ascii_digits(text).split()
    if len(parts) < 2:
        return None
    try:
        return tuple(float(p) for p in parts)
    except ValueError:
        return None


def _not_visible_message(model: type[models.Model]) -> str:
    messages = {
        LandlessGroup: _("This group is not one you can see."),
        Village: _("This village is not one you can see."),
        AdminArea: _("This mouza is not one you can see."),
        Claim: _("This claim is not one you can see."),
        Hearing: _("This hearing is not one you can record: it is already past or not yours."),
        TrainingEvent: _("This training is not one you can see."),
    }
    return messages.get(model, _("This choice is not one you can see."))


# ---------------------------------------------------------------------------------------
# Applying each form: returns the records made, raises Held or ValidationError.


@dataclass
class Applied:
    records: list[models.Model]
    district: AdminArea | None


def _apply_group(submission: Submission, read: Reader, by: Any) -> Applied:
    village = read.visible("village", villages_for(by), required=True)
    group = {
        "name_bn": read.text("name_bn", required=True),
        "name_en": read.text("name_en"),
        "sex": read.choice("sex", LandlessGroup.Sex.values, required=True),
        "formed_on": read.date("formed_on"),
        "meeting_day": read.choice("meeting_day", LandlessGroup.Weekday.values),
    }
    members = [_member_answers(row) for row in read.rows("member")]
    if village is not None and read.text(CONFIRM_NEW_GROUP) != "yes":
        _check_not_duplicate(read, submission, village, group["name_bn"], group["name_en"])
    read.check()
    made = group_create(
        organisation=submission.organisation,
        village=village,
        members_women=sum(m["sex"] == Member.Sex.FEMALE for m in members),
        members_men=sum(m["sex"] == Member.Sex.MALE for m in members),
        by=by,
        **group,
    )
    records: list[models.Model] = [made]
    for n, member in enumerate(members, start=1):
        with _renamed(prefix=f"member.{n}.", whole="code"):
            records.append(member_create(group=made, by=by, **member))
    return Applied(records, village.union.district)


def _member_answers(row: Reader) -> dict[str, Any]:
    return {
        "code": row.text("code", required=True),
        "name_bn": row.text("name_bn"),
        "name_en": row.text("name_en"),
        "sex": row.choice("sex", Member.Sex.values, required=True),
        "priority_category": row.choice(
            "priority_category", PriorityCategory.values, required=True
        ),
        "is_household_head": row.yes("is_household_head"),
        "phone": ascii_digits(row.text("phone")),
        "joined_on": row.date("joined_on"),
    }


def _check_not_duplicate(
    read: Reader, submission: Submission, village: Village, name_bn: str, name_en: str
) -> None:
    """A group already registered from another phone, or on the site, under a name that is
    the same but for case and spacing, in either script: most likely the same group."""
    names = {normalise_name(n).casefold() for n in (name_bn, name_en) if n}
    existing = LandlessGroup.objects.filter(
        organisation=submission.organisation, village=village
    ).values_list("name_bn", "name_en")
    for known in existing:
        if names & {normalise_name(n).casefold() for n in known if n}:
            read.problem("name_bn", _(DUPLICATE_GROUP))
            return


def _apply_parcel(submission: Submission, read: Reader, by: Any) -> Applied:
    mouza = read.visible("mouza", mouzas_for(by), required=True)
    walked = read.choice("boundary_how", ("walked", "paper"), required=True) == "walked"
    boundary, accuracy = read.polygon("boundary", required=walked) if walked else (None, None)
    arguments = {
        "survey": read.choice("survey", SurveySeries.values, required=True),
        "dag_nos": [d for d in re.split(r"[,\s]+", read.text("dag_nos", required=True)) if d],
        "land_class": read.choice("land_class", LandClass.values, required=True),
        "jl_no": read.text("jl_no"),
        "khatian_no": read.text("khatian_no"),
        "area_value": read.decimal("area_value"),
        "area_unit": read.text("area_unit"),
        "notes": read.text("notes"),
    }
    read.check()
    saved = parcel_create(
        organisation=submission.organisation,
        mouza=mouza,
        geom=boundary,
        geom_source=GeomSource.GPS_WALK if boundary is not None else "",
        accuracy_m=accuracy,
        created_by=by,
        **arguments,
    )
    if saved.warnings and read.text(CONFIRM_OVERLAP) != "yes":
        raise Held([Problem("boundary", OVERLAPS_PARCEL)])
    return Applied([saved.parcel], mouza.district)


def _apply_incident(submission: Submission, read: Reader, by: Any) -> Applied:
    group = read.visible("group", LandlessGroup.objects.visible_to(by))
    claim = read.visible("claim", Claim.objects.visible_to(by))
    location = read.point("location")
    arguments = {
        "kind": read.choice("kind", Incident.Kind.values, required=True),
        "occurred_on": read.date("occurred_on", required=True),
        "women_affected": read.integer("women_affected"),
        "men_affected": read.integer("men_affected"),
        "others_affected": read.integer("others_affected"),
        "perpetrators": read.text("perpetrators"),
        "police_station": read.text("police_station"),
        "gd_fir_no": read.text("gd_fir_no"),
        "description": read.text("description"),
    }
    photos = _photos(submission, read)
    read.check()
    district = None if (group or claim) else _district_at(location)
    incident = incident_record(
        organisation=submission.organisation,
        group=group,
        claim=claim,
        location=location,
        district=district,
        by=by,
        **arguments,
    )
    documents: list[Document] = []
    try:
        for n, attachment in photos:
            with _renamed(
                prefix=f"photos.{n}.", names={"file": "photo", "links": "photo"}, whole="photo"
            ):
                documents.append(_photo_document(incident, attachment, n, by))
    except Exception:
        # The rows roll back with the savepoint; the files stored so far go with them.
        for document in documents:
            document.file.delete(save=False)
        raise
    return Applied([incident, *documents], incident.district)


def _photos(submission: Submission, read: Reader) -> list[tuple[int, SubmissionAttachment]]:
    """The attachments the photos name; a photo named but not (yet) arrived is a problem:
    Collect sends large submissions in several parts."""
    arrived = {a.name: a for a in submission.attachments.all()}
    photos = []
    for n, row in enumerate(read.rows("photos"), start=1):
        name = row.text("photo")
        if not name:
            continue
        if name not in arrived:
            row.problem("photo", _("This photo has not arrived from the phone (yet)."))
        else:
            photos.append((n, arrived[name]))
    return photos


def _photo_document(
    incident: Incident, attachment: SubmissionAttachment, n: int, by: Any
) -> Document:
    # Photos of what was done to people: confidential for the incidents whose very kind is
    # restricted, internal (the upload page's default) otherwise.
    sensitivity = (
        Document.Sensitivity.CONFIDENTIAL
        if incident.kind in RESTRICTED_KINDS
        else Document.Sensitivity.INTERNAL
    )
    # Applying runs in English (the problems' own words); the title is the sender's.
    with override(language_of(by)):
        title = _("Photo %(n)s of the incident, sent from a phone") % {"n": n}
    with attachment.file.open("rb") as handle:
        document = document_add(
            kind=Document.Kind.PHOTO,
            title=title,
            file=File(handle, name=attachment.name),
            by=by,
            sensitivity=sensitivity,
            dated_on=incident.occurred_on,
            incident=incident,
        )
    attachment.document = document
    attachment.save(update_fields=["document"])
    return document


def _district_at(location: Point | None) -> AdminArea | None:
    if location is None:
        return None
    return AdminArea.objects.filter(level=AdminArea.Level.DISTRICT, geom__contains=location).first()


def _apply_hearing(submission: Submission, read: Reader, by: Any) -> Applied:
    hearing = read.visible("hearing", hearings_pending_for(by), required=True)
    adjourned = read.choice("outcome", ("held", "adjourned"), required=True) == "adjourned"
    next_on = read.date("next_on", required=adjourned) if adjourned else None
    purpose, note = read.text("purpose"), read.text("note")
    read.check()
    if adjourned and next_on is not None:
        following = hearing_adjourn(
            hearing=hearing, next_on=next_on, purpose=purpose, note=note, by=by
        )
        records: list[models.Model] = [hearing, following]
    else:
        records = [hearing_record_held(hearing=hearing, note=note, by=by)]
    return Applied(records, hearing.case.district)


def _apply_savings(submission: Submission, read: Reader, by: Any) -> Applied:
    group = read.visible("group", LandlessGroup.objects.visible_to(by), required=True)
    met_on = read.date("met_on", required=True)
    members_present = read.integer("members_present", default=None)
    cash = read.poisha("cash_taka")
    rice_kg = read.decimal("rice_kg")
    price = read.poisha("rice_price_taka") if rice_kg else None
    if rice_kg and price is None and not read.text("rice_price_taka"):
        read.problem("rice_price_taka", _("Give the price per kg the rice sold at."))
    decisions = read.text("decisions")
    read.check()
    entries = []
    if cash:
        entries.append(EntryInput(kind=SavingsEntry.Kind.COLLECTION, amount_poisha=cash))
    if rice_kg:
        entries.append(
            EntryInput(
                kind=SavingsEntry.Kind.COLLECTION,
                form=SavingsEntry.Form.RICE,
                rice_kg=rice_kg,
                rice_price_poisha_per_kg=price,
            )
        )
    meeting = savings_meeting_record(
        group=group,
        met_on=met_on,
        members_present=members_present,
        decisions=decisions,
        entries=entries,
        by=by,
    )
    return Applied([meeting], group.village.union.district)


def _apply_training(submission: Submission, read: Reader, by: Any) -> Applied:
    event = read.visible("training", TrainingEvent.objects.visible_to(by), required=True)
    group = read.visible("group", LandlessGroup.objects.visible_to(by), required=True)
    count = {
        "women": read.integer("women"),
        "men": read.integer("men"),
        "others": read.integer("others"),
        "community": read.text("community"),
    }
    read.check()
    # The phone reports one group: the other groups' rows and the members named stay.
    kept = [
        GroupCount(
            group=row.group,
            women=row.women,
            men=row.men,
            others=row.others,
            community=row.community,
        )
        for row in event.group_attendance.exclude(group=group).select_related("group")
    ]
    members = [row.member for row in event.member_attendance.select_related("member")]
    training_attendance_set(
        event=event, groups=[*kept, GroupCount(group=group, **count)], members=members, by=by
    )
    return Applied([event], event.district)


APPLIERS: dict[str, Callable[[Submission, Reader, Any], Applied]] = {
    "lc_group": _apply_group,
    "lc_parcel": _apply_parcel,
    "lc_incident": _apply_incident,
    "lc_hearing": _apply_hearing,
    "lc_savings": _apply_savings,
    "lc_training": _apply_training,
}

# The services' field names that differ from the forms' answer names.
RENAMED: dict[str, dict[str, str]] = {
    "lc_group": {"organisation": "village"},
    "lc_parcel": {
        "geom": "boundary",
        "accuracy_m": "boundary",
        "other_dags": "dag_nos",
        "organisation": "mouza",
    },
    "lc_incident": {"district": "group", "organisation": "group", "legal_case": "claim"},
    "lc_hearing": {"scheduled_on": "hearing", "status": "hearing", "case": "hearing"},
    "lc_savings": {
        "amount_poisha": "cash_taka",
        "form": "rice_kg",
        "rice_price_poisha_per_kg": "rice_price_taka",
        "meeting": "group",
    },
    "lc_training": {"groups": "group", "members": "group", "event": "training"},
}


class _ServiceRefusal(Exception):
    """A service's ValidationError from inside a repeat's row, its fields already renamed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


class _renamed:
    """Within a repeat's row: the service's refusal named after that row's answers."""

    def __init__(
        self, *, prefix: str, names: Mapping[str, str] | None = None, whole: str = ""
    ) -> None:
        # `whole`: the answer a refusal of the whole row is about (a member's code twice).
        self.prefix, self.names, self.whole = prefix, names or {}, whole

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        if isinstance(error, ValidationError):
            problems = [
                Problem(
                    f"{self.prefix}{self.names.get(name or self.whole, name or self.whole)}",
                    message,
                )
                for name, message in _messages(error)
            ]
            raise _ServiceRefusal(problems) from error


def _messages(error: ValidationError) -> list[tuple[str, str]]:
    if not hasattr(error, "error_dict"):
        return [("", message) for message in error.messages]
    return [
        ("" if name == "__all__" else name, message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]


def service_problems(form_id: str, error: ValidationError) -> list[Problem]:
    """A service's refusal as problems keyed by the answers' names."""
    renamed = RENAMED.get(form_id, {})
    return [Problem(renamed.get(name, name), message) for name, message in _messages(error)]


# ---------------------------------------------------------------------------------------
# The writes


def _check_may_apply(submission: Submission, by: Any) -> None:
    """The form's writers, and only for a submission they may see (their own or of their
    organisation and districts)."""
    writers = FORM_WRITERS.get(submission.form_id, CLAIM_WRITERS)
    require_writer(by, writers)
    if by is None or not submission_list_visible(by).filter(pk=submission.pk).exists():
        raise PermissionDenied(_("This field submission is not one you can see."))


@transaction.atomic
def submission_apply(*, submission: Submission, by: Any) -> Submission:
    """Read the answers (with any corrections on top), check them and apply them in one
    transaction through the services, setting status "applied", `records`, `applied_at`
    and the district; or, when a check or a service refuses, roll the records back and set
    status "held" with `problems` naming each field and reason. Never raises for bad
    answers; saves and returns the submission.

    Raises PermissionDenied when `by` does not write what the form makes or may not see the
    submission. An applied (or rejected) submission is returned as it is: never twice."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.HELD:
        return submission
    _check_may_apply(submission, by)
    applier = APPLIERS.get(submission.form_id)
    if applier is None:
        unknown = gettext_noop("This form is not one landclaims knows.")
        return _hold(submission, [Problem("", unknown)])
    read = Reader(merged_answers(submission), by)
    try:
        # The problems are kept in English, the messages' own ids, and shown translated into
        # each reviewer's language (review.py): a Bangla reviewer may read what an English
        # session held, and the other way round.
        with override("en"), transaction.atomic():
            applied = applier(submission, read, by)
    except Held as held:
        return _hold(submission, held.problems, district=_district_named(submission, by))
    except _ServiceRefusal as refusal:
        return _hold(submission, refusal.problems, district=_district_named(submission, by))
    except ValidationError as error:
        problems = service_problems(submission.form_id, error)
        return _hold(submission, problems, district=_district_named(submission, by))
    submission.status = Submission.Status.APPLIED
    submission.applied_at = timezone.now()
    submission.problems = []
    submission.records = [_record(r) for r in applied.records]
    submission.district = applied.district or submission.district
    submission.save()
    return submission


def _record(instance: models.Model) -> dict[str, Any]:
    return {"model": instance._meta.label_lower, "pk": instance.pk}


def _hold(
    submission: Submission, problems: list[Problem], district: AdminArea | None = None
) -> Submission:
    submission.status = Submission.Status.HELD
    submission.problems = [p.as_json() for p in problems]
    submission.records = []
    submission.district = district or submission.district
    submission.save()
    return submission


def _district_named(submission: Submission, by: Any) -> AdminArea | None:
    """The district the answers name (a village's, a mouza's, a group's, a case's), so that
    a held submission is filed where its reviewers work."""
    read = Reader(merged_answers(submission), by)
    lookups: list[tuple[str, models.QuerySet[Any], Callable[[Any], Any]]] = [
        ("village", villages_for(by), lambda v: v.union.district),
        ("mouza", mouzas_for(by), lambda m: m.district),
        ("group", LandlessGroup.objects.visible_to(by), lambda g: g.village.union.district),
        ("claim", Claim.objects.visible_to(by), lambda c: c.district),
        ("hearing", Hearing.objects.visible_to(by), lambda h: h.case.district),
        ("training", TrainingEvent.objects.visible_to(by), lambda t: t.district),
    ]
    for key, queryset, district_of in lookups:
        found = read.visible(key, queryset)
        if found is not None:
            return district_of(found)  # type: ignore[no-any-return]
    return None


@transaction.atomic
def submission_correct(
    *, submission: Submission, by: Any, corrections: Mapping[str, Any]
) -> Submission:
    """Store a reviewer's corrections (on top of earlier ones; the XML is never changed),
    then apply again: held again with the new problems, or applied."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_may_apply(submission, by)
    _check_held(submission)
    submission.corrections = {**(submission.corrections or {}), **corrections}
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.save()
    return submission_apply(submission=submission, by=by)


@transaction.atomic
def submission_reject(*, submission: Submission, by: Any, note: str) -> Submission:
    """Set a held submission aside, saying why; it stays kept as received."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    _check_may_apply(submission, by)
    _check_held(submission)
    if not note.strip():
        raise ValidationError({"note": _("Say why the submission is rejected.")})
    submission.status = Submission.Status.REJECTED
    submission.review_note = note.strip()
    submission.reviewed_by = by
    submission.reviewed_at = timezone.now()
    submission.save()
    return submission


def _check_held(submission: Submission) -> None:
    if submission.status != Submission.Status.HELD:
        raise ValidationError(
            {"status": _("Only a submission held for review can be corrected or rejected.")}
        )
