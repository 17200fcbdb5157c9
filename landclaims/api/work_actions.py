"""The groups' actions and safety-net checks in the API: serializers and viewsets together.

Reads start from the action selectors (linked groups, claims, cases and incidents the caller
may not see are left out of the ids); writes go through the same services as the pages,
with If-Match on corrections. Monitors and viewers read; their writes answer 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.actions import services
from landclaims.actions.models import Action, SafetyNetCheck
from landclaims.actions.selectors import ActionFilters, action_list_filtered, safety_net_check_list
from landclaims.api.actions import call_service
from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.serializers import DayField, IdsField, VisibleId, _visible_ids
from landclaims.api.views import ETAG, IF_MATCH, _organisation_of
from landclaims.cases.models import LegalCase
from landclaims.claims.models import Claim
from landclaims.core.permissions import GROUP_WORK_WRITERS, may_write
from landclaims.groups.models import LandlessGroup
from landclaims.incidents.models import Incident
from landclaims.places.models import AdminArea


class GroupWorkWriters(BasePermission):
    message = _("Your role may look at these records but not change them.")

    def has_permission(self, request: Any, view: Any) -> bool:
        return request.method in SAFE_METHODS or may_write(request.user, GROUP_WORK_WRITERS)


class ActionSerializer(serializers.ModelSerializer):
    groups = IdsField(source="visible_groups")
    claims = IdsField(source="visible_claims")
    cases = IdsField(source="visible_cases")
    incidents = IdsField(source="visible_incidents")

    class Meta:
        model = Action
        fields = ["id", "kind", "took_place_on", "district", "place", "venue", "groups"]
        fields += ["women", "men", "others", "authority", "demands", "outcome"]
        fields += ["outcome_note", "claims", "cases", "incidents", "version"]


class ActionCreateSerializer(serializers.Serializer):
    """A new action: the same fields as the page at /actions/new/. The district is the
    place's, else the first group's, when not given."""

    kind = serializers.ChoiceField(Action.Kind.choices)
    took_place_on = DayField()
    groups = _visible_ids(LandlessGroup)
    district = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    place = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    venue = serializers.CharField(max_length=200, allow_blank=True, default="")
    women = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    men = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    others = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    authority = serializers.CharField(max_length=200, allow_blank=True, default="")
    demands = serializers.CharField(allow_blank=True, default="")
    outcome = serializers.ChoiceField(Action.Outcome.choices, default=Action.Outcome.PENDING)
    outcome_note = serializers.CharField(allow_blank=True, default="")
    claims = _visible_ids(Claim, required=False, default=list)
    cases = _visible_ids(LegalCase, required=False, default=list)
    incidents = _visible_ids(Incident, required=False, default=list)


class ActionChangeSerializer(ActionCreateSerializer):
    """A correction to an action, or its outcome (PATCH): any field but the district. Links
    the caller cannot see are kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["district"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class ActionViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The groups' public action: sit-ins, rallies, human chains, memoranda, meetings with
    officials, shalish attended and watchdog visits, with the claims, cases and incidents
    they were about. Filter with `kind` and `outcome`."""

    serializer_class = ActionSerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        params = self.request.query_params
        kinds, outcomes = dict(Action.Kind.choices), dict(Action.Outcome.choices)
        filters = ActionFilters(
            kind=params.get("kind", "") if params.get("kind") in kinds else "",
            outcome=params.get("outcome", "") if params.get("outcome") in outcomes else "",
        )
        return action_list_filtered(user=self.request.user, filters=filters)

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        action = self.get_object()
        return Response(self.get_serializer(action).data, headers={"ETag": etag_of(action)})

    @extend_schema(
        request=ActionCreateSerializer, responses={201: ActionSerializer}, parameters=[ETAG]
    )
    def create(self, request: Request) -> Response:
        """Record an action (the service checks the groups and links are the caller's
        organisation's and in the caller's districts)."""
        return _create(self, request, ActionCreateSerializer, services.action_create)

    @extend_schema(
        request=ActionChangeSerializer,
        responses={200: ActionSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Correct an action or record its outcome."""
        return _correct(self, request, ActionChangeSerializer, services.action_update, "action")


class SafetyNetCheckSerializer(serializers.ModelSerializer):
    groups = IdsField(source="visible_groups")

    class Meta:
        model = SafetyNetCheck
        fields = ["id", "union", "district", "programme", "checked_on", "checked"]
        fields += ["irregularities_found", "irregularities", "people_wrongly_left_out"]
        fields += ["action_taken", "outcome", "groups", "action", "version"]


class SafetyNetCheckCreateSerializer(serializers.Serializer):
    """A new watchdog check of one programme in one union (the page at
    /actions/safety-nets/new/)."""

    union = VisibleId(AdminArea)
    programme = serializers.ChoiceField(SafetyNetCheck.Programme.choices)
    checked_on = DayField()
    checked = serializers.CharField()
    irregularities_found = serializers.BooleanField(default=False)
    irregularities = serializers.CharField(allow_blank=True, default="")
    people_wrongly_left_out = serializers.IntegerField(min_value=0, max_value=10_000_000, default=0)
    action_taken = serializers.CharField(allow_blank=True, default="")
    outcome = serializers.CharField(allow_blank=True, default="")
    groups = _visible_ids(LandlessGroup, required=False, default=list)
    action = VisibleId(Action, required=False, allow_null=True, default=None)


class SafetyNetCheckChangeSerializer(SafetyNetCheckCreateSerializer):
    """A correction to a check, or its outcome (PATCH): any field but the union."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["union"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty


class SafetyNetCheckViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Watchdog checks of social safety-net programmes (VGD, VGF, old-age and widow
    allowances and others), per union. Filter with `programme`."""

    serializer_class = SafetyNetCheckSerializer
    permission_classes = [IsAuthenticated, GroupWorkWriters]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        programme = self.request.query_params.get("programme", "")
        if programme not in dict(SafetyNetCheck.Programme.choices):
            programme = ""
        return safety_net_check_list(user=self.request.user, programme=programme)

    @extend_schema(parameters=[ETAG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        check = self.get_object()
        return Response(self.get_serializer(check).data, headers={"ETag": etag_of(check)})

    @extend_schema(
        request=SafetyNetCheckCreateSerializer,
        responses={201: SafetyNetCheckSerializer},
        parameters=[ETAG],
    )
    def create(self, request: Request) -> Response:
        """Record a safety-net check, filed under its union's district."""
        return _create(
            self, request, SafetyNetCheckCreateSerializer, services.safety_net_check_create
        )

    @extend_schema(
        request=SafetyNetCheckChangeSerializer,
        responses={200: SafetyNetCheckSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Correct a check or record what came of it."""
        return _correct(
            self, request, SafetyNetCheckChangeSerializer, services.safety_net_check_update, "check"
        )


def _create(
    view: Any, request: Request, body_class: type[serializers.Serializer], service: Any
) -> Response:
    """Validate the body, write through `service` as the caller's organisation, answer 201
    with the record as the caller may see it."""
    body = body_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    organisation = _organisation_of(request.user, str(_("Record this as a member.")))
    record = call_service(
        service, {}, organisation=organisation, by=request.user, **body.validated_data
    )
    record = view.get_queryset().get(pk=record.pk)
    headers = {"ETag": etag_of(record), "Location": f"{request.path}{record.pk}/"}
    return Response(view.get_serializer(record).data, status=201, headers=headers)


def _correct(
    view: Any,
    request: Request,
    body_class: type[serializers.Serializer],
    service: Any,
    name: str,
) -> Response:
    """If-Match, then the changes through `service` (its argument `name` is the record)."""
    record = view.get_object()
    expected = if_match_version(request, record)
    body = body_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    call_service(
        service,
        {},
        by=request.user,
        changes=dict(body.validated_data),
        expected_version=expected,
        **{name: record},
    )
    record = view.get_queryset().get(pk=record.pk)
    return Response(view.get_serializer(record).data, headers={"ETag": etag_of(record)})
