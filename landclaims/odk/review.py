"""Reads for the review of field submissions: which a person sees, and their answers in
words (labels, names of the records a choice list names, dates as the site shows them)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import LinearRing, Polygon
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gis.crs import geodesic_area_m2
from landclaims.cases.models import Hearing
from landclaims.claims.models import Claim
from landclaims.core.display import bangla_active, place_name, unit_label
from landclaims.core.geo import to_shapely
from landclaims.core.permissions import (
    CASE_WRITERS,
    CLAIM_WRITERS,
    GROUP_WORK_WRITERS,
    has_role,
)
from landclaims.core.scoping import scope_for
from landclaims.core.templatetags.lc_format import day, format_number
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.incidents.models import Incident
from landclaims.odk.models import Submission
from landclaims.parcels.models import LandClass
from landclaims.places.models import AdminArea, SurveySeries, Village
from landclaims.training.models import TrainingEvent

# Who reviews field submissions at all: the roles that write what some form makes.
REVIEWERS = CLAIM_WRITERS | CASE_WRITERS | GROUP_WORK_WRITERS

# Who may send, apply and review each form: the writers of the records it makes.
FORM_WRITERS: dict[str, frozenset[str]] = {
    "lc_group": CLAIM_WRITERS,
    "lc_parcel": CLAIM_WRITERS,
    "lc_incident": CLAIM_WRITERS,
    "lc_hearing": CASE_WRITERS,
    "lc_savings": GROUP_WORK_WRITERS,
    "lc_training": GROUP_WORK_WRITERS,
}

FORM_TITLES: dict[str, Promise] = {
    "lc_group": gettext_lazy("Register a group"),
    "lc_parcel": gettext_lazy("Record a parcel"),
    "lc_incident": gettext_lazy("Record an incident"),
    "lc_hearing": gettext_lazy("A hearing's outcome"),
    "lc_savings": gettext_lazy("Savings collected at a meeting"),
    "lc_training": gettext_lazy("Training attendance"),
}


def submission_list_visible(user: Any) -> models.QuerySet[Submission]:
    """What `user` may see: the organisation's submissions in their districts, and the ones
    they sent themselves (a district-scoped person's own, not yet filed under a district)."""
    scope = scope_for(user)
    if scope is None:
        return Submission.objects.none()
    own = Q(submitted_by=user)
    if scope.organisation_id is not None:
        own &= Q(organisation_id=scope.organisation_id)
    visible = Submission.objects.visible_to(user).values("pk")
    return Submission.objects.filter(Q(pk__in=visible) | own)


def merged_answers(submission: Submission) -> dict[str, Any]:
    """The answers with the reviewer's corrections on top. A correction inside a repeat is
    keyed "repeat.N.name" (N from 1, as the review page shows it)."""
    answers = copy.deepcopy(submission.answers or {})
    for key, value in (submission.corrections or {}).items():
        parts = key.split(".")
        rows = answers.get(parts[0]) if len(parts) == 3 else None
        if isinstance(rows, list) and parts[1].isdigit() and 0 < int(parts[1]) <= len(rows):
            rows[int(parts[1]) - 1][parts[2]] = value
        else:
            answers[key] = value
    return answers


def forms_reviewed_by(user: Any) -> list[str]:
    return [form_id for form_id, writers in FORM_WRITERS.items() if has_role(user, writers)]


def submission_list(user: Any, *, status: str = "", form_id: str = "") -> models.QuerySet[Any]:
    """The submissions of the forms `user` writes, held ones first, newest first."""
    submissions = submission_list_visible(user).filter(form_id__in=forms_reviewed_by(user))
    if status:
        submissions = submissions.filter(status=status)
    if form_id:
        submissions = submissions.filter(form_id=form_id)
    held_first = models.Case(
        models.When(status=Submission.Status.HELD, then=0),
        default=1,
        output_field=models.IntegerField(),
    )
    return submissions.select_related("submitted_by").order_by(held_first, "-received_at", "-id")


def submission_get(user: Any, pk: int) -> Submission:
    """One submission `user` may review; Submission.DoesNotExist otherwise."""
    return submission_list(user).select_related("reviewed_by", "district").get(pk=pk)


def held_count(user: Any) -> int:
    if not has_role(user, REVIEWERS):
        return 0
    return submission_list(user, status=Submission.Status.HELD).count()


def form_title(form_id: str) -> str:
    """The form's title in the active language."""
    try:
        from landclaims.odk.xlsforms import built

        return built(form_id).title
    except (NotImplementedError, KeyError):
        return str(FORM_TITLES.get(form_id, _("A form landclaims does not know")))


# The questions' labels, until xlsforms.py offers the forms' own.
QUESTION_LABELS: dict[str, Promise] = {
    "village": gettext_lazy("Village"),
    "name_bn": gettext_lazy("Name in Bangla"),
    "name_en": gettext_lazy("Name in English"),
    "sex": gettext_lazy("Sex"),
    "formed_on": gettext_lazy("Formed on"),
    "meeting_day": gettext_lazy("Meeting day"),
    "code": gettext_lazy("Member's code"),
    "priority_category": gettext_lazy("Priority category"),
    "is_household_head": gettext_lazy("Head of the household"),
    "phone": gettext_lazy("Phone"),
    "joined_on": gettext_lazy("Joined on"),
    "mouza": gettext_lazy("Mouza"),
    "survey": gettext_lazy("Survey"),
    "dag_nos": gettext_lazy("Dag numbers"),
    "land_class": gettext_lazy("Land class"),
    "jl_no": gettext_lazy("JL number"),
    "khatian_no": gettext_lazy("Khatian number"),
    "area_value": gettext_lazy("Area"),
    "area_unit": gettext_lazy("Area unit"),
    "boundary_how": gettext_lazy("How the boundary was taken"),
    "boundary": gettext_lazy("Boundary"),
    "notes": gettext_lazy("Notes"),
    "kind": gettext_lazy("What happened"),
    "occurred_on": gettext_lazy("Date it happened"),
    "location": gettext_lazy("Location"),
    "group": gettext_lazy("Group"),
    "claim": gettext_lazy("Claim"),
    "women_affected": gettext_lazy("Women affected"),
    "men_affected": gettext_lazy("Men affected"),
    "others_affected": gettext_lazy("Others affected"),
    "perpetrators": gettext_lazy("Perpetrators"),
    "police_station": gettext_lazy("Police station"),
    "gd_fir_no": gettext_lazy("GD or FIR number"),
    "description": gettext_lazy("Description"),
    "photo": gettext_lazy("Photo"),
    "hearing": gettext_lazy("Hearing"),
    "outcome": gettext_lazy("Outcome"),
    "next_on": gettext_lazy("Next date"),
    "purpose": gettext_lazy("Purpose of the next hearing"),
    "note": gettext_lazy("Note"),
    "met_on": gettext_lazy("Meeting date"),
    "members_present": gettext_lazy("Members present"),
    "cash_taka": gettext_lazy("Cash collected (taka)"),
    "rice_kg": gettext_lazy("Rice collected (kg)"),
    "rice_price_taka": gettext_lazy("Rice price per kg (taka)"),
    "decisions": gettext_lazy("Decisions"),
    "training": gettext_lazy("Training"),
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "others": gettext_lazy("Others"),
    "community": gettext_lazy("Community"),
    "member": gettext_lazy("Member"),
    "photos": gettext_lazy("Photo"),
}


def _question_order(name: str) -> int:
    # The answers are stored as JSON, whose keys come back in no useful order: shown in the
    # order the forms ask them (QUESTION_LABELS follows it), unknown ones last.
    order = list(QUESTION_LABELS)
    return order.index(name) if name in order else len(order)


def question_label(form_id: str, name: str) -> str:
    """The label of a form's question in the active language: the answer's name made
    readable where no label is known. (To switch over to xlsforms.py's labels when merged.)"""
    known = QUESTION_LABELS.get(name)
    if known is not None:
        return str(known)
    return name.replace("_", " ").strip().capitalize()


# ---------------------------------------------------------------------------------------
# Answers in words


class _choices:
    """A select_one's answer shown by its choice's label; `options` feed the fix form."""

    def __init__(self, options: Any) -> None:
        self.options = list(options)

    def __call__(self, value: str, user: Any) -> str:
        return str(dict(self.options).get(value, value))


def _record(queryset: Callable[[Any], models.QuerySet[Any]], name: Callable[[Any], str]) -> Any:
    def show(value: str, user: Any) -> str:
        found = queryset(user).filter(pk=int(value)).first() if value.isdigit() else None
        return name(found) if found is not None else _("not one you can see")

    return show


def villages_for(user: Any) -> models.QuerySet[Village]:
    """The villages of the person's districts (places belong to no organisation)."""
    scope = scope_for(user)
    villages = Village.objects.select_related("union")
    if scope is None:
        return villages.none()
    if scope.district_ids is not None:
        villages = villages.filter(union__district_id__in=scope.district_ids)
    return villages


def mouzas_for(user: Any) -> models.QuerySet[AdminArea]:
    scope = scope_for(user)
    mouzas = AdminArea.objects.filter(level=AdminArea.Level.MOUZA)
    if scope is None:
        return mouzas.none()
    if scope.district_ids is not None:
        mouzas = mouzas.filter(district_id__in=scope.district_ids)
    return mouzas


def hearings_pending_for(user: Any) -> models.QuerySet[Hearing]:
    pending = Hearing.objects.visible_to(user).filter(status=Hearing.Status.SCHEDULED)
    return pending.select_related("case")


def _hearing_name(hearing: Hearing) -> str:
    return f"{hearing.case} · {day(hearing.scheduled_on)}"


def _date(value: str, user: Any) -> str:
    from datetime import date

    try:
        return day(date.fromisoformat(value[:10]))
    except ValueError:
        return value


def _yes_no(value: str, user: Any) -> str:
    return {"yes": _("Yes"), "no": _("No")}.get(value, value)


def _point(value: str, user: Any) -> str:
    parts = value.split()
    if len(parts) < 2:
        return value
    return f"{format_number(parts[0])}, {format_number(parts[1])}"


@dataclass(frozen=True)
class ShapeSummary:
    points: int
    area_m2: float | None
    geojson: str


def shape_summary(value: str) -> ShapeSummary | None:
    """A geoshape's corners, its area (when it makes a ring) and GeoJSON for a small map."""
    points = []
    for part in value.split(";"):
        numbers = part.split()
        if len(numbers) >= 2:
            try:
                points.append((float(numbers[1]), float(numbers[0])))
            except ValueError:
                return None
    if not points:
        return None
    ring = points + ([points[0]] if points[0] != points[-1] else [])
    if len(ring) < 4:
        return ShapeSummary(len(points), None, "")
    polygon = Polygon(LinearRing(ring), srid=4326)
    area = abs(geodesic_area_m2(to_shapely(polygon))) if polygon.valid else None
    return ShapeSummary(len(ring) - 1, area, polygon.geojson)


def _shape(value: str, user: Any) -> str:
    summary = shape_summary(value)
    if summary is None:
        return value
    if summary.area_m2 is None:
        return _("%(n)s corners") % {"n": format_number(summary.points)}
    return _("%(n)s corners, about %(area)s m²") % {
        "n": format_number(summary.points),
        "area": format_number(round(summary.area_m2)),
    }


def _group_name(group: LandlessGroup) -> str:
    return place_name(group)


SHOWN: dict[str, Callable[[str, Any], str]] = {
    "village": _record(villages_for, place_name),
    "mouza": _record(mouzas_for, place_name),
    "group": _record(LandlessGroup.objects.visible_to, _group_name),
    "claim": _record(Claim.objects.visible_to, str),
    "hearing": _record(
        lambda u: Hearing.objects.visible_to(u).select_related("case"), _hearing_name
    ),
    "training": _record(TrainingEvent.objects.visible_to, str),
    "priority_category": _choices(PriorityCategory.choices),
    "meeting_day": _choices(LandlessGroup.Weekday.choices),
    "survey": _choices(SurveySeries.choices),
    "land_class": _choices(LandClass.choices),
    "kind": _choices(Incident.Kind.choices),
    "is_household_head": _yes_no,
    "boundary_how": _choices(
        [("walked", gettext_lazy("Walked with the phone")), ("paper", gettext_lazy("From papers"))]
    ),
    "outcome": _choices([("held", gettext_lazy("Held")), ("adjourned", gettext_lazy("Adjourned"))]),
    "location": _point,
    "area_unit": lambda value, user: unit_label(value, "bn" if bangla_active() else "en"),
    "boundary": _shape,
}
_SEX_BY_FORM = {"lc_group": LandlessGroup.Sex.choices}


def answer_text(form_id: str, name: str, value: str, user: Any, *, in_repeat: bool = False) -> str:
    if not value:
        return ""
    if name == "sex":
        options = Member.Sex.choices if in_repeat else _SEX_BY_FORM.get(form_id, Member.Sex.choices)
        return _choices(options)(value, user)
    if name.endswith("_on"):
        return _date(value, user)
    show = SHOWN.get(name)
    return show(value, user) if show is not None else value


@dataclass
class AnswerRow:
    name: str  # the answer's key ("member.2.code" inside a repeat), for the fix form
    label: str
    text: str
    problems: list[str] = field(default_factory=list)
    corrected: bool = False


@dataclass
class AnswerSection:
    title: str
    rows: list[AnswerRow]


def answer_sections(submission: Submission, user: Any) -> list[AnswerSection]:
    """Every answer with its question's label, the problems beside the answers they
    concern; a repeat's rows as their own sections ("Member 2")."""
    answers = merged_answers(submission)
    problems = _problems_by_field(submission.problems)
    corrected = set(submission.corrections or {})
    main: list[AnswerRow] = []
    sections: list[AnswerSection] = []
    form_id = submission.form_id
    for name, value in sorted(answers.items(), key=lambda item: _question_order(item[0])):
        if isinstance(value, list):
            sections += _repeat_sections(form_id, name, value, problems, corrected, user)
        elif name in QUESTION_LABELS or name in problems:
            text = answer_text(form_id, name, str(value or ""), user)
            main.append(
                AnswerRow(
                    name,
                    question_label(form_id, name),
                    text,
                    problems.get(name, []),
                    name in corrected,
                )
            )
    return [AnswerSection(form_title(form_id), main), *sections]


def _repeat_sections(
    form_id: str,
    repeat: str,
    rows: list[Any],
    problems: Mapping[str, list[str]],
    corrected: set[str],
    user: Any,
) -> list[AnswerSection]:
    sections = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            continue
        shown = []
        for name, value in sorted(row.items(), key=lambda item: _question_order(item[0])):
            key = f"{repeat}.{n}.{name}"
            text = answer_text(form_id, name, str(value or ""), user, in_repeat=True)
            shown.append(
                AnswerRow(
                    key,
                    question_label(form_id, name),
                    text,
                    problems.get(key, []),
                    key in corrected,
                )
            )
        title = f"{question_label(form_id, repeat)} {format_number(n)}"
        sections.append(AnswerSection(title, shown))
    return sections


def _problems_by_field(problems: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in problems or []:
        found.setdefault(problem.get("field", ""), []).append(_(problem.get("message", "")))
    return found


def general_problems(submission: Submission) -> list[str]:
    """The problems about the whole form, in the reader's language (they are kept in
    English, see applying.submission_apply)."""
    return [_(p.get("message", "")) for p in submission.problems or [] if not p.get("field")]


# ---------------------------------------------------------------------------------------
# What an applied submission made


@dataclass(frozen=True)
class MadeRecord:
    label: str
    url: str


# model label: (the URL name of its page, what a person reads)
_RECORD_PAGES: dict[str, tuple[str, Promise]] = {
    "groups.landlessgroup": ("groups:detail", gettext_lazy("The group")),
    "parcels.parcel": ("parcels:detail", gettext_lazy("The parcel")),
    "incidents.incident": ("incidents:detail", gettext_lazy("The incident")),
    "cases.hearing": ("cases:detail", gettext_lazy("The case")),
    "savings.savingsmeeting": ("savings:group", gettext_lazy("The group's savings")),
    "training.trainingevent": ("training:detail", gettext_lazy("The training")),
}


def made_records(submission: Submission) -> list[MadeRecord]:
    """Links to the pages of what applying made (each page checks who may see it)."""
    made: list[MadeRecord] = []
    seen: set[str] = set()
    for record in submission.records or []:
        url = _record_url(record.get("model", ""), record.get("pk"))
        entry = _RECORD_PAGES.get(record.get("model", ""))
        if url and entry and url not in seen:
            seen.add(url)
            made.append(MadeRecord(str(entry[1]), url))
    members = sum(r.get("model") == "groups.member" for r in submission.records or [])
    photos = sum(r.get("model") == "documents.document" for r in submission.records or [])
    if members:
        made.append(MadeRecord(_("%(n)s members") % {"n": format_number(members)}, ""))
    if photos:
        made.append(MadeRecord(_("%(n)s photos") % {"n": format_number(photos)}, ""))
    return made


def _record_url(model: str, pk: Any) -> str:
    from django.apps import apps

    try:
        if model == "cases.hearing":
            return reverse("cases:detail", args=[Hearing.objects.get(pk=pk).case_id])
        if model == "savings.savingsmeeting":
            meeting = apps.get_model("savings", "SavingsMeeting").objects.get(pk=pk)
            return reverse("savings:group", args=[meeting.group_id])
        entry = _RECORD_PAGES.get(model)
        return reverse(entry[0], args=[pk]) if entry else ""
    except (NoReverseMatch, models.ObjectDoesNotExist):
        return ""
