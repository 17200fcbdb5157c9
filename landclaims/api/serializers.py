"""How each record looks in the API. Records with a shape are GeoJSON features.

Names that tie people to land (group names, names on a kabuliyat, free text that may name
people) are null for roles that may not read them (core.permissions.GROUP_NAME_READERS).
Members are served by code only, to roles that read names; their names, national ID and
phone never (see README, "API").
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.fields import GeometryField as _GisGeometryField
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from landclaims.allocations.models import Allocation, Holder
from landclaims.api.models import ApiToken
from landclaims.cases.models import (
    CaseEvent,
    CaseNote,
    CaseParty,
    CaseTask,
    CaseType,
    ForumLevel,
    Hearing,
    InterimOrder,
    Lawyer,
    LegalCase,
)
from landclaims.cases.selectors import CaseAction, case_next_actions
from landclaims.claims.models import Claim, ClaimEvent, LearnedFrom
from landclaims.claims.selectors import claim_next_stages
from landclaims.claims.stages import Possession, Stage, phase_of
from landclaims.core.text import ascii_digits
from landclaims.groups.models import LandlessGroup, Member, PriorityCategory
from landclaims.groups.selectors import group_label
from landclaims.incidents.models import Incident
from landclaims.parcels.models import GeomSource, LandClass, Parcel
from landclaims.places.models import AdminArea, SurveySeries, Village


class NamesHidden:
    """Sets `hidden_without_names` to null unless the context says the role reads names."""

    hidden_without_names: tuple[str, ...] = ()

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        if not self.context.get("show_names", False):  # type: ignore[attr-defined]
            target = data.get("properties", data) if isinstance(data, dict) else data
            for name in self.hidden_without_names:
                target[name] = None
        return data


@extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
class IdsField(serializers.Field):
    """The ids of related records the viewset prefetched as a list of those the user may see."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: Any) -> list[int]:
        return [record.pk for record in value]


class AdminAreaSerializer(GeoFeatureModelSerializer):
    class Meta:
        model = AdminArea
        geo_field = "geom"
        fields = ["id", "level", "name_en", "name_bn", "bbs_code", "hdx_pcode", "parent"]
        fields += ["district", "geom"]


class ParcelSerializer(GeoFeatureModelSerializer):
    mouza_name_en = serializers.CharField(source="mouza.name_en", read_only=True)
    mouza_name_bn = serializers.CharField(source="mouza.name_bn", read_only=True)
    dag_nos = serializers.SerializerMethodField()
    claim = serializers.IntegerField(source="lead_claim", read_only=True, allow_null=True)
    stage = serializers.ChoiceField(
        Stage.choices, source="lead_stage", read_only=True, allow_null=True
    )
    possession = serializers.ChoiceField(
        Possession.choices, source="lead_possession", read_only=True, allow_null=True
    )
    stage_since = serializers.DateField(source="lead_stage_since", read_only=True, allow_null=True)

    class Meta:
        model = Parcel
        geo_field = "geom"
        fields = ["id", "mouza", "mouza_name_en", "mouza_name_bn", "survey", "jl_no", "sheet_no"]
        fields += ["dag_nos", "khatian_no", "register_viii_ref", "land_class", "area_value"]
        fields += ["area_unit", "area_m2", "geom_source", "source_srid", "accuracy_m", "notes"]
        fields += ["claim", "stage", "possession", "stage_since", "created_at", "updated_at"]
        fields += ["geom"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_dag_nos(self, parcel: Parcel) -> list[str]:
        return [dag.dag_no for dag in parcel.dags.all()]


class GroupSerializer(NamesHidden, serializers.ModelSerializer):
    hidden_without_names = ("name_bn", "name_en")
    name_bn = serializers.CharField(read_only=True, allow_null=True)
    name_en = serializers.CharField(read_only=True, allow_null=True)
    label = serializers.SerializerMethodField()
    village_name_en = serializers.CharField(source="village.name_en", read_only=True)
    union = serializers.IntegerField(source="village.union_id", read_only=True)
    district = serializers.IntegerField(
        source="village.union.district_id", read_only=True, allow_null=True
    )
    counted_women = serializers.IntegerField(
        read_only=True, help_text="Current members recorded, or the typed count when none is."
    )
    counted_men = serializers.IntegerField(read_only=True)

    class Meta:
        model = LandlessGroup
        fields = ["id", "name_bn", "name_en", "label", "sex", "village", "village_name_en"]
        fields += ["union", "district", "formed_on", "members_women", "members_men"]
        fields += ["meeting_day", "counted_women", "counted_men"]

    def get_label(self, group: LandlessGroup) -> str:
        """What a page shows for the group: its name, or to roles without names its kind and
        village ("Women's group 2, Amgachha"), as groups.selectors.group_label says."""
        if self.context.get("show_names", False):
            return str(group)
        return group_label(group)


class NextStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.choices)
    skips = serializers.ListField(child=serializers.ChoiceField(Stage.choices))


class ClaimSerializer(serializers.ModelSerializer):
    groups = IdsField(source="visible_groups")
    parcels = IdsField(source="visible_parcels")
    phase = serializers.SerializerMethodField()
    next_stages = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = ["id", "title", "organisation", "district", "groups", "parcels", "opened_on"]
        fields += ["learned_from", "stage", "phase", "stage_since", "resume_stage", "possession"]
        fields += ["possession_since", "register13_no", "settlement_case_no", "kabuliyat_no"]
        fields += ["kabuliyat_on", "deed_registration_no", "mutation_case_no", "new_khatian_no"]
        fields += ["holding_no", "dcr_no", "notes", "version", "next_stages", "updated_at"]

    def get_phase(self, claim: Claim) -> str:
        return str(phase_of(claim.stage).value)

    @extend_schema_field(NextStageSerializer(many=True))
    def get_next_stages(self, claim: Claim) -> list[dict[str, Any]]:
        """The stages the process allows next, each with the stages it would pass over (whose
        date, and number where they produce one, must then be sent in `skipped`)."""
        return [
            {"stage": o.stage.value, "skips": [s.value for s in o.skips]}
            for o in claim_next_stages(claim=claim)
        ]


class ClaimEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimEvent
        fields = ["id", "claim", "kind", "from_value", "to_value", "happened_on", "number"]
        fields += ["note", "recorded_at", "group", "parcel"]


class CaseSerializer(serializers.ModelSerializer):
    # Machines get one spelling whatever the request's language (the pages translate it).
    display_no = serializers.CharField(source="display_no_en", read_only=True)
    next_on = serializers.DateField(read_only=True, allow_null=True)
    next_purpose = serializers.CharField(read_only=True, allow_null=True)
    claims = IdsField(source="visible_claims")
    parcels = IdsField(source="visible_parcels")
    next_actions = serializers.SerializerMethodField()

    class Meta:
        model = LegalCase
        fields = ["id", "display_no", "case_type", "forum_level", "court_name", "bench"]
        fields += ["number", "year", "filed_on", "our_role", "parent", "status", "outcome"]
        fields += ["summary", "cost_bdt", "organisation", "district", "claims", "parcels"]
        fields += ["next_on", "next_purpose", "version", "next_actions", "updated_at"]

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(CaseAction)))
    )
    def get_next_actions(self, case: LegalCase) -> list[str]:
        """What may be recorded on the case now (`cases.selectors.case_next_actions`)."""
        today = timezone.localdate()
        return list(case_next_actions(case=case, next_hearing_on=case.next_on, today=today))


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = ["id", "case", "scheduled_on", "purpose", "status", "outcome_note"]
        fields += ["previous", "series", "sequence"]


class InterimOrderSerializer(serializers.ModelSerializer):
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = InterimOrder
        fields = ["id", "case", "kind", "made_on", "in_force_from", "in_force_until"]
        fields += ["vacated_on", "end_reason", "text", "complied_on", "compliance_note"]
        fields += ["in_force"]

    def get_in_force(self, order: InterimOrder) -> bool:
        """In force today, by the one rule in cases (the list annotates it; a single order
        just recorded asks the database)."""
        annotated = getattr(order, "in_force", None)
        if annotated is not None:
            return bool(annotated)
        today = timezone.localdate()
        return InterimOrder.objects.filter(pk=order.pk).in_force(today).exists()


class CaseEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "case", "kind", "happened_on", "hearing", "note", "recorded_at"]


class AllocationSerializer(NamesHidden, serializers.ModelSerializer):
    hidden_without_names = ("names_on_kabuliyat", "others_note", "holding_note")
    names_on_kabuliyat = serializers.CharField(read_only=True, allow_null=True)
    others_note = serializers.CharField(read_only=True, allow_null=True)
    holding_note = serializers.CharField(read_only=True, allow_null=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Allocation
        fields = ["id", "claim", "parcel", "group", "member_count", "settled_to_others"]
        fields += ["others_note", "area_value", "area_unit", "area_m2", "title"]
        fields += ["names_on_kabuliyat", "kabuliyat_no", "kabuliyat_on", "dcr_no"]
        fields += ["approved_on", "registered_on", "outside_policy"]
        fields += ["deed_registration_no", "mutation_case_no", "held_by", "held_since"]
        fields += ["holding_note", "version"]


class IncidentSerializer(NamesHidden, GeoFeatureModelSerializer):
    hidden_without_names = ("description", "perpetrators")
    description = serializers.CharField(read_only=True, allow_null=True)
    perpetrators = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Incident
        geo_field = "location"
        fields = ["id", "kind", "occurred_on", "women_affected", "men_affected", "gd_fir_no"]
        fields += ["police_station", "description", "district", "claim", "parcel"]
        fields += ["legal_case", "location", "others_affected", "group", "perpetrators"]
        fields += ["version"]


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
        read_only_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]


class IssuedTokenSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="The secret: shown this once only.")

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]


# Bodies of the actions ------------------------------------------------------------------


class DigitsField(serializers.CharField):
    """Text whose digits may be typed in Bengali; passed on with ASCII digits, as the pages'
    DigitsField does (case, Register-13 and kabuliyat numbers are searched in that form)."""

    def to_internal_value(self, data: Any) -> str:
        return ascii_digits(super().to_internal_value(data))


class DayField(serializers.DateField):
    """An ISO date (2024-06-01), in ASCII or Bengali digits."""

    def to_internal_value(self, value: Any) -> Any:
        return super().to_internal_value(ascii_digits(value) if isinstance(value, str) else value)


class SkippedStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.choices)
    on = DayField()
    number = DigitsField(required=False, allow_blank=True, max_length=40, default="")


class StageChangeSerializer(serializers.Serializer):
    to = serializers.ChoiceField(Stage.choices, help_text="The new stage.")
    on = DayField(help_text="The day the claim reached it.")
    number = DigitsField(required=False, allow_blank=True, max_length=40, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    skipped = SkippedStageSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Date and number of each stage passed over when moving ahead by several.",
    )


class PossessionChangeSerializer(serializers.Serializer):
    to = serializers.ChoiceField(Possession.choices)
    on = DayField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class HearingScheduleSerializer(serializers.Serializer):
    on = DayField()
    purpose = serializers.CharField(max_length=200, allow_blank=True, default="")
    fixed_on = DayField(required=False, allow_null=True, default=None)


class HearingAdjournSerializer(serializers.Serializer):
    next_on = DayField()
    purpose = serializers.CharField(max_length=200, allow_blank=True, default="")
    note = serializers.CharField(allow_blank=True, default="")


class HearingRescheduleSerializer(serializers.Serializer):
    new_on = DayField()


class HearingHeldSerializer(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, default="")


class InterimOrderRecordSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(InterimOrder.Kind.choices)
    made_on = DayField()
    in_force_from = DayField(required=False, allow_null=True, default=None)
    in_force_until = DayField(required=False, allow_null=True, default=None)
    text = serializers.CharField(allow_blank=True, default="")


class CaseEventRecordSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(CaseEvent.Kind.choices)
    on = DayField()
    note = serializers.CharField(allow_blank=True, default="")


class JudgmentSerializer(serializers.Serializer):
    on = DayField()
    outcome = serializers.ChoiceField([c for c in LegalCase.Outcome.choices if c[0]])
    note = serializers.CharField(allow_blank=True, default="")
    orders_kept = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        default=list,
        help_text="Ids of the case's orders in force that the court kept in force; the "
        "judgment ends the others.",
    )


class OrderVacateSerializer(serializers.Serializer):
    on = DayField(help_text="The day the court vacated the order.")
    note = serializers.CharField(allow_blank=True, default="")


class OrderExtendSerializer(serializers.Serializer):
    on = DayField(help_text="The day the court extended the order.")
    until = DayField(help_text="The order's new last day in force.")
    note = serializers.CharField(allow_blank=True, default="")


class OrderModifySerializer(serializers.Serializer):
    """Only the fields sent are changed."""

    on = DayField(help_text="The day the court modified the order.")
    kind = serializers.ChoiceField(InterimOrder.Kind.choices, required=False)
    text = serializers.CharField(allow_blank=True, required=False)
    in_force_until = DayField(
        required=False, allow_null=True, help_text="The new last day; null: until further orders."
    )
    note = serializers.CharField(allow_blank=True, default="")


class OrderComplianceSerializer(serializers.Serializer):
    on = DayField(help_text="The day the order was complied with.")
    note = serializers.CharField(allow_blank=True, default="")


class CaseNoteAddSerializer(serializers.Serializer):
    written_on = DayField()
    text = serializers.CharField()


class CaseNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseNote
        fields = ["id", "case", "written_on", "text", "created_at"]


class CaseTaskAddSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    assignee = serializers.IntegerField(
        min_value=1, help_text="The user id of the person to do it (staff who can see the case)."
    )
    due_on = DayField()


class CaseTaskDoneSerializer(serializers.Serializer):
    on = DayField()


class CaseTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseTask
        fields = ["id", "case", "title", "assignee", "due_on", "done_on", "created_at"]


class TokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


@extend_schema_field(
    {
        "type": "object",
        "description": "A GeoJSON geometry (RFC 7946) in WGS 84 longitude, latitude.",
        "properties": {"type": {"type": "string"}, "coordinates": {"type": "array"}},
        "required": ["type", "coordinates"],
    }
)
class GeometryField(_GisGeometryField):
    """drf-gis's GeoJSON geometry field, described in the OpenAPI schema (drf-spectacular
    cannot read it outside a GeoFeatureModelSerializer)."""


@extend_schema_field(serializers.IntegerField())
class VisibleId(serializers.PrimaryKeyRelatedField):
    """The id of a record the caller may see; any other id reads as one that does not exist."""

    def __init__(self, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        objects = self.model.objects
        user = self.context["request"].user
        return objects.visible_to(user) if hasattr(objects, "visible_to") else objects.all()


def _visible_ids(model: Any, **kwargs: Any) -> serializers.ManyRelatedField:
    return serializers.ManyRelatedField(child_relation=VisibleId(model), **kwargs)


class CaseCreateSerializer(serializers.Serializer):
    """A new case: the same fields as the page at /cases/new/."""

    case_type = serializers.ChoiceField(CaseType.choices)
    forum_level = serializers.ChoiceField(ForumLevel.choices)
    court_name = serializers.CharField(max_length=200)
    bench = serializers.CharField(max_length=120, allow_blank=True, default="")
    number = DigitsField(max_length=40, help_text="The court's number only, e.g. 364.")
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    filed_on = DayField(required=False, allow_null=True, default=None)
    district = VisibleId(AdminArea, help_text="The district the case is filed under.")
    our_role = serializers.ChoiceField(LegalCase.OurRole.choices)
    parent = VisibleId(LegalCase, required=False, allow_null=True, default=None)
    claims = _visible_ids(Claim, required=False, default=list)
    parcels = _visible_ids(Parcel, required=False, default=list)
    lawyers = _visible_ids(Lawyer, required=False, default=list)
    summary = serializers.CharField(allow_blank=True, default="")
    police_station = serializers.CharField(max_length=120, allow_blank=True, default="")
    police_case_no = DigitsField(max_length=40, allow_blank=True, default="")


class CaseChangeSerializer(serializers.Serializer):
    """A correction to a case (PATCH): any of the fields a person may correct."""

    forum_level = serializers.ChoiceField(ForumLevel.choices, required=False)
    court_name = serializers.CharField(max_length=200, required=False)
    bench = serializers.CharField(max_length=120, allow_blank=True, required=False)
    our_role = serializers.ChoiceField(LegalCase.OurRole.choices, required=False)
    parent = VisibleId(LegalCase, required=False, allow_null=True)
    summary = serializers.CharField(allow_blank=True, required=False)
    cost_bdt = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
    claims = _visible_ids(Claim, required=False)
    parcels = _visible_ids(Parcel, required=False)
    lawyers = _visible_ids(Lawyer, required=False)


class CasePartyAddSerializer(serializers.Serializer):
    role = serializers.ChoiceField(CaseParty.PartyRole.choices)
    side = serializers.ChoiceField(CaseParty.Side.choices)
    name = serializers.CharField(max_length=200, allow_blank=True, default="")
    member = VisibleId(
        Member, required=False, allow_null=True, default=None, help_text="A member of ours."
    )


class CasePartySerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseParty
        fields = ["id", "case", "name", "member", "role", "side"]


class AllocationCreateSerializer(serializers.Serializer):
    """A new allocation: the same fields as the page at /allocations/new/."""

    parcel = VisibleId(Parcel)
    claim = VisibleId(Claim, required=False, allow_null=True, default=None)
    group = VisibleId(LandlessGroup, required=False, allow_null=True, default=None)
    members = _visible_ids(
        Member, required=False, default=list, help_text="Recipients: members of the group."
    )
    area_value = DigitsField(max_length=20, help_text="The settled area as written, e.g. 33.5.")
    area_unit = serializers.CharField(max_length=20, help_text="e.g. decimal, acre, bigha.")
    title = serializers.ChoiceField(
        [("", ""), *Allocation.Title.choices], allow_blank=True, default=""
    )
    settled_to_others = serializers.BooleanField(default=False)
    others_note = serializers.CharField(allow_blank=True, default="")
    names_on_kabuliyat = serializers.CharField(allow_blank=True, default="")
    kabuliyat_no = DigitsField(max_length=40, allow_blank=True, default="")
    kabuliyat_on = DayField(required=False, allow_null=True, default=None)
    deed_registration_no = DigitsField(max_length=40, allow_blank=True, default="")
    registered_on = DayField(required=False, allow_null=True, default=None)
    dcr_no = DigitsField(max_length=40, allow_blank=True, default="")
    mutation_case_no = DigitsField(max_length=40, allow_blank=True, default="")
    approved_on = DayField(required=False, allow_null=True, default=None)
    outside_policy = serializers.BooleanField(
        default=False, help_text="Ignored when members are named: it follows from them."
    )
    held_by = serializers.ChoiceField(Holder.choices, default=Holder.RECIPIENTS)
    held_since = DayField(required=False, allow_null=True, default=None)


class AllocationChangeSerializer(serializers.Serializer):
    """A correction to an allocation (PATCH): any of the fields a person may correct."""

    members = _visible_ids(Member, required=False)
    area_value = DigitsField(max_length=20, required=False)
    area_unit = serializers.CharField(max_length=20, required=False)
    title = serializers.ChoiceField(
        [("", ""), *Allocation.Title.choices], allow_blank=True, required=False
    )
    settled_to_others = serializers.BooleanField(required=False)
    others_note = serializers.CharField(allow_blank=True, required=False)
    names_on_kabuliyat = serializers.CharField(allow_blank=True, required=False)
    kabuliyat_no = DigitsField(max_length=40, allow_blank=True, required=False)
    kabuliyat_on = DayField(required=False, allow_null=True)
    deed_registration_no = DigitsField(max_length=40, allow_blank=True, required=False)
    registered_on = DayField(required=False, allow_null=True)
    dcr_no = DigitsField(max_length=40, allow_blank=True, required=False)
    mutation_case_no = DigitsField(max_length=40, allow_blank=True, required=False)
    approved_on = DayField(required=False, allow_null=True)
    outside_policy = serializers.BooleanField(required=False)


class AllocationHolderSerializer(serializers.Serializer):
    """Who holds the settled land now, and since when."""

    held_by = serializers.ChoiceField(Holder.choices)
    since = DayField()
    note = serializers.CharField(allow_blank=True, default="")


class ClaimCreateSerializer(serializers.Serializer):
    """A new claim: the same fields as the page at /claims/new/."""

    groups = _visible_ids(LandlessGroup, help_text="The landless groups claiming the land.")
    parcels = _visible_ids(Parcel, help_text="The parcels claimed, all in one district.")
    opened_on = DayField(help_text="The day the group identified the land.")
    title = serializers.CharField(max_length=200, allow_blank=True, default="")
    learned_from = serializers.ChoiceField(LearnedFrom.choices, allow_blank=True, default="")
    stage = serializers.ChoiceField(
        Stage.choices,
        default=Stage.IDENTIFIED,
        help_text="The stage the claim has reached, for paper older than the tool.",
    )
    stage_on = DayField(required=False, allow_null=True, default=None)
    number = DigitsField(required=False, allow_blank=True, max_length=40, default="")
    skipped = SkippedStageSerializer(
        many=True,
        required=False,
        default=list,
        help_text="Date and number of each stage before `stage` (after identified).",
    )
    possession = serializers.ChoiceField(Possession.choices, default=Possession.NOT_ENTERED)
    notes = serializers.CharField(allow_blank=True, default="")


class ClaimChangeSerializer(serializers.Serializer):
    """A correction to a claim (PATCH): its title, how the land was found, its numbers and
    notes. Stage, possession, groups and parcels change through their own actions."""

    title = serializers.CharField(max_length=200, allow_blank=True, required=False)
    learned_from = serializers.ChoiceField(LearnedFrom.choices, allow_blank=True, required=False)
    register13_no = DigitsField(max_length=40, allow_blank=True, required=False)
    settlement_case_no = DigitsField(max_length=40, allow_blank=True, required=False)
    kabuliyat_no = DigitsField(max_length=40, allow_blank=True, required=False)
    kabuliyat_on = DayField(required=False, allow_null=True)
    deed_registration_no = DigitsField(max_length=40, allow_blank=True, required=False)
    mutation_case_no = DigitsField(max_length=40, allow_blank=True, required=False)
    new_khatian_no = DigitsField(max_length=40, allow_blank=True, required=False)
    holding_no = DigitsField(max_length=40, allow_blank=True, required=False)
    dcr_no = DigitsField(max_length=40, allow_blank=True, required=False)
    notes = serializers.CharField(allow_blank=True, required=False)


class ClaimMembershipSerializer(serializers.Serializer):
    """The date a group or parcel joined or left the claim, and a note."""

    on = DayField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ClaimGroupAddSerializer(ClaimMembershipSerializer):
    group = VisibleId(LandlessGroup, help_text="The group joining the claim.")


class ClaimParcelAddSerializer(ClaimMembershipSerializer):
    parcel = VisibleId(Parcel, help_text="The parcel joining the claim.")


# Groups and members (issue 19) --------------------------------------------------------------


class GroupCreateSerializer(serializers.Serializer):
    """A new landless group: the same fields as the page at /groups/new/."""

    sex = serializers.ChoiceField(LandlessGroup.Sex.choices, help_text="Women's or men's group.")
    name_bn = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, allow_blank=True, default="")
    village = VisibleId(Village, help_text="A village in one of your districts.")
    formed_on = DayField(required=False, allow_null=True, default=None)
    meeting_day = serializers.ChoiceField(
        LandlessGroup.Weekday.choices, allow_blank=True, default=""
    )
    members_women = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    members_men = serializers.IntegerField(min_value=0, max_value=100000, default=0)


class GroupChangeSerializer(serializers.Serializer):
    """A correction to a group (PATCH): any of the fields a person may correct."""

    sex = serializers.ChoiceField(LandlessGroup.Sex.choices, required=False)
    name_bn = serializers.CharField(max_length=200, required=False)
    name_en = serializers.CharField(max_length=200, allow_blank=True, required=False)
    village = VisibleId(Village, required=False)
    formed_on = DayField(required=False, allow_null=True)
    meeting_day = serializers.ChoiceField(
        LandlessGroup.Weekday.choices, allow_blank=True, required=False
    )
    members_women = serializers.IntegerField(min_value=0, max_value=100000, required=False)
    members_men = serializers.IntegerField(min_value=0, max_value=100000, required=False)


class MemberSerializer(serializers.ModelSerializer):
    """A member by pseudonymous code: names, national ID and phone are never served (they are
    read on the member's page, which logs the reading)."""

    class Meta:
        model = Member
        fields = ["id", "group", "code", "sex", "role", "is_household_head", "spouse"]
        fields += ["priority_category", "joined_on", "landless_status", "landless_checked_on"]
        fields += ["left_on", "left_reason"]


class _MemberFields(serializers.Serializer):
    # Personal data: written, never read back here.
    name_bn = serializers.CharField(max_length=200, allow_blank=True, required=False)
    name_en = serializers.CharField(max_length=200, allow_blank=True, required=False)
    nid = DigitsField(max_length=20, allow_blank=True, required=False)
    phone = DigitsField(max_length=20, allow_blank=True, required=False)


class MemberCreateSerializer(_MemberFields):
    group = VisibleId(LandlessGroup)
    code = DigitsField(max_length=32, help_text="The member's pseudonymous code.")
    sex = serializers.ChoiceField(Member.Sex.choices)
    priority_category = serializers.ChoiceField(PriorityCategory.choices)
    role = serializers.ChoiceField(Member.Role.choices, default=Member.Role.MEMBER)
    is_household_head = serializers.BooleanField(default=False)
    spouse = VisibleId(Member, required=False, allow_null=True, default=None)
    joined_on = DayField(required=False, allow_null=True, default=None)
    landless_status = serializers.ChoiceField(
        Member.Landless.choices, default=Member.Landless.NOT_CHECKED
    )
    landless_checked_on = DayField(required=False, allow_null=True, default=None)


class MemberChangeSerializer(_MemberFields):
    code = DigitsField(max_length=32, required=False)
    sex = serializers.ChoiceField(Member.Sex.choices, required=False)
    priority_category = serializers.ChoiceField(PriorityCategory.choices, required=False)
    role = serializers.ChoiceField(Member.Role.choices, required=False)
    is_household_head = serializers.BooleanField(required=False)
    spouse = VisibleId(Member, required=False, allow_null=True)
    joined_on = DayField(required=False, allow_null=True)
    landless_status = serializers.ChoiceField(Member.Landless.choices, required=False)
    landless_checked_on = DayField(required=False, allow_null=True)


class MemberLeaveSerializer(serializers.Serializer):
    on = DayField(help_text="The day the member left the group.")
    reason = serializers.CharField(allow_blank=True, default="")


# --- issue 19: parcels recorded and corrected over the API -----------------------------


class OtherDagSerializer(serializers.Serializer):
    """A dag of the same land in another survey series."""

    survey = serializers.ChoiceField(SurveySeries.choices)
    dag_no = DigitsField(max_length=20)


class ParcelCreateSerializer(serializers.Serializer):
    """A new parcel: the same fields as the page at /parcels/new/; `geom` is a GeoJSON
    Polygon or MultiPolygon in longitude/latitude, checked and never repaired."""

    mouza = VisibleId(AdminArea, help_text="The mouza the parcel lies in.")
    survey = serializers.ChoiceField(SurveySeries.choices)
    dag_nos = serializers.ListField(child=DigitsField(max_length=20), min_length=1)
    other_dags = OtherDagSerializer(many=True, required=False, default=list)
    land_class = serializers.ChoiceField(LandClass.choices)
    jl_no = DigitsField(max_length=20, allow_blank=True, default="")
    sheet_no = DigitsField(max_length=20, allow_blank=True, default="")
    khatian_no = DigitsField(max_length=40, allow_blank=True, default="")
    register_viii_ref = serializers.CharField(max_length=80, allow_blank=True, default="")
    area_value = serializers.DecimalField(
        max_digits=14, decimal_places=4, required=False, allow_null=True, default=None
    )
    area_unit = serializers.CharField(max_length=20, allow_blank=True, default="")
    geom = GeometryField(required=False, allow_null=True, default=None)
    geom_source = serializers.ChoiceField(GeomSource.choices, allow_blank=True, default="")
    accuracy_m = serializers.FloatField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(allow_blank=True, default="")


class ParcelChangeSerializer(serializers.Serializer):
    """A correction to a parcel (PATCH): any of the fields a person may correct."""

    mouza = VisibleId(AdminArea, required=False)
    survey = serializers.ChoiceField(SurveySeries.choices, required=False)
    dag_nos = serializers.ListField(child=DigitsField(max_length=20), min_length=1, required=False)
    other_dags = OtherDagSerializer(many=True, required=False)
    land_class = serializers.ChoiceField(LandClass.choices, required=False)
    jl_no = DigitsField(max_length=20, allow_blank=True, required=False)
    sheet_no = DigitsField(max_length=20, allow_blank=True, required=False)
    khatian_no = DigitsField(max_length=40, allow_blank=True, required=False)
    register_viii_ref = serializers.CharField(max_length=80, allow_blank=True, required=False)
    area_value = serializers.DecimalField(
        max_digits=14, decimal_places=4, required=False, allow_null=True
    )
    area_unit = serializers.CharField(max_length=20, allow_blank=True, required=False)
    geom = GeometryField(required=False, allow_null=True)
    geom_source = serializers.ChoiceField(GeomSource.choices, required=False)
    accuracy_m = serializers.FloatField(required=False, allow_null=True)
    notes = serializers.CharField(allow_blank=True, required=False)


def parcel_service_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The validated body as the parcel services take it."""
    fields = dict(data)
    if "other_dags" in fields:
        fields["other_dags"] = [(d["survey"], d["dag_no"]) for d in fields["other_dags"]]
    if fields.get("geom") is not None and fields["geom"].srid is None:
        fields["geom"].srid = 4326
    return fields


class IncidentCreateSerializer(serializers.Serializer):
    """A new incident: the same fields as the page at /incidents/new/. `location` is a GeoJSON
    point (longitude, latitude); without it the incident is placed on its parcel. The district
    is the parcel's, claim's or group's when not given. `perpetrators` only for the roles that
    read names."""

    kind = serializers.ChoiceField(Incident.Kind.choices)
    occurred_on = DayField()
    district = VisibleId(AdminArea, required=False, allow_null=True, default=None)
    women_affected = serializers.IntegerField(min_value=0, default=0)
    men_affected = serializers.IntegerField(min_value=0, default=0)
    others_affected = serializers.IntegerField(min_value=0, default=0)
    perpetrators = serializers.CharField(max_length=2000, allow_blank=True, default="")
    police_station = serializers.CharField(max_length=120, allow_blank=True, default="")
    gd_fir_no = DigitsField(max_length=60, allow_blank=True, default="")
    description = serializers.CharField(allow_blank=True, default="")
    location = GeometryField(required=False, allow_null=True, default=None)
    parcel = VisibleId(Parcel, required=False, allow_null=True, default=None)
    group = VisibleId(LandlessGroup, required=False, allow_null=True, default=None)
    claim = VisibleId(Claim, required=False, allow_null=True, default=None)
    legal_case = VisibleId(LegalCase, required=False, allow_null=True, default=None)

    def validate_location(self, value: Any) -> Any:
        if value is not None and value.geom_type != "Point":
            raise serializers.ValidationError("Give a GeoJSON Point.")
        if value is not None and value.srid is None:
            value.srid = 4326
        return value


class IncidentChangeSerializer(IncidentCreateSerializer):
    """A correction to an incident (PATCH): any of its fields but the district."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["district"]
        for field in self.fields.values():
            field.required = False
            field.default = serializers.empty
