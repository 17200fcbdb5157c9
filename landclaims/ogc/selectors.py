"""Reads behind the OGC collections, each starting from what the user may see."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.db.models import MultiPolygonField, Union
from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    CharField,
    Count,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)

from landclaims.allocations.models import Allocation
from landclaims.allocations.selectors import allocation_list
from landclaims.api.selectors import parcel_list_with_claim
from landclaims.cases.models import LegalCase
from landclaims.cases.selectors import case_list
from landclaims.claims.models import Claim
from landclaims.cooperatives.models import CooperativeLand, CooperativeShare
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_list
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


class Multi(Func):
    function = "ST_Multi"
    output_field = MultiPolygonField(srid=4326)


def ogc_parcel_list(*, user: Any) -> QuerySet[Parcel]:
    """Parcels with their leading claim, the one the map colours them by."""
    return parcel_list_with_claim(user=user)


def ogc_group_list(*, user: Any) -> QuerySet[LandlessGroup]:
    """Groups placed at their village (groups have no land of their own to draw)."""
    return group_list(user=user).select_related("village__union")


def ogc_case_list(*, user: Any) -> QuerySet[LegalCase]:
    """Cases with `shape`: the union of the parcels they concern that the user may see,
    directly or through their claims (as on the case page)."""
    through_claims = (
        Claim.objects.visible_to(user).filter(cases=OuterRef(OuterRef("pk"))).values("parcels")
    )
    parcels = (
        Parcel.objects.visible_to(user)
        .filter(Q(cases=OuterRef("pk")) | Q(pk__in=through_claims))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(shape=Multi(Union("geom")))
        .values("shape")
    )
    return case_list(user=user).annotate(
        shape=Subquery(parcels, output_field=MultiPolygonField(srid=4326))
    )


def ogc_admin_area_list(*, user: Any) -> QuerySet[AdminArea]:
    """Admin areas are public geography: the same for every user who may log in."""
    return AdminArea.objects.all()


def ogc_allocation_list(*, user: Any) -> QuerySet[Allocation]:
    """Allocations drawn as their parcel, with the recipients' pseudonymous codes (the
    collection shows them only to roles that read names; names are never read here)."""
    codes = (
        Allocation.members.through.objects.filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(codes=StringAgg("member__code", ", ", order_by="member__code"))
        .values("codes")
    )
    return allocation_list(user=user).annotate(
        recipient_codes=Subquery(codes, output_field=CharField())
    )


def ogc_cooperative_land_list(*, user: Any) -> QuerySet[CooperativeLand]:
    """Cooperative land with its member groups counted and named, among the groups the user
    may see (the collection shows the names only to roles that read names)."""
    shares = (
        CooperativeShare.objects.filter(
            cooperative=OuterRef("cooperative"),
            group__in=LandlessGroup.objects.visible_to(user).values("pk"),
        )
        .order_by()
        .values("cooperative")
    )
    names = shares.annotate(
        names=StringAgg("group__name_bn", "; ", order_by="group__name_bn")
    ).values("names")
    counts = shares.annotate(n=Count("pk")).values("n")
    return (
        CooperativeLand.objects.visible_to(user)
        .select_related("cooperative")
        .annotate(
            group_names=Subquery(names, output_field=CharField()),
            member_groups=Subquery(counts, output_field=IntegerField()),
        )
    )
