"""The choice lists phones download beside the forms, as CSV files made for each person
from what they may see (their groups, mouzas, claims, cases, trainings).

Each list is read in one or two queries of plain values (they are built on every sync),
labelled in the person's language with the other script beside where it helps, never with
a database id, and sorted by label then id so that an unchanged list gives the same bytes
and the same MD5: ODK Collect downloads a list again only when its hash changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from landclaims.cases.models import CASE_NUMBER_FORMS, CaseType, Hearing
from landclaims.claims.models import Claim, claim_label
from landclaims.claims.stages import Stage
from landclaims.core import preferences
from landclaims.core.models import Membership
from landclaims.core.permissions import (
    CASE_WRITERS,
    CLAIM_WRITERS,
    GROUP_NAME_READERS,
    GROUP_WORK_WRITERS,
)
from landclaims.core.scoping import scope_for
from landclaims.core.templatetags.lc_format import day
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea, Village
from landclaims.training.models import TrainingEvent

# Trainings offered for attendance: those of the last year and of the coming months (a
# training is recorded after it is held, sometimes long after; one planned ahead can be
# prepared for on the phone).
TRAININGS_BACK = timedelta(days=365)
TRAININGS_AHEAD = timedelta(days=183)

Row = tuple[Any, ...]  # (name, label, any further columns)


@dataclass(frozen=True)
class MediaFile:
    name: str  # "groups.csv"
    content: bytes  # UTF-8 CSV
    md5: str  # hex MD5 of content: unchanged lists, unchanged hash, no re-download


@dataclass(frozen=True)
class _List:
    writers: frozenset[str]  # who gets rows: the roles that write what the list feeds
    rows: Callable[[Any, str], list[Row]]  # (user, language) -> rows
    extra_columns: tuple[str, ...] = ()
    # The order on the phone: by label, unless another order reads better (hearings by
    # date, claims by number); the id last, so equal labels keep one order between syncs.
    order: Callable[[Row], Any] = lambda row: (row[1].casefold(), row[0])


def media_file(user: Any, name: str) -> MediaFile | None:
    """One list as this person gets it, or None for a name no form uses."""
    found = _LISTS.get(name)
    if found is None:
        return None
    scope = scope_for(user)
    rows: list[Row] = []
    if scope is not None and scope.role in found.writers:
        language = language_of(user)
        with translation.override(language):
            rows = found.rows(user, language)
    content = _csv(("name", "label", *found.extra_columns), sorted(rows, key=found.order))
    return MediaFile(
        name=name, content=content, md5=hashlib.md5(content, usedforsecurity=False).hexdigest()
    )


def language_of(user: Any) -> str:
    """The person's own language (their preference), else the language of the request."""
    chosen = preferences.language_of(user)
    return "bn" if chosen.split("-")[0] == "bn" else "en"


def _csv(header: Sequence[str], rows: Iterable[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _pair(name_bn: str, name_en: str, language: str) -> str:
    """ "নাম · Name": the name in the person's language, the other script beside it."""
    first, other = (name_bn, name_en) if language == "bn" else (name_en, name_bn)
    first, other = (first or other), (other if first else "")
    return f"{first} · {other}" if other and other != first else first


def _one(name_bn: str | None, name_en: str | None, language: str) -> str:
    """A place's name in the person's language (as core.display.place_name)."""
    if language == "bn":
        return name_bn or name_en or ""
    return name_en or name_bn or ""


# Places ----------------------------------------------------------------------------------


def _district_ids(user: Any) -> frozenset[int] | None:
    """The districts whose villages and mouzas a person's phone lists: theirs when their
    membership names some; else those where their organisation works (its people's
    districts, its groups' and parcels'); None (every district) for staff of the whole
    country, or an organisation with nothing recorded yet."""
    scope = scope_for(user)
    if scope is None:
        return frozenset()
    if scope.district_ids is not None:
        return scope.district_ids
    if scope.organisation_id is None:
        return None
    organisation = scope.organisation_id
    worked_in = AdminArea.objects.filter(
        Q(pk__in=Membership.objects.filter(organisation_id=organisation).values("districts"))
        | Q(
            pk__in=LandlessGroup.objects.filter(organisation_id=organisation).values(
                "village__union__district"
            )
        )
        | Q(pk__in=Parcel.objects.filter(organisation_id=organisation).values("mouza__district")),
        level=AdminArea.Level.DISTRICT,
    )
    found = frozenset(worked_in.values_list("pk", flat=True))
    return found or None


def _villages(user: Any, language: str) -> list[Row]:
    return _places(Village.objects.all(), "union", "union__district", user, language)


def _mouzas(user: Any, language: str) -> list[Row]:
    mouzas = AdminArea.objects.filter(level=AdminArea.Level.MOUZA)
    return _places(mouzas, "parent", "district", user, language)


def _places(
    places: QuerySet[Any], union: str, district: str, user: Any, language: str
) -> list[Row]:
    """Villages or mouzas of the person's districts, each named with its union and district
    ("Charpara · চরপাড়া (Amgachha, Dinajpur)"): many villages share a name."""
    districts = _district_ids(user)
    if districts is not None:
        places = places.filter(**{f"{district}_id__in": districts})
    values = places.values_list(
        "pk", "name_bn", "name_en", f"{union}__name_bn", f"{union}__name_en",
        f"{district}__name_bn", f"{district}__name_en",
    )  # fmt: skip
    return [
        (pk, f"{_pair(bn, en, language)} ({_one(ubn, uen, language)}, {_one(dbn, den, language)})")
        for pk, bn, en, ubn, uen, dbn, den in values
    ]


# Records ---------------------------------------------------------------------------------


def _groups(user: Any, language: str) -> list[Row]:
    values = LandlessGroup.objects.visible_to(user).values_list(
        "pk", "name_bn", "name_en", "village__name_bn", "village__name_en"
    )
    return [
        (pk, f"{_pair(bn, en, language)} ({_one(vbn, ven, language)})")
        for pk, bn, en, vbn, ven in values
    ]


def _claims(user: Any, language: str) -> list[Row]:
    stages = dict(Stage.choices)
    values = Claim.objects.visible_to(user).values_list("pk", "title", "stage")
    return [
        (pk, f"{title or claim_label(pk)} · {stages.get(stage, '')}") for pk, title, stage in values
    ]


def _hearings(user: Any, language: str) -> list[Row]:
    """Pending hearings of the cases the person may see, with their date (a column the
    hearing form reads: an adjournment's next date must come after it)."""
    pending = Hearing.objects.visible_to(user).filter(status=Hearing.Status.SCHEDULED)
    values = pending.values_list(
        "pk", "scheduled_on", "case__case_type", "case__number", "case__year"
    )
    rows = []
    for pk, on, case_type, number, year in values:
        form = CASE_NUMBER_FORMS.get(case_type, CASE_NUMBER_FORMS[CaseType.OTHER])
        case_no = translation.gettext(form).format(number=number, year=year)
        rows.append((pk, f"{case_no} · {day(on)}", on.isoformat()))
    return rows


def _trainings(user: Any, language: str) -> list[Row]:
    today = timezone.localdate()
    events = TrainingEvent.objects.visible_to(user).filter(
        started_on__gte=today - TRAININGS_BACK, started_on__lte=today + TRAININGS_AHEAD
    )
    values = events.values_list("pk", "title_bn", "title", "started_on")
    return [(pk, f"{_pair(bn, en, language)} · {day(on)}") for pk, bn, en, on in values]


_LISTS: dict[str, _List] = {
    "villages.csv": _List(CLAIM_WRITERS, _villages),
    "mouzas.csv": _List(CLAIM_WRITERS, _mouzas),
    # Group names tie people to land: only for roles that read them (all writers, today).
    "groups.csv": _List((CLAIM_WRITERS | GROUP_WORK_WRITERS) & GROUP_NAME_READERS, _groups),
    "claims.csv": _List(CLAIM_WRITERS, _claims, order=lambda row: row[0]),
    "hearings.csv": _List(
        CASE_WRITERS, _hearings, extra_columns=("scheduled_on",), order=lambda row: (row[2], row[0])
    ),
    "trainings.csv": _List(GROUP_WORK_WRITERS, _trainings),
}
