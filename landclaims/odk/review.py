"""Reads for the review of field submissions: which a person sees, and their answers in
words (labels, names of the records a choice list names, dates as the site shows them)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
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
from landclaims.core.display import bangla_active, place_name
from landclaims.core.geo import to_shapely
from landclaims.core.permissions import (
    CASE_WRITERS,
    CLAIM_WRITERS,
    GROUP_WORK_WRITERS,
    has_role,
)
from landclaims.core.scoping import scope_for
from landclaims.core.templatetags.lc_format import day, format_number
from landclaims.groups.models import LandlessGroup
from landclaims.odk import xlsforms
from landclaims.odk.geoshape import geoshape_read
from landclaims.odk.models import Submission
from landclaims.odk.xlsforms import BN, EN, FORM_IDS, FORM_TITLES, definition
from landclaims.places.models import AdminArea, Village
from landclaims.training.models import TrainingEvent

# Who reviews field submissions at all: the roles that write what some form makes.
REVIEWERS = CLAIM_WRITERS | CASE_WRITERS | GROUP_WORK_WRITERS

# Who may send, apply and review each form: the writers of the records it makes.
FORM_WRITERS = xlsforms.FORM_WRITERS


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
    title = FORM_TITLES.get(form_id)
    return str(title) if title is not None else _("A form landclaims does not know")


# The questions, from the forms' own definitions (xlsforms.py) ----------------------------


@dataclass(frozen=True)
class Question:
    kind: str  # the XLSForm type: "date", "select_one sex", "select_one_from_file groups.csv"…
    labels: Mapping[str, str]  # language code -> label
    choices: Mapping[str, Mapping[str, str]]  # for a select_one: code -> language -> label

    def label(self) -> str:
        return self.labels["bn" if bangla_active() else "en"]

    def options(self) -> list[tuple[str, str]]:
        language = "bn" if bangla_active() else "en"
        return [(code, labels[language]) for code, labels in self.choices.items()]

    @property
    def list_file(self) -> str:
        """The choice list's file of a select_one_from_file ("groups.csv"), else ""."""
        return self.kind.split(" ", 1)[1] if self.kind.startswith("select_one_from_file ") else ""


@cache
def questions(form_id: str) -> dict[str, Question]:
    """The form's questions in the order it asks them, keyed by answer name ("member.code"
    inside a repeat); empty for a form landclaims does not know. Cached per process, like
    the built forms: a definition changes only with the code."""
    if form_id not in FORM_IDS:
        return {}
    sheets = definition(form_id)
    columns = {"en": f"label::{EN}", "bn": f"label::{BN}"}
    lists: dict[str, dict[str, dict[str, str]]] = {}
    for row in sheets.get("choices", []):
        labels = {code: row.get(column, row["name"]) for code, column in columns.items()}
        lists.setdefault(row["list_name"], {})[row["name"]] = labels
    found: dict[str, Question] = {}
    repeat = ""
    for row in sheets["survey"]:
        kind, name = row.get("type", ""), row.get("name", "")
        if kind == "end_repeat":
            repeat = ""
        if not name or columns["en"] not in row:
            continue
        list_name = kind.split(" ", 1)[1] if kind.startswith("select_one ") else ""
        labels = {code: row[column] for code, column in columns.items()}
        found[f"{repeat}{name}"] = Question(kind, labels, lists.get(list_name, {}))
        if kind == "begin_repeat":
            repeat = f"{name}."
    return found


def question(form_id: str, key: str) -> Question | None:
    """The question of an answer's key ("name", or "member.2.code" inside a repeat)."""
    parts = key.split(".")
    path = f"{parts[0]}.{parts[2]}" if len(parts) == 3 else key
    return questions(form_id).get(path)


def question_label(form_id: str, key: str) -> str:
    """The label of a form's question in the active language; the answer's name made
    readable for an answer the form does not (or no longer) ask."""
    found = question(form_id, key)
    if found is not None:
        return found.label()
    return key.rsplit(".", 1)[-1].replace("_", " ").strip().capitalize()


def _order(form_id: str, key: str) -> int:
    # The answers are stored as JSON, whose keys come back in no useful order: shown in the
    # order the form asks them, unknown ones last.
    order = list(questions(form_id))
    parts = key.split(".")
    path = f"{parts[0]}.{parts[2]}" if len(parts) == 3 else key
    return order.index(path) if path in order else len(order)


# ---------------------------------------------------------------------------------------
# Answers in words


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


def hearings_all_for(user: Any) -> models.QuerySet[Hearing]:
    return Hearing.objects.visible_to(user).select_related("case")


def hearings_pending_for(user: Any) -> models.QuerySet[Hearing]:
    return hearings_all_for(user).filter(status=Hearing.Status.SCHEDULED)


def _hearing_name(hearing: Hearing) -> str:
    return f"{hearing.case} · {day(hearing.scheduled_on)}"


def _date(value: str, user: Any) -> str:
    try:
        return day(date.fromisoformat(value[:10]))
    except ValueError:
        return value


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
    shape = geoshape_read(value)
    if shape is None or not shape.ring:
        return None
    ring = shape.ring
    if len(ring) < 4:
        return ShapeSummary(max(len(ring) - 1, 1), None, "")
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


# The records a choice list names, by its file (lists.py): shown by their names.
RECORDS_SHOWN: dict[str, Callable[[str, Any], str]] = {
    "villages.csv": _record(villages_for, place_name),
    "mouzas.csv": _record(mouzas_for, place_name),
    "groups.csv": _record(LandlessGroup.objects.visible_to, _group_name),
    "claims.csv": _record(Claim.objects.visible_to, str),
    "hearings.csv": _record(lambda u: hearings_all_for(u), _hearing_name),
    "trainings.csv": _record(TrainingEvent.objects.visible_to, str),
}
KINDS_SHOWN: dict[str, Callable[[str, Any], str]] = {
    "date": _date,
    "geopoint": _point,
    "geoshape": _shape,
}


def answer_text(form_id: str, key: str, value: str, user: Any) -> str:
    """An answer in words: a choice by its label, a record of a choice list by its name, a
    date as the site shows it, a boundary by its corners and area."""
    found = question(form_id, key)
    if not value or found is None:
        return value
    if found.list_file:
        show = RECORDS_SHOWN.get(found.list_file)
        return show(value, user) if show is not None else value
    if found.choices:
        return dict(found.options()).get(value, value)
    shown = KINDS_SHOWN.get(found.kind)
    return shown(value, user) if shown is not None else value


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
    form_id = submission.form_id
    main: list[AnswerRow] = []
    sections: list[AnswerSection] = []
    for name, value in sorted(answers.items(), key=lambda item: _order(form_id, item[0])):
        if isinstance(value, list):
            sections += _repeat_sections(submission, name, value, problems, corrected, user)
        elif question(form_id, name) is not None or name in problems:
            main.append(_row(submission, name, value, problems, corrected, user))
    return [AnswerSection(form_title(form_id), main), *sections]


def _row(
    submission: Submission,
    key: str,
    value: Any,
    problems: Mapping[str, list[str]],
    corrected: set[str],
    user: Any,
) -> AnswerRow:
    form_id = submission.form_id
    text = answer_text(form_id, key, str(value or ""), user)
    label = question_label(form_id, key)
    return AnswerRow(key, label, text, problems.get(key, []), key in corrected)


def _repeat_sections(
    submission: Submission,
    repeat: str,
    rows: list[Any],
    problems: Mapping[str, list[str]],
    corrected: set[str],
    user: Any,
) -> list[AnswerSection]:
    form_id = submission.form_id
    sections = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            continue
        keys = sorted((f"{repeat}.{n}.{name}" for name in row), key=lambda k: _order(form_id, k))
        shown = [
            _row(submission, key, row[key.rsplit(".", 1)[-1]], problems, corrected, user)
            for key in keys
        ]
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
