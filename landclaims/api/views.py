"""The REST API: thin viewsets over the selectors (reads) and the services (writes)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action, api_view, permission_classes, schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.allocations import services as allocation_services
from landclaims.allocations.selectors import allocation_list
from landclaims.api import filters, serializers
from landclaims.api.actions import call_service, case_action, claim_action
from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.pagination import GeoPagination
from landclaims.api.permissions import CaseWriters, ClaimWriters, GroupWriters, MemberPeople
from landclaims.api.selectors import api_token_list, parcel_list_with_claim
from landclaims.api.services import api_token_issue, api_token_revoke
from landclaims.cases import services as case_services
from landclaims.cases.models import CaseEvent, Hearing, InterimOrder, LegalCase
from landclaims.cases.selectors import (
    case_list,
    case_task_assignee_list,
    interim_order_list_flagged,
    interim_order_list_open,
)
from landclaims.claims import services as claim_services
from landclaims.claims.models import Claim, ClaimEvent
from landclaims.core.models import Organisation
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.groups import services as group_services
from landclaims.groups.models import LandlessGroup, Member
from landclaims.groups.selectors import (
    PERSONAL_FIELDS,
    group_get,
    group_list,
    member_list,
    with_labels,
    with_member_counts,
)
from landclaims.incidents import services as incident_services
from landclaims.incidents.selectors import incident_list
from landclaims.parcels import services as parcel_services
from landclaims.parcels.models import Parcel
from landclaims.parcels.selectors import parcel_get
from landclaims.places.models import AdminArea

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the record as you read it, e.g. "3". Missing: 428; stale: 412.',
)
ETAG = OpenApiParameter(
    "ETag", str, OpenApiParameter.HEADER, response=[200, 201], description="The record's version."
)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request: Request) -> Response:
    raise NotFound()


class ReadViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = r"\d+"

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["show_names"] = has_role(self.request.user, GROUP_NAME_READERS)
        return context


class GeoViewSet(ReadViewSet):
    pagination_class = GeoPagination
    filter_backends = [DjangoFilterBackend, filters.LonLatBoxFilter]
    bbox_filter_include_overlapping = True


class AdminAreaViewSet(GeoViewSet):
    """Administrative areas, division to mouza: public geography, the same for everyone."""

    serializer_class = serializers.AdminAreaSerializer
    filterset_class = filters.AdminAreaFilter
    bbox_filter_field = "geom"
    queryset = AdminArea.objects.order_by("path", "pk")


class ParcelViewSet(GeoViewSet):
    """Khas parcels, each with the stage and possession of its leading claim (the one the
    map colours it by). Claim writers record (POST) and correct (PATCH, with If-Match)
    parcels through the same services as the pages."""

    serializer_class = serializers.ParcelSerializer
    filterset_class = filters.ParcelFilter
    bbox_filter_field = "geom"
    permission_classes = [IsAuthenticated, ClaimWriters]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Parcel]:
        return parcel_list_with_claim(user=self.request.user).order_by("pk")

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parcel = self.get_object()
        return Response(self.get_serializer(parcel).data, headers={"ETag": etag_of(parcel)})

    @extend_schema(
        request=serializers.ParcelCreateSerializer,
        responses={201: serializers.ParcelSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Record a parcel (the service checks the mouza is in the caller's districts and
        refuses a crossed or out-of-Bangladesh boundary)."""
        body = serializers.ParcelCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        fields = serializers.parcel_service_fields(body.validated_data)
        organisation = _organisation_of(request.user)
        saved = call_service(
            parcel_services.parcel_create,
            {},
            organisation=organisation,
            created_by=request.user,
            **fields,
        )
        parcel = self.get_queryset().get(pk=saved.parcel.pk)
        headers = {"ETag": etag_of(parcel), "Location": f"{request.path}{parcel.pk}/"}
        return Response(self.get_serializer(parcel).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.ParcelChangeSerializer,
        responses={200: serializers.ParcelSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a parcel's reference, dags, area or boundary."""
        parcel = self.get_object()
        expected = if_match_version(request, parcel)
        body = serializers.ParcelChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        changes = serializers.parcel_service_fields(body.validated_data)
        call_service(
            parcel_services.parcel_update,
            {},
            parcel=parcel,
            by=request.user,
            changes=changes,
            expected_version=expected,
        )
        parcel = self.get_queryset().get(pk=parcel.pk)
        return Response(self.get_serializer(parcel).data, headers={"ETag": etag_of(parcel)})


class GroupViewSet(ReadViewSet):
    """Landless groups; names only for roles that may read them. `counted_women` and
    `counted_men` come from the members recorded, or the typed counts when none is.
    Organisers, legal staff and admins register groups (POST) and correct them (PATCH with
    If-Match)."""

    serializer_class = serializers.GroupSerializer
    filterset_class = filters.GroupFilter
    permission_classes = [IsAuthenticated, GroupWriters]

    def get_queryset(self) -> QuerySet[LandlessGroup]:
        return with_labels(with_member_counts(group_list(user=self.request.user))).order_by("pk")

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        group = self.get_object()
        return Response(self.get_serializer(group).data, headers={"ETag": etag_of(group)})

    @extend_schema(
        request=serializers.GroupCreateSerializer,
        responses={201: serializers.GroupSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Register a group (the service checks the village is in the caller's districts)."""
        fields = _validated(serializers.GroupCreateSerializer, request)
        organisation = _organisation_of(request.user)
        group = call_service(
            group_services.group_create, {}, organisation=organisation, by=request.user, **fields
        )
        group = self.get_queryset().get(pk=group.pk)
        headers = {"ETag": etag_of(group), "Location": f"{request.path}{group.pk}/"}
        return Response(self.get_serializer(group).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.GroupChangeSerializer,
        responses={200: serializers.GroupSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a group's names, kind, village, dates, meeting day and typed counts."""
        group = self.get_object()
        expected = if_match_version(request, group)
        changes = _validated(serializers.GroupChangeSerializer, request)
        call_service(
            group_services.group_update,
            {},
            group=group,
            by=request.user,
            changes=changes,
            expected_version=expected,
        )
        group = self.get_queryset().get(pk=group.pk)
        return Response(self.get_serializer(group).data, headers={"ETag": etag_of(group)})


def _validated(body_class: Any, request: Request) -> dict[str, Any]:
    body = body_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


class MemberViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Members of landless groups, by pseudonymous code, for the roles that read names
    (organisers, legal staff, admins); every other role gets 403. Names, national ID and
    phone may be written here but are never served. `?group=<id>` lists one group's."""

    serializer_class = serializers.MemberSerializer
    permission_classes = [IsAuthenticated, MemberPeople]
    lookup_value_regex = r"\d+"
    filterset_class = filters.MemberFilter

    def get_queryset(self) -> QuerySet[Member]:
        members = member_list(user=self.request.user).defer(*PERSONAL_FIELDS)
        return members.order_by("group_id", "code", "pk")

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        member = self.get_object()
        return Response(self.get_serializer(member).data, headers={"ETag": etag_of(member)})

    @extend_schema(
        request=serializers.MemberCreateSerializer,
        responses={201: serializers.MemberSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Add a member to a group."""
        fields = _validated(serializers.MemberCreateSerializer, request)
        member = call_service(group_services.member_create, {}, by=request.user, **fields)
        member = self.get_queryset().get(pk=member.pk)
        headers = {"ETag": etag_of(member), "Location": f"{request.path}{member.pk}/"}
        return Response(self.get_serializer(member).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.MemberChangeSerializer,
        responses={200: serializers.MemberSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a member's record (leaving is `…/leave/`)."""
        member = self.get_object()
        expected = if_match_version(request, member)
        changes = _validated(serializers.MemberChangeSerializer, request)
        call_service(
            group_services.member_update,
            {},
            member=member,
            by=request.user,
            changes=changes,
            expected_version=expected,
        )
        member = self.get_queryset().get(pk=member.pk)
        return Response(self.get_serializer(member).data, headers={"ETag": etag_of(member)})

    @extend_schema(
        request=serializers.MemberLeaveSerializer,
        responses={200: serializers.MemberSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def leave(self, request: Request, pk: str) -> Response:
        """The member left the group: the record stays, no longer counted."""
        member = self.get_object()
        expected = if_match_version(request, member)
        fields = _validated(serializers.MemberLeaveSerializer, request)
        call_service(
            group_services.member_leave,
            {"left_on": "on"},
            member=member,
            by=request.user,
            expected_version=expected,
            **fields,
        )
        member = self.get_queryset().get(pk=member.pk)
        return Response(self.get_serializer(member).data, headers={"ETag": etag_of(member)})


def _visible(model: Any, user: Any, to_attr: str, lookup: str) -> Prefetch:
    return Prefetch(lookup, queryset=model.objects.visible_to(user), to_attr=to_attr)


class ClaimViewSet(ReadViewSet):
    """Claims, with their settlement stage and possession. `next_stages` lists the moves the
    process allows; `POST …/stage/` and `…/possession/` make them, as the claim page does."""

    serializer_class = serializers.ClaimSerializer
    filterset_class = filters.ClaimFilter
    permission_classes = [IsAuthenticated, ClaimWriters]

    def get_queryset(self) -> QuerySet[Claim]:
        user = self.request.user
        return (
            Claim.objects.visible_to(user)
            .prefetch_related(
                _visible(LandlessGroup, user, "visible_groups", "groups"),
                _visible(Parcel, user, "visible_parcels", "parcels"),
            )
            .order_by("-stage_since", "pk")
        )

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        return Response(self.get_serializer(claim).data, headers={"ETag": etag_of(claim)})

    @extend_schema(
        request=serializers.StageChangeSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def stage(self, request: Request, pk: str) -> Response:
        """Move the claim to another stage through the same service as the claim page."""
        return claim_action(
            self,
            request,
            claim_services.claim_advance,
            serializers.StageChangeSerializer,
            body_stage_change,
        )

    @extend_schema(
        request=serializers.PossessionChangeSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def possession(self, request: Request, pk: str) -> Response:
        """Record a change of possession, independent of the paper stage."""
        return claim_action(
            self,
            request,
            claim_services.claim_change_possession,
            serializers.PossessionChangeSerializer,
            body_possession_change,
        )

    @extend_schema(
        request=serializers.ClaimCreateSerializer,
        responses={201: serializers.ClaimSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Open a claim for your organisation (the service checks the groups and parcels are
        its own and in your districts), at the first stage or, for older paper, a later one
        with each earlier stage's date and number."""
        body = serializers.ClaimCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        fields = body_stage_change(dict(body.validated_data))
        organisation = _organisation_of(
            request.user, _("Open claims as a member of an organisation.")
        )
        claim = call_service(
            claim_services.claim_create, {}, organisation=organisation, by=request.user, **fields
        )
        claim = self.get_queryset().get(pk=claim.pk)
        headers = {"ETag": etag_of(claim), "Location": f"{request.path}{claim.pk}/"}
        return Response(self.get_serializer(claim).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.ClaimChangeSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a claim's title, how the land was found, its paper numbers and notes."""
        claim = self.get_object()
        expected = if_match_version(request, claim)
        body = serializers.ClaimChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        call_service(
            claim_services.claim_update,
            {},
            claim=claim,
            by=request.user,
            changes=changes,
            expected_version=expected,
        )
        claim = self.get_queryset().get(pk=claim.pk)
        return Response(self.get_serializer(claim).data, headers={"ETag": etag_of(claim)})

    @extend_schema(
        request=serializers.ClaimGroupAddSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def groups(self, request: Request, pk: str) -> Response:
        """Add a landless group to the claim, as a dated event on its timeline."""
        return claim_action(
            self,
            request,
            claim_services.claim_add_group,
            serializers.ClaimGroupAddSerializer,
            body_possession_change,
        )

    @extend_schema(
        request=serializers.ClaimMembershipSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"groups/(?P<group_pk>\d+)/remove")
    def remove_group(self, request: Request, pk: str, group_pk: str) -> Response:
        """Take a group off the claim (a claim keeps at least one), as a dated event."""
        return claim_action(
            self,
            request,
            claim_services.claim_remove_group,
            serializers.ClaimMembershipSerializer,
            body_possession_change,
            target=lambda: {"group": group_get(user=request.user, pk=int(group_pk))},
        )

    @extend_schema(
        request=serializers.ClaimParcelAddSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def parcels(self, request: Request, pk: str) -> Response:
        """Add a parcel of the claim's district to the claim, as a dated event."""
        return claim_action(
            self,
            request,
            claim_services.claim_add_parcel,
            serializers.ClaimParcelAddSerializer,
            body_possession_change,
        )

    @extend_schema(
        request=serializers.ClaimMembershipSerializer,
        responses={200: serializers.ClaimSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"parcels/(?P<parcel_pk>\d+)/remove")
    def remove_parcel(self, request: Request, pk: str, parcel_pk: str) -> Response:
        """Take a parcel off the claim (a claim keeps at least one), as a dated event."""
        return claim_action(
            self,
            request,
            claim_services.claim_remove_parcel,
            serializers.ClaimMembershipSerializer,
            body_possession_change,
            target=lambda: {"parcel": parcel_get(user=request.user, pk=int(parcel_pk))},
        )


def body_stage_change(data: dict[str, Any]) -> dict[str, Any]:
    skipped = {
        s["stage"]: claim_services.SkippedStage(on=s["on"], number=s["number"])
        for s in data.pop("skipped")
    }
    return {**data, "skipped": skipped}


def body_possession_change(data: dict[str, Any]) -> dict[str, Any]:
    return data


class ClaimEventViewSet(ReadViewSet):
    """Every dated change of a claim's stage or possession."""

    serializer_class = serializers.ClaimEventSerializer
    filterset_class = filters.ClaimEventFilter

    def get_queryset(self) -> QuerySet[ClaimEvent]:
        return ClaimEvent.objects.visible_to(self.request.user).order_by("happened_on", "pk")


class CaseViewSet(ReadViewSet):
    """Court cases with their next date. The POST actions record hearings, adjournments,
    orders, events and judgments through the same services as the case page."""

    serializer_class = serializers.CaseSerializer
    filterset_class = filters.CaseFilter
    permission_classes = [IsAuthenticated, CaseWriters]

    def get_queryset(self) -> QuerySet[LegalCase]:
        user = self.request.user
        return case_list(user=user).prefetch_related(
            _visible(Claim, user, "visible_claims", "claims"),
            _visible(Parcel, user, "visible_parcels", "parcels"),
        )

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        return Response(self.get_serializer(case).data, headers={"ETag": etag_of(case)})

    @extend_schema(
        request=serializers.CaseCreateSerializer,
        responses={201: serializers.CaseSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Open a case (the service checks the organisation and district are the caller's)."""
        body = serializers.CaseCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        fields = dict(body.validated_data)
        organisation = _organisation_of(request.user)
        case = call_service(
            case_services.case_create, {}, organisation=organisation, by=request.user, **fields
        )
        case = self.get_queryset().get(pk=case.pk)
        headers = {"ETag": etag_of(case), "Location": f"{request.path}{case.pk}/"}
        return Response(self.get_serializer(case).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.CaseChangeSerializer,
        responses={200: serializers.CaseSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct a case's court, bench, side, summary, cost and links."""
        case = self.get_object()
        expected = if_match_version(request, case)
        body = serializers.CaseChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        call_service(
            case_services.case_update,
            {},
            case=case,
            by=request.user,
            changes=changes,
            expected_version=expected,
        )
        case = self.get_queryset().get(pk=case.pk)
        return Response(self.get_serializer(case).data, headers={"ETag": etag_of(case)})

    @extend_schema(
        request=serializers.CasePartyAddSerializer,
        responses={201: serializers.CasePartySerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def parties(self, request: Request, pk: str) -> Response:
        """Add a party: one of our members (by id) or someone of the other side by name."""
        return case_action(
            self,
            request,
            case_services.case_add_party,
            serializers.CasePartyAddSerializer,
            serializers.CasePartySerializer,
        )

    @extend_schema(
        request=serializers.HearingScheduleSerializer,
        responses={201: serializers.HearingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def hearings(self, request: Request, pk: str) -> Response:
        """Fix the case's next hearing (one pending hearing at a time)."""
        return case_action(
            self,
            request,
            case_services.hearing_schedule,
            serializers.HearingScheduleSerializer,
            serializers.HearingSerializer,
        )

    @extend_schema(
        request=serializers.HearingAdjournSerializer,
        responses={201: serializers.HearingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"hearings/(?P<hearing_pk>\d+)/adjourn")
    def adjourn(self, request: Request, pk: str, hearing_pk: str) -> Response:
        """Close the hearing as adjourned and open the next one."""
        return case_action(
            self,
            request,
            case_services.hearing_adjourn,
            serializers.HearingAdjournSerializer,
            serializers.HearingSerializer,
            hearing_pk=hearing_pk,
        )

    @extend_schema(
        request=serializers.HearingRescheduleSerializer,
        responses={200: serializers.HearingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"hearings/(?P<hearing_pk>\d+)/reschedule")
    def reschedule(self, request: Request, pk: str, hearing_pk: str) -> Response:
        """Move a still-scheduled hearing to another date on the court's notice."""
        return case_action(
            self,
            request,
            case_services.hearing_reschedule,
            serializers.HearingRescheduleSerializer,
            serializers.HearingSerializer,
            hearing_pk=hearing_pk,
            created=False,
        )

    @extend_schema(
        request=serializers.HearingHeldSerializer,
        responses={200: serializers.HearingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"hearings/(?P<hearing_pk>\d+)/held")
    def held(self, request: Request, pk: str, hearing_pk: str) -> Response:
        """Record that the hearing took place."""
        return case_action(
            self,
            request,
            case_services.hearing_record_held,
            serializers.HearingHeldSerializer,
            serializers.HearingSerializer,
            hearing_pk=hearing_pk,
            created=False,
        )

    @extend_schema(
        request=serializers.InterimOrderRecordSerializer,
        responses={201: serializers.InterimOrderSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def orders(self, request: Request, pk: str) -> Response:
        """Record an interim order (stay, status quo, injunction, ...)."""
        return case_action(
            self,
            request,
            case_services.interim_order_record,
            serializers.InterimOrderRecordSerializer,
            serializers.InterimOrderSerializer,
        )

    @extend_schema(
        request=serializers.CaseEventRecordSerializer,
        responses={201: serializers.CaseEventSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def events(self, request: Request, pk: str) -> Response:
        """Record a step in the case (charge sheet, bail, ...), in date order."""
        return case_action(
            self,
            request,
            case_services.case_record_event,
            serializers.CaseEventRecordSerializer,
            serializers.CaseEventSerializer,
        )

    @extend_schema(
        request=serializers.JudgmentSerializer,
        responses={200: serializers.CaseSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def judgment(self, request: Request, pk: str) -> Response:
        """Record the judgment that disposes of the case; it ends the case's interim orders
        in force except those in `orders_kept`."""
        return case_action(
            self,
            request,
            case_services.case_record_judgment,
            serializers.JudgmentSerializer,
            serializers.CaseSerializer,
            shape=body_judgment,
            created=False,
        )

    def _order_action(
        self, request: Request, order_pk: str, service: Any, body: Any, shape: Any = None
    ) -> Response:
        return case_action(
            self,
            request,
            service,
            body,
            serializers.InterimOrderSerializer,
            order_pk=order_pk,
            shape=shape,
            created=False,
        )

    @extend_schema(
        request=serializers.OrderVacateSerializer,
        responses={200: serializers.InterimOrderSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"orders/(?P<order_pk>\d+)/vacate")
    def vacate(self, request: Request, pk: str, order_pk: str) -> Response:
        """The court vacated the order: from that day it is no longer in force."""
        return self._order_action(
            request, order_pk, case_services.interim_order_vacate, serializers.OrderVacateSerializer
        )

    @extend_schema(
        request=serializers.OrderExtendSerializer,
        responses={200: serializers.InterimOrderSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"orders/(?P<order_pk>\d+)/extend")
    def extend(self, request: Request, pk: str, order_pk: str) -> Response:
        """The court extended the order to a new last day."""
        return self._order_action(
            request, order_pk, case_services.interim_order_extend, serializers.OrderExtendSerializer
        )

    @extend_schema(
        request=serializers.OrderModifySerializer,
        responses={200: serializers.InterimOrderSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"orders/(?P<order_pk>\d+)/modify")
    def modify(self, request: Request, pk: str, order_pk: str) -> Response:
        """The court modified the order's kind, text or last day (only the fields sent)."""
        return self._order_action(
            request,
            order_pk,
            case_services.interim_order_modify,
            serializers.OrderModifySerializer,
            shape=body_order_modify,
        )

    @extend_schema(
        request=serializers.OrderComplianceSerializer,
        responses={200: serializers.InterimOrderSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"orders/(?P<order_pk>\d+)/compliance")
    def compliance(self, request: Request, pk: str, order_pk: str) -> Response:
        """Record that the order was complied with."""
        return self._order_action(
            request,
            order_pk,
            case_services.interim_order_record_compliance,
            serializers.OrderComplianceSerializer,
        )

    @extend_schema(
        request=serializers.CaseNoteAddSerializer,
        responses={201: serializers.CaseNoteSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str) -> Response:
        """Add a dated line to the case's note log."""
        return case_action(
            self,
            request,
            case_services.case_note_add,
            serializers.CaseNoteAddSerializer,
            serializers.CaseNoteSerializer,
        )

    @extend_schema(
        request=serializers.CaseTaskAddSerializer,
        responses={201: serializers.CaseTaskSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def tasks(self, request: Request, pk: str) -> Response:
        """Give someone a task on the case, due by a date."""
        return case_action(
            self,
            request,
            case_services.case_task_add,
            serializers.CaseTaskAddSerializer,
            serializers.CaseTaskSerializer,
            shape=body_task_add,
        )

    @extend_schema(
        request=serializers.CaseTaskDoneSerializer,
        responses={200: serializers.CaseTaskSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path=r"tasks/(?P<task_pk>\d+)/done")
    def task_done(self, request: Request, pk: str, task_pk: str) -> Response:
        """Mark the task done."""
        return case_action(
            self,
            request,
            case_services.case_task_done,
            serializers.CaseTaskDoneSerializer,
            serializers.CaseTaskSerializer,
            task_pk=task_pk,
            created=False,
        )


def body_judgment(*, data: dict[str, Any], case: LegalCase, user: Any) -> dict[str, Any]:
    ids = set(data.pop("orders_kept"))
    kept = list(interim_order_list_open(user=user, case=case).filter(pk__in=ids))
    if len(kept) != len(ids):
        raise ValidationError(
            {"orders_kept": _("Only an order of this case in force can be kept.")}
        )
    return {**data, "orders_kept": kept}


def body_order_modify(*, data: dict[str, Any], case: LegalCase, user: Any) -> dict[str, Any]:
    changed = ("kind", "text", "in_force_until")
    changes = {name: data.pop(name) for name in changed if name in data}
    return {**data, "changes": changes}


def body_task_add(*, data: dict[str, Any], case: LegalCase, user: Any) -> dict[str, Any]:
    # Anyone outside the case's organisation is "no such person": ids are not probed.
    people = case_task_assignee_list(user=user, case=case)
    return {**data, "assignee": people.filter(pk=data["assignee"]).first()}


def _organisation_of(user: Any, refusal: str = "") -> Organisation:
    """The caller's organisation; a superuser, who has none, must belong to one to open a
    case, claim or group through the API."""
    scope = scope_for(user)
    if scope is None or scope.organisation_id is None:
        raise PermissionDenied(refusal or _("Open cases as a member of an organisation."))
    return Organisation.objects.get(pk=scope.organisation_id)


class HearingViewSet(ReadViewSet):
    """Hearings, every date of every case, adjourned ones included."""

    serializer_class = serializers.HearingSerializer
    filterset_class = filters.HearingFilter

    def get_queryset(self) -> QuerySet[Hearing]:
        return Hearing.objects.visible_to(self.request.user).order_by("scheduled_on", "pk")


class InterimOrderViewSet(ReadViewSet):
    serializer_class = serializers.InterimOrderSerializer
    filterset_class = filters.InterimOrderFilter

    def get_queryset(self) -> QuerySet[InterimOrder]:
        orders = interim_order_list_flagged(user=self.request.user)
        return orders.order_by("-made_on", "pk")


class CaseEventViewSet(ReadViewSet):
    serializer_class = serializers.CaseEventSerializer
    filterset_class = filters.CaseEventFilter

    def get_queryset(self) -> QuerySet[CaseEvent]:
        return CaseEvent.objects.visible_to(self.request.user).order_by("happened_on", "pk")


class AllocationViewSet(ReadViewSet):
    """Settlement outcomes. Members are counted, never listed. Claim writers record them,
    correct them and record who holds the land now, through the same services as the pages."""

    serializer_class = serializers.AllocationSerializer
    filterset_class = filters.AllocationFilter
    permission_classes = [IsAuthenticated, ClaimWriters]

    def get_queryset(self) -> QuerySet[Any]:
        allocations = allocation_list(user=self.request.user)
        return allocations.annotate(member_count=Count("members")).order_by("pk")

    def _answer(self, pk: int, code: int = 200, **headers: str) -> Response:
        allocation = self.get_queryset().get(pk=pk)
        headers["ETag"] = etag_of(allocation)
        return Response(self.get_serializer(allocation).data, status=code, headers=headers)

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._answer(self.get_object().pk)

    @extend_schema(
        request=serializers.AllocationCreateSerializer,
        responses={201: serializers.AllocationSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Record an allocation of a parcel (the service checks scope, claim and group)."""
        body = serializers.AllocationCreateSerializer(
            data=request.data, context={"request": request}
        )
        body.is_valid(raise_exception=True)
        fields = {**body.validated_data, "members": list(body.validated_data["members"])}
        allocation = call_service(
            allocation_services.allocation_record, {}, by=request.user, **fields
        )
        return self._answer(allocation.pk, 201, Location=f"{request.path}{allocation.pk}/")

    @extend_schema(
        request=serializers.AllocationChangeSerializer,
        responses={200: serializers.AllocationSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct an allocation's papers, recipients and settled area."""
        allocation = self.get_object()
        expected = if_match_version(request, allocation)
        body = serializers.AllocationChangeSerializer(
            data=request.data, context={"request": request}
        )
        body.is_valid(raise_exception=True)
        call_service(
            allocation_services.allocation_update,
            {},
            allocation=allocation,
            by=request.user,
            changes=dict(body.validated_data),
            expected_version=expected,
        )
        return self._answer(allocation.pk)

    @extend_schema(
        request=serializers.AllocationHolderSerializer,
        responses={200: serializers.AllocationSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"])
    def holder(self, request: Request, pk: str) -> Response:
        """Record who holds the settled land now, and since when."""
        allocation = self.get_object()
        expected = if_match_version(request, allocation)
        body = serializers.AllocationHolderSerializer(
            data=request.data, context={"request": request}
        )
        body.is_valid(raise_exception=True)
        call_service(
            allocation_services.allocation_change_holder,
            {},
            allocation=allocation,
            by=request.user,
            expected_version=expected,
            **body.validated_data,
        )
        return self._answer(allocation.pk)


class IncidentViewSet(GeoViewSet):
    """Incidents. Organisers, legal staff and admins record and correct them through the same
    services as the incident pages; `perpetrators` and `description` are null for the roles
    that do not read names, and sexual violence is listed only for those that do."""

    serializer_class = serializers.IncidentSerializer
    filterset_class = filters.IncidentFilter
    bbox_filter_field = "location"
    permission_classes = [IsAuthenticated, ClaimWriters]

    def get_queryset(self) -> QuerySet[Any]:
        return incident_list(user=self.request.user).order_by("-occurred_on", "pk")

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incident = self.get_object()
        return Response(self.get_serializer(incident).data, headers={"ETag": etag_of(incident)})

    @extend_schema(
        request=serializers.IncidentCreateSerializer,
        responses={201: serializers.IncidentSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Record an incident (the service checks the group, parcel, claim and case are the
        caller's organisation's and in the caller's districts)."""
        body = serializers.IncidentCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        organisation = _organisation_of(request.user)
        incident = call_service(
            incident_services.incident_record,
            {},
            organisation=organisation,
            by=request.user,
            **body.validated_data,
        )
        incident = self.get_queryset().get(pk=incident.pk)
        headers = {"ETag": etag_of(incident), "Location": f"{request.path}{incident.pk}/"}
        return Response(self.get_serializer(incident).data, status=201, headers=headers)

    @extend_schema(
        request=serializers.IncidentChangeSerializer,
        responses={200: serializers.IncidentSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Correct an incident: any of its fields but the district it is filed under."""
        incident = self.get_object()
        expected = if_match_version(request, incident)
        body = serializers.IncidentChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        call_service(
            incident_services.incident_update,
            {},
            incident=incident,
            by=request.user,
            changes=dict(body.validated_data),
            expected_version=expected,
        )
        incident = self.get_queryset().get(pk=incident.pk)
        return Response(self.get_serializer(incident).data, headers={"ETag": etag_of(incident)})


class TokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your own API keys. A new key's secret is in the answer to its creation, and only there.
    Creating one needs a logged-in browser session: a leaked key cannot make itself more."""

    serializer_class = serializers.ApiTokenSerializer
    lookup_value_regex = r"\d+"
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        return api_token_list(user=self.request.user)

    @extend_schema(
        request=serializers.TokenCreateSerializer,
        responses={201: serializers.IssuedTokenSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            raise PermissionDenied(_("Create keys while logged in with your password."))
        body = serializers.TokenCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        issued = api_token_issue(user=request.user, name=body.validated_data["name"])
        data = {**serializers.ApiTokenSerializer(issued.token).data, "key": issued.secret}
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: OpenApiResponse(description="Revoked.")})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revoke the key: it stops working at once and stays listed as revoked."""
        api_token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
