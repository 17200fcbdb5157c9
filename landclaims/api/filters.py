"""Query parameters of the lists, filtering like the pages do.

Where a page's filter lives in a selector (claims, cases, groups, parcels), the selector
applies it here too, so a list in the API and on the page agree.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions
from rest_framework_gis.filters import InBBoxFilter

from landclaims.allocations.models import Allocation
from landclaims.cases.models import CaseEvent, CaseType, Hearing, InterimOrder, LegalCase
from landclaims.cases.selectors import case_list
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.claims.selectors import claim_list
from landclaims.claims.stages import Possession, Stage
from landclaims.core.forms import LocalDateField, LocalIntegerField
from landclaims.core.params import bbox
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.text import name_contains
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import group_list
from landclaims.incidents.models import Incident
from landclaims.parcels.models import GeomSource, LandClass, Parcel
from landclaims.parcels.selectors import parcel_list
from landclaims.places.models import AdminArea, SurveySeries


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A record id: a whole number (the default NumberFilter takes decimals)."""

    field_class = LocalIntegerField  # ১২ as well as 12


@extend_schema_field(OpenApiTypes.DATE)
class LocalDateFilter(filters.DateFilter):
    """A date as YYYY-MM-DD or dd/mm/yyyy, in ASCII or Bengali digits."""

    field_class = LocalDateField


class LonLatBoxFilter(InBBoxFilter):
    """`in_bbox=min_lon,min_lat,max_lon,max_lat`, read by the one bbox rule (core/params.py):
    nan, inf or a box off the globe is a 400 naming in_bbox, not a database error."""

    def get_filter_bbox(self, request: Any) -> Any:
        value = request.query_params.get(self.bbox_param, "").strip()
        return bbox(value, self.bbox_param) if value else None


def _areas(request: Any) -> QuerySet[AdminArea]:
    return AdminArea.objects.all()


def _districts(request: Any) -> QuerySet[AdminArea]:
    return AdminArea.objects.filter(level=AdminArea.Level.DISTRICT)


def _visible_groups(request: Any) -> QuerySet[LandlessGroup]:
    return LandlessGroup.objects.visible_to(getattr(request, "user", None))


def _visible_cases(request: Any) -> QuerySet[LegalCase]:
    return LegalCase.objects.visible_to(getattr(request, "user", None))


class SelectorFilterSet(filters.FilterSet):
    """Filters named in `selector_params` are handed to the page's selector; the rest filter
    the queryset directly."""

    selector_params: ClassVar[tuple[str, ...]] = ()
    # Parameters that search names: only for roles that may read names.
    name_params: ClassVar[tuple[str, ...]] = ()

    def selector(self, user: Any, **params: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        data = self.form.cleaned_data
        given = {k: data[k] for k in self.selector_params if data.get(k) not in (None, "", False)}
        self._check_name_params(given)
        if given:
            queryset = queryset.filter(
                pk__in=self.selector(self.request.user, **given).values("pk")
            )
        return super().filter_queryset(queryset)

    def _check_name_params(self, given: dict[str, Any]) -> None:
        named = [name for name in self.name_params if name in given]
        if named and not has_role(self.request.user, GROUP_NAME_READERS):
            reason = _("Your role sees groups by number, not by name, and cannot search names.")
            raise exceptions.ValidationError({name: [reason] for name in named})

    @staticmethod
    def by_selector(queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # applied in filter_queryset


class ParcelFilter(SelectorFilterSet):
    selector_params = ("area", "search")
    area = filters.ModelChoiceFilter(
        queryset=_areas, method="by_selector", help_text="Admin area id: parcels inside it."
    )
    search = filters.CharFilter(
        method="by_selector", help_text="Dag no., khatian no. or mouza name (Bengali or English)."
    )
    mouza = IdFilter(field_name="mouza_id")
    survey = filters.ChoiceFilter(choices=SurveySeries.choices)
    land_class = filters.ChoiceFilter(choices=LandClass.choices)
    geom_source = filters.ChoiceFilter(choices=GeomSource.choices)
    stage = filters.ChoiceFilter(field_name="lead_stage", choices=Stage.choices)
    possession = filters.ChoiceFilter(field_name="lead_possession", choices=Possession.choices)
    mapped = filters.BooleanFilter(
        field_name="geom", lookup_expr="isnull", exclude=True, help_text="Has a boundary."
    )

    class Meta:
        model = Parcel
        fields: list[str] = []

    def selector(self, user: Any, **params: Any) -> QuerySet[Any]:
        return parcel_list(user=user, **params)


class AdminAreaFilter(filters.FilterSet):
    level = filters.ChoiceFilter(choices=AdminArea.Level.choices)
    parent = IdFilter(field_name="parent_id")
    district = IdFilter(field_name="district_id")
    bbs_code = filters.CharFilter()
    name = filters.CharFilter(method="by_name", help_text="Part of the Bengali or English name.")

    class Meta:
        model = AdminArea
        fields: list[str] = []

    def by_name(self, queryset: QuerySet[AdminArea], name: str, value: str) -> QuerySet[AdminArea]:
        return queryset.filter(name_contains(("name_en", "name_bn"), value))


class GroupFilter(SelectorFilterSet):
    selector_params = ("area", "search")
    name_params = ("search",)
    area = filters.ModelChoiceFilter(queryset=_areas, method="by_selector")
    search = filters.CharFilter(method="by_selector", help_text="Name, Bengali or English.")
    sex = filters.ChoiceFilter(choices=LandlessGroup.Sex.choices)
    district = IdFilter(field_name="village__union__district_id")
    village = IdFilter(field_name="village_id")

    class Meta:
        model = LandlessGroup
        fields: list[str] = []

    def selector(self, user: Any, **params: Any) -> QuerySet[Any]:
        return group_list(user=user, **params)


class ClaimFilter(SelectorFilterSet):
    """The claim list page's filters."""

    selector_params = ("area", "group", "group_name", "mouza", "stage", "possession", "stuck")
    name_params = ("group_name",)
    area = filters.ModelChoiceFilter(queryset=_areas, method="by_selector")
    group = filters.ModelChoiceFilter(queryset=_visible_groups, method="by_selector")
    group_name = filters.CharFilter(method="by_selector")
    mouza = filters.CharFilter(method="by_selector", help_text="Mouza name, Bengali or English.")
    stage = filters.ChoiceFilter(choices=Stage.choices, method="by_selector")
    possession = filters.ChoiceFilter(choices=Possession.choices, method="by_selector")
    stuck = filters.BooleanFilter(
        method="by_selector", help_text="Longer in its stage than the service standard."
    )
    district = IdFilter(field_name="district_id")

    class Meta:
        model = Claim
        fields: list[str] = []

    def selector(self, user: Any, **params: Any) -> QuerySet[Any]:
        params["group_name"] = params.pop("group_name", "")
        params["mouza_name"] = params.pop("mouza", "")
        return claim_list(user=user, **params)


class ClaimEventFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim_id")
    kind = filters.ChoiceFilter(choices=ClaimEvent.Kind.choices)

    class Meta:
        model = ClaimEvent
        fields: list[str] = []


class CaseFilter(SelectorFilterSet):
    """The case list page's filters."""

    selector_params = ("case_type", "status", "district", "court", "number", "our_role")
    selector_params += ("next_from", "next_to", "members_accused")
    case_type = filters.ChoiceFilter(choices=CaseType.choices, method="by_selector")
    status = filters.ChoiceFilter(choices=LegalCase.Status.choices, method="by_selector")
    district = filters.ModelChoiceFilter(queryset=_districts, method="by_selector")
    court = filters.CharFilter(method="by_selector", help_text="Part of the court's name.")
    number = filters.CharFilter(method="by_selector")
    our_role = filters.ChoiceFilter(choices=LegalCase.OurRole.choices, method="by_selector")
    next_from = LocalDateFilter(method="by_selector", help_text="Next hearing on or after.")
    next_to = LocalDateFilter(method="by_selector", help_text="Next hearing on or before.")
    members_accused = filters.BooleanFilter(method="by_selector")

    class Meta:
        model = LegalCase
        fields: list[str] = []

    def selector(self, user: Any, **params: Any) -> QuerySet[Any]:
        return case_list(user=user, **params)


class HearingFilter(filters.FilterSet):
    case = filters.ModelChoiceFilter(queryset=_visible_cases)
    status = filters.ChoiceFilter(choices=Hearing.Status.choices)
    scheduled_from = LocalDateFilter(field_name="scheduled_on", lookup_expr="gte")
    scheduled_to = LocalDateFilter(field_name="scheduled_on", lookup_expr="lte")

    class Meta:
        model = Hearing
        fields: list[str] = []


class InterimOrderFilter(filters.FilterSet):
    case = filters.ModelChoiceFilter(queryset=_visible_cases)
    kind = filters.ChoiceFilter(choices=InterimOrder.Kind.choices)

    class Meta:
        model = InterimOrder
        fields: list[str] = []


class CaseEventFilter(filters.FilterSet):
    case = filters.ModelChoiceFilter(queryset=_visible_cases)
    kind = filters.ChoiceFilter(choices=CaseEvent.Kind.choices)

    class Meta:
        model = CaseEvent
        fields: list[str] = []


class AllocationFilter(filters.FilterSet):
    claim = IdFilter(field_name="claim_id")
    parcel = IdFilter(field_name="parcel_id")
    group = IdFilter(field_name="group_id")
    outside_policy = filters.BooleanFilter()
    settled_to_others = filters.BooleanFilter()

    class Meta:
        model = Allocation
        fields: list[str] = []


class IncidentFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Incident.Kind.choices)
    district = IdFilter(field_name="district_id")
    claim = IdFilter(field_name="claim_id")
    legal_case = IdFilter(field_name="legal_case_id")
    occurred_from = LocalDateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_to = LocalDateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Incident
        fields: list[str] = []


class MemberFilter(filters.FilterSet):
    group = IdFilter(field_name="group_id", help_text="A group's id: its members.")

    class Meta:
        model = Member
        fields: list[str] = []
