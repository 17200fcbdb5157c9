"""Reads of the import log, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Model, QuerySet

from landclaims.core.scoping import scope_for
from landclaims.groups.models import LandlessGroup
from landclaims.imports.models import ImportBatch
from landclaims.parcels.models import Parcel, ParcelDag
from landclaims.places.models import AdminArea


def import_batch_list(*, user: Any) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.visible_to(user).select_related("created_by", "organisation")


def import_batch_get(*, user: Any, token: UUID) -> ImportBatch:
    return import_batch_list(user=user).get(token=token)


# --- the records an import created -------------------------------------------------------

CREATED_PAGE_SIZE = 50


@dataclass(frozen=True)
class CreatedPage:
    """One page of the records an import created, as the user may see them now."""

    records: list[Any]
    number: int
    pages: int
    total: int  # the ids recorded, visible or not (a record may be deleted since)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def import_created_page(
    *, user: Any, batch: ImportBatch, model: type[Model], page: int = 1
) -> CreatedPage:
    """Page `page` (from 1) of the records `batch` created, in id order, read through the
    model's own scoping (admin areas are public places)."""
    ranges = [(int(first), int(last)) for first, last in batch.created_ranges]
    total = sum(last - first + 1 for first, last in ranges)
    pages = max(1, -(-total // CREATED_PAGE_SIZE))
    number = min(max(1, page), pages)
    ids = _ids_at(ranges, (number - 1) * CREATED_PAGE_SIZE, CREATED_PAGE_SIZE)
    visible = model.objects.visible_to(user) if hasattr(model.objects, "visible_to") else None
    query = visible if visible is not None else model.objects.all()
    if model is Parcel:
        query = query.select_related("mouza").prefetch_related("dags")
    records = list(query.filter(pk__in=ids).order_by("pk"))
    return CreatedPage(records=records, number=number, pages=pages, total=total)


def _ids_at(ranges: list[tuple[int, int]], start: int, count: int) -> list[int]:
    """`count` ids from position `start` of the ranges laid end to end."""
    ids: list[int] = []
    for first, last in ranges:
        size = last - first + 1
        if start >= size:
            start -= size
            continue
        take = min(count - len(ids), size - start)
        ids.extend(range(first + start, first + start + take))
        start = 0
        if len(ids) == count:
            break
    return ids


# --- examples for the template files -------------------------------------------------------


def _mouzas_with_unique_names() -> QuerySet[AdminArea]:
    """Mouzas no other mouza shares a Bengali name with: a file can name them alone."""
    shared = (
        AdminArea.objects.filter(level=AdminArea.Level.MOUZA)
        .values("name_bn")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values("name_bn")
    )
    return AdminArea.objects.filter(level=AdminArea.Level.MOUZA).exclude(name_bn__in=shared)


def template_example_places(*, user: Any) -> dict[str, Any]:
    """Real names for the template's example row, from what the user may see and write
    in: a mouza (with its union and a point in it), a parcel with a dag number and a
    group, and a parent area with a BBS code. Missing ones are left out."""
    found: dict[str, Any] = {}
    scope = scope_for(user)
    mouzas = _mouzas_with_unique_names().select_related("parent")
    if scope is not None and scope.district_ids is not None:
        mouzas = mouzas.filter(district_id__in=scope.district_ids)
    mouza = (
        mouzas.filter(centre__isnull=False).order_by("pk").first() or mouzas.order_by("pk").first()
    )
    if mouza is not None:
        found["mouza"] = mouza
    dag = (
        ParcelDag.objects.filter(
            parcel__in=Parcel.objects.visible_to(user),
            mouza__in=_mouzas_with_unique_names(),
        )
        .select_related("mouza")
        .order_by("parcel_id", "dag_no")
        .first()
    )
    if dag is not None:
        found["dag"] = dag
    group = LandlessGroup.objects.visible_to(user).select_related("village").order_by("pk").first()
    if group is not None:
        found["group"] = group
    for child, parent in PARENT_CHILD:
        area = AdminArea.objects.filter(level=parent).exclude(bbs_code="").order_by("pk").first()
        if area is not None:
            found["parent"], found["child_level"] = area, child
            break
    return found


PARENT_CHILD = (
    (AdminArea.Level.MOUZA, AdminArea.Level.UNION),
    (AdminArea.Level.UNION, AdminArea.Level.UPAZILA),
    (AdminArea.Level.UPAZILA, AdminArea.Level.DISTRICT),
    (AdminArea.Level.DISTRICT, AdminArea.Level.DIVISION),
)
