"""The collections the OGC service publishes, and what each feature carries.

Members are never published, nor case parties (the accused), nor anything that names a
person; group names only reach roles that may read them (GROUP_NAME_READERS).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from landclaims.allocations.models import Allocation, Holder
from landclaims.cases.models import CaseType, LegalCase
from landclaims.claims.stages import PHASE_OF_STAGE, Phase, Possession, Stage, phase_of
from landclaims.cooperatives.models import CooperativeLand
from landclaims.groups.models import LandlessGroup
from landclaims.ogc import selectors
from landclaims.parcels.models import LandClass
from landclaims.places.models import AdminArea, SurveySeries

Row = Any
Properties = Callable[[Row, bool], dict[str, Any]]


@dataclass(frozen=True)
class Queryable:
    """A property the items can be filtered by: `?name=value`, exact match."""

    name: str
    lookup: str
    kind: str = "string"  # or "integer"
    values: tuple[str, ...] = ()  # allowed values, when there is a list
    where: Callable[[str], Q] | None = None  # builds the condition, when not a plain lookup

    def condition(self, value: Any) -> Q:
        return self.where(value) if self.where else Q(**{self.lookup: value})


@dataclass(frozen=True)
class Collection:
    id: str
    title: Promise
    description: Promise
    geometry_field: str
    geometry_type: str
    rows: Callable[..., QuerySet[Any]]
    properties: Properties
    queryables: tuple[Queryable, ...]
    temporal: str | None = None  # the date field `datetime` filters on


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _codes(choices: Any) -> tuple[str, ...]:
    return tuple(str(value) for value in choices.values if value)


def _phase_condition(value: str) -> Q:
    if value == Phase.NO_CLAIM:
        return Q(lead_stage__isnull=True)
    return Q(lead_stage__in=[s for s, p in PHASE_OF_STAGE.items() if p == value])


def parcel_properties(parcel: Row, show_names: bool) -> dict[str, Any]:
    stage = parcel.lead_stage or ""
    return {
        "mouza": parcel.mouza_id,
        "mouza_name_en": parcel.mouza.name_en,
        "mouza_name_bn": parcel.mouza.name_bn,
        "survey": parcel.survey,
        "jl_no": parcel.jl_no,
        "dag_nos": ", ".join(dag.dag_no for dag in parcel.dags.all()),
        "khatian_no": parcel.khatian_no,
        "land_class": parcel.land_class,
        "area_m2": float(parcel.area_m2) if parcel.area_m2 is not None else None,
        "claim": parcel.lead_claim,
        "stage": stage,
        "phase": str(phase_of(stage).value),
        "possession": parcel.lead_possession or "",
        "stage_since": _iso(parcel.lead_stage_since),
        "updated_at": parcel.updated_at.isoformat(),
    }


def group_properties(group: Row, show_names: bool) -> dict[str, Any]:
    names = {"name_bn": group.name_bn, "name_en": group.name_en} if show_names else {}
    return {
        **names,
        "sex": group.sex,
        "village": group.village_id,
        "village_name_en": group.village.name_en,
        "union": group.village.union_id,
        "district": group.village.union.district_id,
        "formed_on": _iso(group.formed_on),
        "members_women": group.members_women,
        "members_men": group.members_men,
    }


def case_properties(case: Row, show_names: bool) -> dict[str, Any]:
    return {
        "display_no": case.display_no_en,
        "case_type": case.case_type,
        "forum_level": case.forum_level,
        "court_name": case.court_name,
        "number": case.number,
        "year": case.year,
        "filed_on": _iso(case.filed_on),
        "our_role": case.our_role,
        "status": case.status,
        "outcome": case.outcome,
        "district": case.district_id,
        "next_on": _iso(case.next_on),
        "next_purpose": case.next_purpose or "",
    }


def area_properties(area: Row, show_names: bool) -> dict[str, Any]:
    return {
        "level": area.level,
        "name_en": area.name_en,
        "name_bn": area.name_bn,
        "bbs_code": area.bbs_code,
        "hdx_pcode": area.hdx_pcode,
        "parent": area.parent_id,
        "district": area.district_id,
    }


def allocation_properties(allocation: Row, show_names: bool) -> dict[str, Any]:
    """The settlement's papers and who holds the land now; never the names on the kabuliyat
    or the notes; the recipients' codes only for roles that read names."""
    codes = {"recipient_codes": allocation.recipient_codes or ""} if show_names else {}
    return {
        **codes,
        "parcel": allocation.parcel_id,
        "claim": allocation.claim_id,
        "group": allocation.group_id,
        "district": allocation.parcel.mouza.district_id,
        "mouza_name_en": allocation.parcel.mouza.name_en,
        "mouza_name_bn": allocation.parcel.mouza.name_bn,
        "title": allocation.title,
        "area_value": float(allocation.area_value),
        "area_unit": allocation.area_unit,
        "area_m2": float(allocation.area_m2),
        "approved_on": _iso(allocation.approved_on),
        "kabuliyat_no": allocation.kabuliyat_no,
        "kabuliyat_on": _iso(allocation.kabuliyat_on),
        "deed_registration_no": allocation.deed_registration_no,
        "registered_on": _iso(allocation.registered_on),
        "mutation_case_no": allocation.mutation_case_no,
        "dcr_no": allocation.dcr_no,
        "held_by": allocation.held_by,
        "held_since": _iso(allocation.held_since),
        "outside_policy": allocation.outside_policy,
        "settled_to_others": allocation.settled_to_others,
    }


def cooperative_land_properties(land: Row, show_names: bool) -> dict[str, Any]:
    """Tenure, cooperative, area and dates; member groups' names only for roles that may
    read names (the others get their number)."""
    names = {"group_names": land.group_names or ""} if show_names else {}
    return {
        **names,
        "cooperative": land.cooperative_id,
        "cooperative_name_bn": land.cooperative.name_bn,
        "cooperative_name_en": land.cooperative.name_en,
        "district": land.cooperative.district_id,
        "mouza": land.mouza_id,
        "parcel": land.parcel_id,
        "tenure": land.tenure,
        "area_m2": float(land.area_m2) if land.area_m2 is not None else None,
        "from_on": _iso(land.from_on),
        "to_on": _iso(land.to_on),
        "member_groups": land.member_groups or 0,
    }


COLLECTIONS: dict[str, Collection] = {
    c.id: c
    for c in (
        Collection(
            id="parcels",
            title=_("Khas parcels by settlement stage"),
            description=_(
                "Parcels with the stage, phase and possession of their leading claim (an open "
                "claim before a closed one, then the one that moved last), as the map shows "
                "them. datetime filters on stage_since, the day that claim reached its stage."
            ),
            geometry_field="geom",
            geometry_type="MultiPolygon",
            rows=selectors.ogc_parcel_list,
            properties=parcel_properties,
            queryables=(
                Queryable("stage", "lead_stage", values=_codes(Stage)),
                Queryable("phase", "", values=_codes(Phase), where=_phase_condition),
                Queryable("possession", "lead_possession", values=_codes(Possession)),
                Queryable("land_class", "land_class", values=_codes(LandClass)),
                Queryable("survey", "survey", values=_codes(SurveySeries)),
                Queryable("mouza", "mouza_id", "integer"),
                Queryable("district", "mouza__district_id", "integer"),
                Queryable("claim", "claims", "integer"),
                Queryable("jl_no", "jl_no"),
                Queryable("khatian_no", "khatian_no"),
                Queryable("dag_no", "dags__dag_no"),
            ),
            temporal="lead_stage_since",
        ),
        Collection(
            id="groups",
            title=_("Landless groups"),
            description=_(
                "Landless groups at their village, with members counted by sex. Names only "
                "for roles that may read them; members are never published."
            ),
            geometry_field="village__location",
            geometry_type="Point",
            rows=selectors.ogc_group_list,
            properties=group_properties,
            queryables=(
                Queryable("sex", "sex", values=_codes(LandlessGroup.Sex)),
                Queryable("village", "village_id", "integer"),
                Queryable("union", "village__union_id", "integer"),
                Queryable("district", "village__union__district_id", "integer"),
            ),
            temporal="formed_on",
        ),
        Collection(
            id="cases",
            title=_("Court cases"),
            description=_(
                "Court cases drawn over the parcels they concern (directly or through their "
                "claims), with the next date. Parties are never published. datetime filters "
                "on filed_on."
            ),
            geometry_field="shape",
            geometry_type="MultiPolygon",
            rows=selectors.ogc_case_list,
            properties=case_properties,
            queryables=(
                Queryable("case_type", "case_type", values=_codes(CaseType)),
                Queryable("status", "status", values=_codes(LegalCase.Status)),
                Queryable("our_role", "our_role", values=_codes(LegalCase.OurRole)),
                Queryable("outcome", "outcome", values=_codes(LegalCase.Outcome)),
                Queryable("year", "year", "integer"),
                Queryable("district", "district_id", "integer"),
            ),
            temporal="filed_on",
        ),
        Collection(
            id="allocations",
            title=_("Allocations"),
            description=_(
                "Settled khas land drawn as its parcel: the kabuliyat, DCR and title, the "
                "area settled, who holds the land now and since when, and whether it was won "
                "outside the 1997 policy or settled to others. Names are never published; "
                "recipients' codes only for roles that may read names. datetime filters on "
                "kabuliyat_on."
            ),
            geometry_field="parcel__geom",
            geometry_type="MultiPolygon",
            rows=selectors.ogc_allocation_list,
            properties=allocation_properties,
            queryables=(
                Queryable("held_by", "held_by", values=_codes(Holder)),
                Queryable("title", "title", values=_codes(Allocation.Title)),
                Queryable("district", "parcel__mouza__district_id", "integer"),
                Queryable("claim", "claim_id", "integer"),
                Queryable("group", "group_id", "integer"),
                Queryable("parcel", "parcel_id", "integer"),
            ),
            temporal="kabuliyat_on",
        ),
        Collection(
            id="cooperative-land",
            title=_("Cooperative land"),
            description=_(
                "Land people's cooperatives farm (owned, leased, khas land settled on them, "
                "homestead), drawn where its boundary is known, with the cooperative, area "
                "and dates. Member groups' names only for roles that may read names. "
                "datetime filters on from_on."
            ),
            geometry_field="geom",
            geometry_type="MultiPolygon",
            rows=selectors.ogc_cooperative_land_list,
            properties=cooperative_land_properties,
            queryables=(
                Queryable("tenure", "tenure", values=_codes(CooperativeLand.Tenure)),
                Queryable("district", "cooperative__district_id", "integer"),
                Queryable("cooperative", "cooperative_id", "integer"),
                Queryable("parcel", "parcel_id", "integer"),
            ),
            temporal="from_on",
        ),
        Collection(
            id="admin-areas",
            title=_("Administrative areas"),
            description=_("Divisions, districts, upazilas, unions and mouzas (BBS codes)."),
            geometry_field="geom",
            geometry_type="MultiPolygon",
            rows=selectors.ogc_admin_area_list,
            properties=area_properties,
            queryables=(
                Queryable("level", "level", values=_codes(AdminArea.Level)),
                Queryable("parent", "parent_id", "integer"),
                Queryable("district", "district_id", "integer"),
                Queryable("bbs_code", "bbs_code"),
            ),
        ),
    )
}
