"""Landless groups and, optionally, their members (sensitive)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from landclaims.core.fields import NameField, name_checks
from landclaims.core.models import TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited
from landclaims.privacy.fields import EncryptedNameField, EncryptedTextField


class GroupQuerySet(ScopedQuerySet):
    district_path = "village__union__district"

    # In an area: the group's village lies in it (its union, or for a mouza, one of the
    # village's mouzas).
    area_paths = ("village__union", "village__mouzas")


class MemberQuerySet(ScopedQuerySet):
    organisation_path = "group__organisation"
    district_path = "group__village__union__district"


@audited()
class LandlessGroup(TimeStampedModel):
    class Sex(models.TextChoices):
        WOMEN = "women", _("Women's group")
        MEN = "men", _("Men's group")

    class Weekday(models.TextChoices):
        # Bangladesh's week starts on Saturday.
        SATURDAY = "sat", _("Saturday")
        SUNDAY = "sun", _("Sunday")
        MONDAY = "mon", _("Monday")
        TUESDAY = "tue", _("Tuesday")
        WEDNESDAY = "wed", _("Wednesday")
        THURSDAY = "thu", _("Thursday")
        FRIDAY = "fri", _("Friday")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("organisation"),
    )
    name_bn = NameField(_("name (Bengali)"), max_length=200)
    name_en = NameField(_("name (romanised)"), max_length=200, blank=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, verbose_name=_("sex"))
    village = models.ForeignKey(
        "places.Village", on_delete=models.PROTECT, related_name="groups", verbose_name=_("village")
    )
    formed_on = models.DateField(null=True, blank=True, verbose_name=_("formed on"))
    members_women = models.PositiveIntegerField(default=0, verbose_name=_("women members"))
    members_men = models.PositiveIntegerField(default=0, verbose_name=_("men members"))
    meeting_day = models.CharField(
        max_length=3, choices=Weekday.choices, blank=True, verbose_name=_("meeting day")
    )
    # Raised by every service write (see core/concurrency.py and the API's If-Match).
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("landless group")
        verbose_name_plural = _("landless groups")
        ordering = ["name_en", "id"]
        constraints = [
            *name_checks("group", "name_bn", "name_en"),
            models.UniqueConstraint(
                fields=["organisation", "village", "name_bn"], name="group_unique_name_in_village"
            ),
            models.CheckConstraint(
                condition=models.Q(sex__in=["women", "men"]), name="group_sex_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_bn

    @property
    def member_count(self) -> int:
        return self.members_women + self.members_men


class PriorityCategory(models.TextChoices):
    """Priority order of the 1997 agricultural khas land policy, plus those it leaves out."""

    FREEDOM_FIGHTER = "freedom_fighter", _("Destitute freedom-fighter family")
    EROSION_VICTIM = "erosion_victim", _("Lost all land to river erosion")
    WIDOW_WITH_SON = "widow_divorcee_with_son", _("Widow or divorcee with an able son")
    NO_LAND = "no_homestead_no_land", _("No homestead and no agricultural land")
    ACQUISITION_DISPLACED = "acquisition_displaced", _("Landless through government acquisition")
    HOMESTEAD_ONLY = "homestead_only", _("Up to 10 decimals of homestead only")
    # The policy excludes these; record them so settlements won outside policy show.
    WIDOW_WITHOUT_SON = "widow_divorcee_without_son", _("Widow or divorcee without an able son")
    OTHER_OUTSIDE_POLICY = "outside_policy", _("Other, outside the policy")


OUTSIDE_POLICY = frozenset(
    {PriorityCategory.WIDOW_WITHOUT_SON, PriorityCategory.OTHER_OUTSIDE_POLICY}
)


@audited()
class Member(TimeStampedModel):
    """A member or household head; identified by a pseudonymous code wherever possible."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        PRESIDENT = "president", _("President")
        SECRETARY = "secretary", _("Secretary")
        CASHIER = "cashier", _("Cashier")

    class Landless(models.TextChoices):
        """Whether the member's landlessness has been checked against the 1997 policy."""

        NOT_CHECKED = "not_checked", _("Not yet checked")
        VERIFIED = "verified", _("Verified landless")
        NOT_ELIGIBLE = "not_eligible", _("Found not landless")

    group = models.ForeignKey(
        LandlessGroup, on_delete=models.PROTECT, related_name="members", verbose_name=_("group")
    )
    code = models.CharField(_("pseudonymous code"), max_length=32)
    # Personal data, encrypted field by field: the columns (and the audit copies of them)
    # hold only Fernet tokens. Read them through the member page, which logs who and why.
    name_bn = EncryptedNameField(_("name (Bengali)"), max_length=200, blank=True)
    name_en = EncryptedNameField(_("name (romanised)"), max_length=200, blank=True)
    nid = EncryptedTextField(_("national ID"), max_length=20, blank=True)
    phone = EncryptedTextField(_("phone"), max_length=20, blank=True)
    sex = models.CharField(max_length=8, choices=Sex.choices, verbose_name=_("sex"))
    is_household_head = models.BooleanField(default=False, verbose_name=_("household head"))
    spouse = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("spouse"),
    )
    priority_category = models.CharField(
        max_length=32, choices=PriorityCategory.choices, verbose_name=_("priority category")
    )
    joined_on = models.DateField(null=True, blank=True, verbose_name=_("joined on"))
    role = models.CharField(
        max_length=12, choices=Role.choices, default=Role.MEMBER, verbose_name=_("role")
    )
    landless_status = models.CharField(
        max_length=16,
        choices=Landless.choices,
        default=Landless.NOT_CHECKED,
        verbose_name=_("landless verification"),
    )
    landless_checked_on = models.DateField(
        null=True, blank=True, verbose_name=_("landlessness checked on")
    )
    # A member who leaves keeps their record (their claims and allocations name them).
    left_on = models.DateField(null=True, blank=True, verbose_name=_("left on"))
    left_reason = models.TextField(blank=True, verbose_name=_("reason for leaving"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="member_unique_code"),
            models.CheckConstraint(
                condition=~models.Q(spouse=models.F("id")), name="member_not_own_spouse"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joining",
            ),
            models.CheckConstraint(
                condition=models.Q(landless_checked_on__isnull=True)
                | ~models.Q(landless_status="not_checked"),
                name="member_check_date_needs_result",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def outside_policy(self) -> bool:
        return self.priority_category in OUTSIDE_POLICY
