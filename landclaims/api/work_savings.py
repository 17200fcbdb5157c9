"""Group savings in the API: /api/v1/savings-meetings/ and /api/v1/savings-entries/.

Reads start from the savings selectors (what the caller may see); writes go through the
savings services, which refuse the same things as the pages. Amounts are whole poisha
(1 taka = 100 poisha), rice weights decimal strings in kg. Entries are never changed nor
deleted: a mistake is put right by POSTing a correction (`corrects` and `reason`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.api.actions import call_service
from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.permissions import _Writers
from landclaims.api.serializers import DayField, NamesHidden, VisibleId
from landclaims.api.views import ReadViewSet
from landclaims.core.params import whole_number
from landclaims.core.permissions import GROUP_WORK_WRITERS
from landclaims.core.text import ascii_digits
from landclaims.groups.models import LandlessGroup
from landclaims.savings import selectors, services
from landclaims.savings.models import SavingsEntry, SavingsMeeting

# Bounds that keep a request's numbers within the columns (a larger one is a 400, not a 500).
MAX_POISHA = 10**14  # a thousand crore taka
MAX_PRICE = 2**31 - 1
MAX_PRESENT = 100_000


class GroupWorkWriters(_Writers):
    writers = GROUP_WORK_WRITERS


class LocalDecimalField(serializers.DecimalField):
    """A decimal in ASCII or Bengali digits (১২.৫)."""

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(ascii_digits(data) if isinstance(data, str) else data)


def _rice_kg(**kwargs: Any) -> LocalDecimalField:
    return LocalDecimalField(max_digits=9, decimal_places=3, allow_null=True, **kwargs)


# Decisions, purposes and notes are free text that may name members: null for the roles that
# do not read names, as an incident's description is.
class SavingsMeetingSerializer(NamesHidden, serializers.ModelSerializer):
    hidden_without_names = ("decisions",)
    decisions = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = SavingsMeeting
        fields = ["id", "group", "met_on", "members_present", "decisions", "version"]


class SavingsEntrySerializer(NamesHidden, serializers.ModelSerializer):
    hidden_without_names = ("purpose", "note")
    purpose = serializers.CharField(read_only=True, allow_null=True)
    note = serializers.CharField(read_only=True, allow_null=True)
    group = serializers.IntegerField(source="meeting.group_id", read_only=True)
    met_on = serializers.DateField(source="meeting.met_on", read_only=True)
    is_corrected = serializers.BooleanField(
        read_only=True, help_text="A later correction names this entry."
    )

    class Meta:
        model = SavingsEntry
        fields = ["id", "meeting", "group", "met_on", "kind", "form", "change_poisha"]
        fields += ["rice_kg", "rice_price_poisha_per_kg", "purpose", "corrects", "note"]
        fields += ["is_corrected"]


class EntryBodySerializer(serializers.Serializer):
    """One entry of a meeting: cash as `amount_poisha` (positive; the kind gives the sign),
    or rice (collections only) as `rice_kg` and `rice_price_poisha_per_kg`."""

    kind = serializers.ChoiceField(services.NEW_ENTRY_KINDS)
    form = serializers.ChoiceField(SavingsEntry.Form.choices, default=SavingsEntry.Form.CASH)
    amount_poisha = serializers.IntegerField(
        min_value=0, max_value=MAX_POISHA, required=False, allow_null=True, default=None
    )
    rice_kg = _rice_kg(required=False, default=None)
    rice_price_poisha_per_kg = serializers.IntegerField(
        min_value=0, max_value=MAX_PRICE, required=False, allow_null=True, default=None
    )
    purpose = serializers.CharField(max_length=300, allow_blank=True, default="")
    note = serializers.CharField(max_length=500, allow_blank=True, default="")


class MeetingCreateSerializer(serializers.Serializer):
    """A meeting with its entries, recorded all or nothing."""

    group = VisibleId(LandlessGroup)
    met_on = DayField()
    members_present = serializers.IntegerField(
        min_value=0, max_value=MAX_PRESENT, required=False, allow_null=True, default=None
    )
    decisions = serializers.CharField(allow_blank=True, default="")
    entries = EntryBodySerializer(many=True, default=list)


class MeetingChangeSerializer(serializers.Serializer):
    members_present = serializers.IntegerField(
        min_value=0, max_value=MAX_PRESENT, required=False, allow_null=True
    )
    decisions = serializers.CharField(allow_blank=True, required=False)


class EntryCreateSerializer(EntryBodySerializer):
    """Either a new entry of a meeting (`meeting`, `kind`, …) or a correction (`corrects`,
    `reason`, and the right `amount_poisha`, or for rice the right `rice_kg` and
    `rice_price_poisha_per_kg`; `amount_poisha: 0` for an entry that should not have been
    recorded)."""

    meeting = VisibleId(SavingsMeeting, required=False, allow_null=True, default=None)
    corrects = VisibleId(SavingsEntry, required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=500, allow_blank=True, default="")
    kind = serializers.ChoiceField(services.NEW_ENTRY_KINDS, required=False, allow_null=True)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("corrects") is None:
            if data.get("meeting") is None:
                raise serializers.ValidationError({"meeting": "Give the meeting, or `corrects`."})
            if not data.get("kind"):
                raise serializers.ValidationError({"kind": "Give the kind of entry."})
        return data


def _id_param(request: Request, name: str) -> int | None:
    """An id query parameter (`?group=12`), None when absent; 400 naming it when not an id."""
    if not request.query_params.get(name, "").strip():
        return None
    return whole_number(request.query_params, name, 0, minimum=1, maximum=2**62)


class SavingsMeetingViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadViewSet):
    """Groups' savings meetings (newest first; `?group=<id>`). POST records a meeting with
    its entries; PATCH (with If-Match) corrects attendance and decisions."""

    serializer_class = SavingsMeetingSerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        meetings = selectors.savings_meeting_list(user=self.request.user)
        group = _id_param(self.request, "group")
        return meetings if group is None else meetings.filter(group_id=group)

    @extend_schema(parameters=[OpenApiParameter("group", int, description="A group's id.")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = self.get_object()
        return Response(self.get_serializer(meeting).data, headers={"ETag": etag_of(meeting)})

    @extend_schema(request=MeetingCreateSerializer, responses={201: SavingsMeetingSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = MeetingCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data["entries"] = [services.EntryInput(**dict(e)) for e in data["entries"]]
        meeting = call_service(services.savings_meeting_record, {}, by=request.user, **data)
        headers = {"ETag": etag_of(meeting), "Location": f"{request.path}{meeting.pk}/"}
        return Response(self.get_serializer(meeting).data, status=201, headers=headers)

    @extend_schema(request=MeetingChangeSerializer, responses={200: SavingsMeetingSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        meeting = self.get_object()
        expected = if_match_version(request, meeting)
        body = MeetingChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        meeting = call_service(
            services.savings_meeting_update,
            {},
            meeting=meeting,
            by=request.user,
            changes=dict(body.validated_data),
            expected_version=expected,
        )
        return Response(self.get_serializer(meeting).data, headers={"ETag": etag_of(meeting)})

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.partial_update(request, *args, **kwargs)


class SavingsEntryViewSet(mixins.CreateModelMixin, ReadViewSet):
    """Ledger entries in date order (`?group=<id>`, `?meeting=<id>`). POST adds an entry to
    a meeting, or a correction of an entry; there is no PATCH nor DELETE."""

    serializer_class = SavingsEntrySerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Any]:
        corrected = SavingsEntry.objects.filter(corrects=OuterRef("pk"))
        entries = selectors.savings_entry_list(user=self.request.user)
        for name, lookup in (("group", "meeting__group_id"), ("meeting", "meeting_id")):
            found = _id_param(self.request, name)
            if found is not None:
                entries = entries.filter(**{lookup: found})
        return entries.annotate(is_corrected=Exists(corrected))

    @extend_schema(
        parameters=[
            OpenApiParameter("group", int, description="A group's id."),
            OpenApiParameter("meeting", int, description="A meeting's id."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=EntryCreateSerializer, responses={201: SavingsEntrySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = EntryCreateSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        amounts = {k: data[k] for k in ("amount_poisha", "rice_kg", "rice_price_poisha_per_kg")}
        if data["corrects"] is not None:
            entry = call_service(
                services.savings_entry_correct,
                {"note": "reason"},
                entry=data["corrects"],
                reason=data["reason"],
                by=request.user,
                **amounts,
            )
        else:
            entry = call_service(
                services.savings_entry_add,
                {},
                meeting=data["meeting"],
                kind=data["kind"],
                form=data["form"],
                purpose=data["purpose"],
                note=data["note"],
                by=request.user,
                **amounts,
            )
        entry = self.get_queryset().get(pk=entry.pk)
        headers = {"Location": f"{request.path}{entry.pk}/"}
        return Response(self.get_serializer(entry).data, status=201, headers=headers)
