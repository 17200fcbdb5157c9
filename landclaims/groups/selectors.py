"""Reads of landless groups and members, every one starting from what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from landclaims.core.display import bangla_active, place_name
from landclaims.core.permissions import GROUP_NAME_READERS, has_role
from landclaims.core.scoping import scope_for
from landclaims.core.text import bengali_digits, name_contains
from landclaims.groups.models import LandlessGroup, Member
from landclaims.places.models import AdminArea, Village


def group_list(*, user: Any, area: Any = None, search: str = "") -> QuerySet[LandlessGroup]:
    groups = LandlessGroup.objects.visible_to(user).select_related("village__union")
    if area is not None:
        groups = groups.in_area(area)
    if search:
        groups = groups.filter(name_contains(("name_bn", "name_en"), search))
    return groups


def group_district_list(*, user: Any) -> QuerySet[AdminArea]:
    """The districts of the groups the user may see, for the list's district filter."""
    districts = LandlessGroup.objects.visible_to(user).values("village__union__district")
    return AdminArea.objects.filter(pk__in=districts).order_by("name_en")


def group_get(*, user: Any, pk: int) -> LandlessGroup:
    return LandlessGroup.objects.visible_to(user).get(pk=pk)


def member_list(*, user: Any, group: LandlessGroup | None = None) -> QuerySet[Member]:
    members = Member.objects.visible_to(user)
    if group is not None:
        members = members.filter(group=group)
    return members


def member_list_for_group(*, user: Any, group: LandlessGroup) -> QuerySet[Member]:
    """The group's members by code, for roles that may see people (none for the others).

    Only the pseudonymous columns are loaded: listing decrypts nobody's name."""
    if not has_role(user, GROUP_NAME_READERS):
        return Member.objects.none()
    fields = ("pk", "code", "sex", "is_household_head", "priority_category", "group_id", "role",
              "left_on")  # fmt: skip
    return member_list(user=user, group=group).only(*fields)


PERSONAL_FIELDS = ("name_bn", "name_en", "nid", "phone")


def member_get(*, user: Any, pk: int, personal: bool = False) -> Member:
    """One member, for roles that may see people; Member.DoesNotExist for anyone else, so a
    monitor or viewer cannot tell a member id from a missing one.

    The encrypted personal fields are loaded (decrypted) only when `personal` is true: the
    caller has logged the read (privacy.services.read_log)."""
    if not has_role(user, GROUP_NAME_READERS):
        raise Member.DoesNotExist
    members = Member.objects.visible_to(user).select_related("group__village__union")
    if not personal:
        members = members.defer(*PERSONAL_FIELDS)
    return members.get(pk=pk)


# Counts by sex: the members recorded, or the typed counts --------------------------------


def _current_members(sex: str | None = None) -> Subquery:
    """How many of the group's members have not left (of one sex, if given)."""
    members = Member.objects.filter(group=OuterRef("pk"), left_on__isnull=True)
    if sex is not None:
        members = members.filter(sex=sex)
    counted = members.order_by().values("group").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_member_counts(groups: QuerySet[LandlessGroup]) -> QuerySet[LandlessGroup]:
    """`groups` with the counts the pages, the API and the dashboard show: `counted_women`
    and `counted_men` are the current members recorded when the group has any, else the
    counts typed on the group (`members_women`, `members_men`); `recorded_*` are the members
    recorded, whatever the typed counts say."""
    groups = groups.annotate(
        recorded_women=_current_members(Member.Sex.FEMALE),
        recorded_men=_current_members(Member.Sex.MALE),
        recorded_total=_current_members(),
    )
    return groups.annotate(
        counted_women=Case(
            When(recorded_total__gt=0, then=F("recorded_women")),
            default=F("members_women"),
            output_field=IntegerField(),
        ),
        counted_men=Case(
            When(recorded_total__gt=0, then=F("recorded_men")),
            default=F("members_men"),
            output_field=IntegerField(),
        ),
    )


@dataclass(frozen=True)
class CountMismatch:
    sex: str  # "women" or "men"
    typed: int
    recorded: int


@dataclass(frozen=True)
class GroupCounts:
    """A group's members by sex, and where the numbers come from."""

    women: int
    men: int
    other: int  # recorded members of another sex (never typed)
    typed_women: int
    typed_men: int
    recorded: bool  # True: counted from the member records; False: the typed counts

    @property
    def total(self) -> int:
        return self.women + self.men + self.other

    @property
    def mismatches(self) -> list[CountMismatch]:
        """Where the typed counts and the recorded members disagree (both must exist)."""
        if not self.recorded or self.typed_women + self.typed_men == 0:
            return []
        pairs = (("women", self.typed_women, self.women), ("men", self.typed_men, self.men))
        return [CountMismatch(sex, typed, found) for sex, typed, found in pairs if typed != found]


def group_counts_of(group: LandlessGroup) -> GroupCounts:
    """The counts of a group loaded through `with_member_counts`."""
    recorded = group.recorded_total > 0  # type: ignore[attr-defined]
    return GroupCounts(
        women=group.counted_women,  # type: ignore[attr-defined]
        men=group.counted_men,  # type: ignore[attr-defined]
        other=group.recorded_total - group.recorded_women - group.recorded_men  # type: ignore[attr-defined]
        if recorded
        else 0,
        typed_women=group.members_women,
        typed_men=group.members_men,
        recorded=recorded,
    )


def group_counts(*, user: Any, group: LandlessGroup) -> GroupCounts:
    """One group's counts by sex (LandlessGroup.DoesNotExist when the user may not see it)."""
    groups = with_member_counts(LandlessGroup.objects.visible_to(user).filter(pk=group.pk))
    return group_counts_of(groups.get())


def group_leader_list(*, user: Any, group: LandlessGroup) -> QuerySet[Member]:
    """The group's current office-holders (any role but member), by code, for roles that may
    see people; none for the others."""
    return (
        member_list_for_group(user=user, group=group)
        .filter(left_on__isnull=True)
        .exclude(role=Member.Role.MEMBER)
        .only("pk", "code", "role", "sex", "group_id")
    )


def member_table(*, user: Any, group: LandlessGroup) -> QuerySet[Member]:
    """The members page's rows (codes, never names: listing decrypts nobody), current first;
    none for roles that may not see people."""
    if not has_role(user, GROUP_NAME_READERS):
        return Member.objects.none()
    fields = ("pk", "code", "sex", "role", "is_household_head", "priority_category",
              "landless_status", "landless_checked_on", "joined_on", "left_on", "group_id",
              "version")  # fmt: skip
    return (
        member_list(user=user, group=group)
        .only(*fields)
        .order_by(F("left_on").desc(nulls_first=True), "code")
    )


def village_in_scope_list(*, user: Any) -> QuerySet[Village]:
    """The villages a person may register a group in: those of their districts (all, for
    people whose membership names no district)."""
    scope = scope_for(user)
    villages = Village.objects.select_related("union__district")
    if scope is None:
        return villages.none()
    if scope.district_ids is not None:
        villages = villages.filter(union__district_id__in=scope.district_ids)
    return villages


def village_search(*, user: Any, text: str) -> QuerySet[Village]:
    """Villages in the user's districts whose Bengali or English name contains `text`, for
    the group form's village picker (never the whole list of villages)."""
    text = text.strip()
    if not text:
        return Village.objects.none()
    villages = village_in_scope_list(user=user)
    return villages.filter(name_contains(("name_bn", "name_en"), text)).order_by("name_en", "pk")


# A group's label for readers who may not read its name --------------------------------
#
# "Women's group, Amgachha": its kind and its village in the reader's language, never its
# database id. When the organisation has several groups of that kind in the village, each
# gets a stable ordinal, counted in the order they were registered ("Women's group 2,
# Amgachha"). Counted within the group's organisation, so the label does not reveal another
# organisation's groups and reads the same to every reader who sees the group.


def _same_kind() -> QuerySet[LandlessGroup]:
    """The groups of the outer group's organisation, village and kind, for a Subquery."""
    return LandlessGroup.objects.filter(
        organisation=OuterRef("organisation"), village=OuterRef("village"), sex=OuterRef("sex")
    ).order_by()


def with_labels(groups: QuerySet[LandlessGroup]) -> QuerySet[LandlessGroup]:
    """`groups` with what `group_label` needs, in the same query: `kind_ordinal` (1 for the
    first registered of its kind in its village) and `kind_count` (how many there are)."""
    ordinal = _same_kind().filter(pk__lte=OuterRef("pk")).values("sex").annotate(n=Count("pk"))
    count = _same_kind().values("sex").annotate(n=Count("pk"))
    return groups.select_related("village").annotate(
        kind_ordinal=Subquery(ordinal.values("n"), output_field=IntegerField()),
        kind_count=Subquery(count.values("n"), output_field=IntegerField()),
    )


def _kind_position(group: LandlessGroup) -> tuple[int, int]:
    """(ordinal, count) among the groups of its organisation, village and kind; read from
    `with_labels`' annotations when present, else counted once and kept on the instance."""
    ordinal = getattr(group, "kind_ordinal", None)
    count = getattr(group, "kind_count", None)
    if ordinal is None or count is None:
        same = LandlessGroup.objects.filter(
            organisation_id=group.organisation_id, village_id=group.village_id, sex=group.sex
        )
        found = same.aggregate(count=Count("pk"), ordinal=Count("pk", filter=Q(pk__lte=group.pk)))
        ordinal, count = found["ordinal"], found["count"]
        group.kind_ordinal, group.kind_count = ordinal, count  # type: ignore[attr-defined]
    return int(ordinal or 1), int(count or 1)


def group_label(group: LandlessGroup) -> str:
    """What pages, the API and exports show for a group to a reader who may not read its
    name: "Women's group, Amgachha", or "Men's group 2, Amgachha" when its organisation has
    several groups of that kind in the village. No database id."""
    ordinal, count = _kind_position(group)
    village = place_name(group.village)
    if count > 1:
        number = bengali_digits(str(ordinal)) if bangla_active() else str(ordinal)
        if group.sex == LandlessGroup.Sex.MEN:
            return _("Men's group %(n)s, %(village)s") % {"n": number, "village": village}
        return _("Women's group %(n)s, %(village)s") % {"n": number, "village": village}
    if group.sex == LandlessGroup.Sex.MEN:
        return _("Men's group, %(village)s") % {"village": village}
    return _("Women's group, %(village)s") % {"village": village}
