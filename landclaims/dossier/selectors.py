"""What a claim dossier holds, every part read within what the user may see.

No member is named here: the dossier carries groups (by name only for roles that read
names), parcels, stages, cases, orders and what the allocations gave, never who.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from shapely.geometry.base import BaseGeometry

from gis.svgmap import svg_map
from landclaims.allocations.models import Allocation
from landclaims.cases.models import InterimOrder, LegalCase
from landclaims.cases.selectors import case_list, interim_order_list_for_case
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.selectors import claim_event_list, claim_get, claim_parcel_list
from landclaims.core.geo import to_shapely
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.groups.models import LandlessGroup
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea, MouzaJlNo

MAP_WIDTH = 380  # px; WeasyPrint draws 96 px to the inch, so about 10 cm
MAP_MARGIN = 10
METRES_PER_DEGREE = 111_195.0  # of latitude, on the mean sphere
LEVELS = ("division", "district", "upazila", "union")


@dataclass(frozen=True)
class ParcelRow:
    parcel: Parcel
    areas: list[AdminArea]  # division, district, upazila, union above the mouza, in order
    jl_no: str


@dataclass(frozen=True)
class CaseRow:
    case: LegalCase
    orders: list[InterimOrder]

    @property
    def has_order_in_force(self) -> bool:
        return any(o.in_force for o in self.orders)


@dataclass(frozen=True)
class MapImage:
    width: int
    height: int
    outlines: list[str]  # path "d" of each mouza outline
    parcels: list[str]  # path "d" of each parcel
    scale_px: float  # length of the scale bar
    scale_m: int  # what the bar measures


@dataclass(frozen=True)
class Dossier:
    claim: Claim
    organisation: Organisation
    made_on: date
    show_names: bool
    groups: list[LandlessGroup]
    parcels: list[ParcelRow]
    events: list[ClaimEvent]
    cases: list[CaseRow]
    allocations: list[Allocation]
    map: MapImage | None
    unmapped: int = 0  # parcels with no boundary yet


def dossier_get(*, user: Any, pk: int) -> Dossier:
    """The dossier of claim `pk`; Claim.DoesNotExist when the user may not see it."""
    claim = claim_get(user=user, pk=pk)
    parcels = list(claim_parcel_list(user=user, claim=claim).order_by("mouza__name_en", "pk"))
    return Dossier(
        claim=claim,
        organisation=Organisation.objects.get(pk=claim.organisation_id),
        made_on=timezone.localdate(),
        show_names=has_role(user, GROUP_NAME_READERS),
        groups=list(LandlessGroup.objects.visible_to(user).filter(claims=claim).order_by("pk")),
        parcels=_parcel_rows(parcels),
        events=list(claim_event_list(user=user, claim=claim).order_by("happened_on", "id")),
        cases=_case_rows(user, claim),
        allocations=list(
            Allocation.objects.visible_to(user)
            .filter(claim=claim)
            .select_related("parcel__mouza", "group")
            .prefetch_related("parcel__dags")
            .order_by("pk")
        ),
        map=_map_image(parcels),
        unmapped=sum(1 for p in parcels if p.geom is None),
    )


def _parcel_rows(parcels: list[Parcel]) -> list[ParcelRow]:
    """Each parcel with the named areas above its mouza, read in one query."""
    ids = {int(i) for p in parcels for i in p.mouza.path.strip("/").split("/") if i}
    above = {a.pk: a for a in AdminArea.objects.filter(pk__in=ids, level__in=LEVELS)}
    jl = {
        (j.mouza_id, j.survey): j.jl_no
        for j in MouzaJlNo.objects.filter(mouza__in={p.mouza_id for p in parcels})
    }
    rows = []
    for parcel in parcels:
        path = [int(i) for i in parcel.mouza.path.strip("/").split("/") if i]
        areas = sorted((above[i] for i in path if i in above), key=lambda a: LEVELS.index(a.level))
        jl_no = parcel.jl_no or jl.get((parcel.mouza_id, parcel.survey), "")
        rows.append(ParcelRow(parcel=parcel, areas=areas, jl_no=jl_no))
    return rows


def _case_rows(user: Any, claim: Claim) -> list[CaseRow]:
    cases = case_list(user=user).filter(claims=claim)
    return [
        CaseRow(case=case, orders=list(interim_order_list_for_case(user=user, case=case)))
        for case in cases
    ]


def _map_image(parcels: list[Parcel]) -> MapImage | None:
    """The parcels over their mouzas' outlines, north up, with a scale bar."""
    mouzas = {p.mouza_id: p.mouza for p in parcels if p.geom is not None}
    outlines = [to_shapely(m.geom) for m in mouzas.values() if m.geom is not None]
    shapes = [to_shapely(p.geom) for p in parcels if p.geom is not None]
    drawn = [g for g in [*outlines, *shapes] if not g.is_empty]
    svg = svg_map([(g, "") for g in drawn], width=MAP_WIDTH, margin=MAP_MARGIN)
    if svg is None:
        return None
    paths = [s.path for s in svg.shapes]
    n_outlines = sum(1 for g in outlines if not g.is_empty)
    scale_m, scale_px = _scale_bar(drawn)
    return MapImage(
        width=svg.width,
        height=svg.height,
        outlines=paths[:n_outlines],
        parcels=paths[n_outlines:],
        scale_px=scale_px,
        scale_m=scale_m,
    )


def _scale_bar(geoms: list[BaseGeometry]) -> tuple[int, float]:
    """A round length near a quarter of the map's width, and its length in px.

    Mirrors svg_map's fit: the larger of the two spans, x shrunk by cos(latitude).
    """
    boxes = [g.bounds for g in geoms]
    min_x, min_y = min(b[0] for b in boxes), min(b[1] for b in boxes)
    max_x, max_y = max(b[2] for b in boxes), max(b[3] for b in boxes)
    x_factor = math.cos(math.radians((min_y + max_y) / 2))
    span = max((max_x - min_x) * x_factor, max_y - min_y, 1e-9)
    px_per_metre = (MAP_WIDTH - 2 * MAP_MARGIN) / (span * METRES_PER_DEGREE)
    target = MAP_WIDTH / 4 / px_per_metre
    power = 10 ** math.floor(math.log10(target))
    nice = max((step * power for step in (1, 2, 5) if step * power <= target), default=power)
    metres = max(1, int(nice))
    return metres, metres * px_per_metre
