"""People's cooperatives in the API: the cooperative with its member groups, the land it farms
(GeoJSON features) and its production.

Writes go through cooperatives/services.py, as on the pages; amounts are written in taka
(`*_taka`, a decimal string) and read in poisha (`*_poisha`, whole numbers). Group names only
for the roles that read them; the others get the group's kind and village.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from landclaims.api.actions import call_service
from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.pagination import GeoPagination
from landclaims.api.permissions import _Writers
from landclaims.api.serializers import DayField, DigitsField, GeometryField, VisibleId
from landclaims.api.views import ETAG, IF_MATCH, ReadViewSet, _organisation_of
from landclaims.cooperatives import selectors, services
from landclaims.cooperatives.models import (
    Cooperative,
    CooperativeLand,
    CooperativeShare,
    Production,
)
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_WORK_WRITERS
from landclaims.groups.models import LandlessGroup
from landclaims.groups.selectors import group_label
from landclaims.parcels.models import Parcel
from landclaims.places.models import AdminArea


class GroupWorkWriters(_Writers):
    writers = GROUP_WORK_WRITERS


def _taka(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, coerce_to_string=True, **kwargs
    )


# Reading ----------------------------------------------------------------------------------


class ShareSerializer(serializers.ModelSerializer):
    group_name = serializers.SerializerMethodField(
        help_text="The group's name for the roles that read names; else its kind and village."
    )

    class Meta:
        model = CooperativeShare
        fields = ["group", "group_name", "shares", "contribution_poisha", "joined_on"]

    def get_group_name(self, share: CooperativeShare) -> str:
        if self.context.get("show_names"):
            return share.group.name_bn
        return group_label(share.group)


class CooperativeSerializer(serializers.ModelSerializer):
    members = serializers.SerializerMethodField()

    class Meta:
        model = Cooperative
        fields = ["id", "name_bn", "name_en", "district", "formed_on", "registration_no"]
        fields += ["registered_on", "animator", "monitoring_partner", "members", "version"]

    @extend_schema(responses=ShareSerializer(many=True))
    def get_members(self, cooperative: Cooperative) -> list[dict[str, Any]]:
        user = self.context["request"].user
        shares = selectors.cooperative_share_list(user=user, cooperative=cooperative)
        return list(ShareSerializer(shares, many=True, context=self.context).data)


class LandSerializer(GeoFeatureModelSerializer):
    class Meta:
        model = CooperativeLand
        geo_field = "geom"
        fields = ["id", "cooperative", "tenure", "description", "mouza", "parcel", "area_m2"]
        fields += ["from_on", "to_on", "lease_rent_poisha"]


class ProductionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Production
        fields = ["id", "cooperative", "land", "activity", "detail", "season", "year", "area_m2"]
        fields += ["output_quantity", "output_unit", "sales_poisha", "costs_poisha"]


# Writing ----------------------------------------------------------------------------------


class MemberBody(serializers.Serializer):
    group = VisibleId(LandlessGroup)
    shares = serializers.IntegerField(min_value=0, default=0)
    contribution_taka = _taka(default="0")
    joined_on = DayField(required=False, allow_null=True, default=None)

    def to_member(self, data: dict[str, Any]) -> services.MemberGroup:
        return services.MemberGroup(**data)


class CooperativeCreateSerializer(serializers.Serializer):
    """A new cooperative with its member groups, filed under the caller's organisation."""

    name_bn = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, allow_blank=True, default="")
    district = VisibleId(AdminArea)
    formed_on = DayField(required=False, allow_null=True, default=None)
    registration_no = DigitsField(max_length=60, allow_blank=True, default="")
    registered_on = DayField(required=False, allow_null=True, default=None)
    animator = serializers.CharField(max_length=200, allow_blank=True, default="")
    monitoring_partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    members = MemberBody(many=True, required=False, default=list)


class CooperativeChangeSerializer(CooperativeCreateSerializer):
    """A correction (PATCH): any field but the district and the member groups."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["district"], self.fields["members"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class LandCreateSerializer(serializers.Serializer):
    """Land a cooperative farms: a GeoJSON (Multi)Polygon boundary, checked and never
    repaired; or the khas parcel it was settled on, whose boundary and area it takes."""

    cooperative = VisibleId(Cooperative)
    tenure = serializers.ChoiceField(CooperativeLand.Tenure.choices)
    description = serializers.CharField(max_length=300, allow_blank=True, default="")
    mouza = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    parcel = VisibleId(Parcel, required=False, allow_null=True, default=None)
    geom = GeometryField(required=False, allow_null=True, default=None)
    area_value = serializers.CharField(required=False, allow_blank=True, default="")
    area_unit = serializers.CharField(required=False, allow_blank=True, default="")
    from_on = DayField(required=False, allow_null=True, default=None)
    to_on = DayField(required=False, allow_null=True, default=None)
    lease_rent_taka = _taka(required=False, allow_null=True, default=None)

    def validate_geom(self, value: Any) -> Any:
        if value is not None and value.srid is None:
            value.srid = 4326
        return value


class ProductionCreateSerializer(serializers.Serializer):
    cooperative = VisibleId(Cooperative)
    land = VisibleId(CooperativeLand, required=False, allow_null=True, default=None)
    activity = serializers.ChoiceField(Production.Activity.choices)
    detail = serializers.CharField(max_length=200, allow_blank=True, default="")
    season = serializers.ChoiceField(Production.Season.choices)
    year = serializers.IntegerField(min_value=1971, max_value=2100)
    area_value = serializers.CharField(required=False, allow_blank=True, default="")
    area_unit = serializers.CharField(required=False, allow_blank=True, default="")
    output_quantity = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True, default=None
    )
    output_unit = serializers.ChoiceField(
        Production.Unit.choices, required=False, allow_blank=True, default=""
    )
    sales_taka = _taka(default="0")
    costs_taka = _taka(default="0")


def _body(body_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    body = body_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def _members(data: list[dict[str, Any]]) -> list[services.MemberGroup]:
    return [services.MemberGroup(**member) for member in data]


# Viewsets ---------------------------------------------------------------------------------


class CooperativeViewSet(ReadViewSet):
    """People's cooperatives with their member groups. Organisers, legal staff and admins
    record and correct them (PATCH with If-Match); monitors and viewers read."""

    serializer_class = CooperativeSerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]

    def get_queryset(self) -> QuerySet[Cooperative]:
        return selectors.cooperative_list(user=self.request.user).order_by("pk")

    def _answer(self, pk: int, code: int = 200, **headers: str) -> Response:
        cooperative = self.get_queryset().get(pk=pk)
        headers["ETag"] = etag_of(cooperative)
        return Response(self.get_serializer(cooperative).data, status=code, headers=headers)

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.get_object().pk)

    @extend_schema(
        request=CooperativeCreateSerializer,
        responses={201: CooperativeSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Record a cooperative; its member groups must be the caller's organisation's and
        visible to the caller; a registration date needs the registration number."""
        fields = _body(CooperativeCreateSerializer, request)
        fields["members"] = _members(fields["members"])
        cooperative = call_service(
            services.cooperative_create,
            {},
            organisation=_organisation_of(request.user),
            by=request.user,
            **fields,
        )
        return self._answer(cooperative.pk, 201, Location=f"{request.path}{cooperative.pk}/")

    @extend_schema(
        request=CooperativeChangeSerializer,
        responses={200: CooperativeSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a cooperative's own fields."""
        cooperative = self.get_object()
        expected = if_match_version(request, cooperative)
        call_service(
            services.cooperative_update,
            {},
            cooperative=cooperative,
            by=request.user,
            changes=_body(CooperativeChangeSerializer, request),
            expected_version=expected,
        )
        return self._answer(cooperative.pk)


class CooperativeLandViewSet(ReadViewSet):
    """The land cooperatives farm, as GeoJSON features with their tenure."""

    serializer_class = LandSerializer
    pagination_class = GeoPagination
    permission_classes = [IsAuthenticated, GroupWorkWriters]

    def get_queryset(self) -> QuerySet[CooperativeLand]:
        return CooperativeLand.objects.visible_to(self.request.user).order_by("pk")

    @extend_schema(request=LandCreateSerializer, responses={201: LandSerializer})
    def create(self, request: Request) -> Response:
        """Record land a cooperative farms."""
        land = call_service(
            services.cooperative_land_add,
            {},
            by=request.user,
            **_body(LandCreateSerializer, request),
        )
        data = self.get_serializer(self.get_queryset().get(pk=land.pk)).data
        return Response(data, status=201, headers={"Location": f"{request.path}{land.pk}/"})


class CooperativeProductionViewSet(ReadViewSet):
    """Collective production: season, year, output, sales and costs."""

    serializer_class = ProductionSerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]

    def get_queryset(self) -> QuerySet[Production]:
        return selectors.production_list(user=self.request.user).order_by("pk")

    @extend_schema(request=ProductionCreateSerializer, responses={201: ProductionSerializer})
    def create(self, request: Request) -> Response:
        """Record a season's production."""
        row = call_service(
            services.production_record,
            {},
            by=request.user,
            **_body(ProductionCreateSerializer, request),
        )
        data = self.get_serializer(self.get_queryset().get(pk=row.pk)).data
        return Response(data, status=201, headers={"Location": f"{request.path}{row.pk}/"})
