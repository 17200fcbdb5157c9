"""Trainings (with their attendance) and seats on public bodies over the API: read by every
role within its scope, written by organisers, legal staff and admins through the same
services as the pages, If-Match on every change. Members appear by code; their ids only
for the roles that read names (as /api/v1/members/ is theirs alone)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.api.actions import call_service
from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.filters import IdFilter, LocalDateFilter
from landclaims.api.permissions import _Writers
from landclaims.api.serializers import DayField, NamesHidden, VisibleId
from landclaims.api.views import ETAG, IF_MATCH, ReadViewSet, _organisation_of
from landclaims.core.permissions import GROUP_WORK_WRITERS
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import AdminArea
from landclaims.representation import services as seat_services
from landclaims.representation.models import Seat
from landclaims.representation.selectors import held_on, seat_list
from landclaims.training import services as training_services
from landclaims.training.models import (
    Community,
    GroupAttendance,
    MemberAttendance,
    Tier,
    Topic,
    TrainingEvent,
)
from landclaims.training.selectors import training_list


class GroupWorkWriters(_Writers):
    writers = GROUP_WORK_WRITERS


# Trainings -----------------------------------------------------------------------------------


class GroupAttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = GroupAttendance
        fields = ["group", "community", "women", "men", "others"]


class TrainingSerializer(NamesHidden, serializers.ModelSerializer):
    """A training and who attended it: each group's counts by sex (and community), and the
    members named, by code (`member_ids` only for the roles that read names)."""

    hidden_without_names = ("member_ids",)
    attendance = GroupAttendanceSerializer(many=True, read_only=True, source="group_attendance")
    member_codes = serializers.SerializerMethodField()
    member_ids = serializers.SerializerMethodField()

    class Meta:
        model = TrainingEvent
        fields = ["id", "title", "title_bn", "tier", "topics", "started_on", "ended_on"]
        fields += ["district", "place", "venue", "facilitator", "attendance", "member_codes"]
        fields += ["member_ids", "version"]

    def get_member_codes(self, event: TrainingEvent) -> list[str]:
        return [row.member.code for row in event.visible_members]  # type: ignore[attr-defined]

    def get_member_ids(self, event: TrainingEvent) -> list[int] | None:
        return [row.member_id for row in event.visible_members]  # type: ignore[attr-defined]


class TrainingFilter(filters.FilterSet):
    tier = filters.ChoiceFilter(choices=Tier.choices)
    topic = filters.ChoiceFilter(choices=Topic.choices, method="with_topic")
    district = IdFilter(field_name="district_id")
    group = IdFilter(method="attended_by", help_text="A group's id: the trainings it attended.")
    started_from = LocalDateFilter(field_name="started_on", lookup_expr="gte")
    started_to = LocalDateFilter(field_name="started_on", lookup_expr="lte")

    class Meta:
        model = TrainingEvent
        fields: list[str] = []

    def with_topic(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(topics__contains=[value])

    def attended_by(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return queryset.filter(pk__in=GroupAttendance.objects.filter(group=value).values("event"))


class TrainingCreateSerializer(serializers.Serializer):
    """A new training: the same fields as the page at /trainings/new/; without `ended_on`,
    a one-day training."""

    title = serializers.CharField(max_length=200)
    title_bn = serializers.CharField(max_length=200, allow_blank=True, default="")
    tier = serializers.ChoiceField(Tier.choices)
    topics = serializers.ListField(child=serializers.ChoiceField(Topic.choices), default=list)
    started_on = DayField()
    ended_on = DayField(required=False, allow_null=True, default=None)
    district = VisibleId(AdminArea, help_text="The district the training is filed under.")
    place = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    venue = serializers.CharField(max_length=200, allow_blank=True, default="")
    facilitator = serializers.CharField(max_length=200, allow_blank=True, default="")


class TrainingChangeSerializer(TrainingCreateSerializer):
    """A correction (PATCH): any field but the district."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["district"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class AttendanceRowSerializer(serializers.Serializer):
    group = VisibleId(LandlessGroup)
    community = serializers.ChoiceField(Community.choices, allow_blank=True, default="")
    women = serializers.IntegerField(min_value=0, default=0)
    men = serializers.IntegerField(min_value=0, default=0)
    others = serializers.IntegerField(min_value=0, default=0)


class AttendanceSerializer(serializers.Serializer):
    """The whole attendance, replacing what was recorded: each group's counts, and the ids
    of the members named (each of a group counted)."""

    groups = AttendanceRowSerializer(many=True)
    members = serializers.ListField(child=VisibleId(Member), default=list)


class TrainingViewSet(ReadViewSet):
    """Trainings with their attendance. Organisers, legal staff and admins record them
    (POST), correct them (PATCH with If-Match) and set who attended (PUT
    /trainings/{id}/attendance/ with If-Match)."""

    serializer_class = TrainingSerializer
    filterset_class = TrainingFilter
    permission_classes = [IsAuthenticated, GroupWorkWriters]

    def get_queryset(self) -> QuerySet[TrainingEvent]:
        user = self.request.user
        named = MemberAttendance.objects.filter(
            member__in=Member.objects.visible_to(user)
        ).select_related("member")
        rows = GroupAttendance.objects.filter(group__in=LandlessGroup.objects.visible_to(user))
        return (
            training_list(user=user)
            .prefetch_related(
                Prefetch("group_attendance", queryset=rows.order_by("group_id", "community")),
                Prefetch("member_attendance", queryset=named, to_attr="visible_members"),
            )
            .order_by("-started_on", "pk")
        )

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        event = self.get_object()
        return Response(self.get_serializer(event).data, headers={"ETag": etag_of(event)})

    @extend_schema(
        request=TrainingCreateSerializer, responses={201: TrainingSerializer}, parameters=[ETAG]
    )
    def create(self, request: Request) -> Response:
        body = TrainingCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        event = call_service(
            training_services.training_event_create,
            {},
            organisation=_organisation_of(request.user),
            by=request.user,
            **body.validated_data,
        )
        return self._answer(request, event, status=201)

    @extend_schema(
        request=TrainingChangeSerializer,
        responses={200: TrainingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        event = self.get_object()
        expected = if_match_version(request, event)
        body = TrainingChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        call_service(
            training_services.training_event_update,
            {},
            event=event,
            by=request.user,
            changes=dict(body.validated_data),
            expected_version=expected,
        )
        return self._answer(request, event)

    @extend_schema(
        request=AttendanceSerializer,
        responses={200: TrainingSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["put"])
    def attendance(self, request: Request, pk: str) -> Response:
        event = self.get_object()
        expected = if_match_version(request, event)
        body = AttendanceSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        rows = [training_services.GroupCount(**row) for row in body.validated_data["groups"]]
        call_service(
            training_services.training_attendance_set,
            {},
            event=event,
            groups=rows,
            members=body.validated_data["members"],
            by=request.user,
            expected_version=expected,
        )
        return self._answer(request, event)

    def _answer(self, request: Request, event: TrainingEvent, status: int = 200) -> Response:
        event = self.get_queryset().get(pk=event.pk)
        headers = {"ETag": etag_of(event)}
        if status == 201:
            headers["Location"] = f"{request.path}{event.pk}/"
        return Response(self.get_serializer(event).data, status=status, headers=headers)


# Seats -----------------------------------------------------------------------------------------


class SeatSerializer(NamesHidden, serializers.ModelSerializer):
    """A member's seat on a public body; the member by code (`member` id only for the roles
    that read names); `held` whether it is held today."""

    hidden_without_names = ("member",)
    member_code = serializers.CharField(source="member.code", read_only=True)
    member_sex = serializers.CharField(source="member.sex", read_only=True)
    group = serializers.IntegerField(source="member.group_id", read_only=True)
    held = serializers.BooleanField(read_only=True)

    class Meta:
        model = Seat
        fields = ["id", "member", "member_code", "member_sex", "group", "body", "body_name"]
        fields += ["area", "position", "how", "from_on", "to_on", "held", "version"]


class SeatFilter(filters.FilterSet):
    body = filters.ChoiceFilter(choices=Seat.Body.choices)
    how = filters.ChoiceFilter(choices=Seat.How.choices)
    group = IdFilter(field_name="member__group_id", help_text="A group's id: its members' seats.")
    current = filters.BooleanFilter(method="held_now", help_text="true: seats held today.")

    class Meta:
        model = Seat
        fields: list[str] = []

    def held_now(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        today = held_on(timezone.localdate())
        return queryset.filter(today) if value else queryset.exclude(today)


class SeatCreateSerializer(serializers.Serializer):
    member = VisibleId(Member)
    body = serializers.ChoiceField(Seat.Body.choices)
    body_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    area = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    position = serializers.ChoiceField(Seat.Position.choices, default=Seat.Position.MEMBER)
    how = serializers.ChoiceField(Seat.How.choices)
    from_on = DayField()
    to_on = DayField(required=False, allow_null=True, default=None)


class SeatChangeSerializer(SeatCreateSerializer):
    """A correction (PATCH): any field but the member; `to_on` ends the seat."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["member"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class SeatViewSet(ReadViewSet):
    """Members' seats on public bodies. Organisers, legal staff and admins add them (POST)
    and correct or end them (PATCH with If-Match)."""

    serializer_class = SeatSerializer
    filterset_class = SeatFilter
    permission_classes = [IsAuthenticated, GroupWorkWriters]

    def get_queryset(self) -> QuerySet[Seat]:
        return seat_list(user=self.request.user).order_by("-from_on", "pk")

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        seat = self.get_object()
        return Response(self.get_serializer(seat).data, headers={"ETag": etag_of(seat)})

    @extend_schema(request=SeatCreateSerializer, responses={201: SeatSerializer}, parameters=[ETAG])
    def create(self, request: Request) -> Response:
        body = SeatCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        seat = call_service(seat_services.seat_add, {}, by=request.user, **body.validated_data)
        seat = self.get_queryset().get(pk=seat.pk)
        headers = {"ETag": etag_of(seat), "Location": f"{request.path}{seat.pk}/"}
        return Response(self.get_serializer(seat).data, status=201, headers=headers)

    @extend_schema(
        request=SeatChangeSerializer, responses={200: SeatSerializer}, parameters=[IF_MATCH, ETAG]
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        seat = self.get_object()
        expected = if_match_version(request, seat)
        body = SeatChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        call_service(
            seat_services.seat_update,
            {},
            seat=seat,
            by=request.user,
            changes=dict(body.validated_data),
            expected_version=expected,
        )
        seat = self.get_queryset().get(pk=seat.pk)
        return Response(self.get_serializer(seat).data, headers={"ETag": etag_of(seat)})
