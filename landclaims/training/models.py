"""Training: tiered courses from basic rights awareness to advanced and mixed workshops, and
who attended them, counted by group, by sex and (where recorded) by community."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class TrainingEventQuerySet(ScopedQuerySet):
    district_path = "district"
    area_paths = ("district", "place")


class AttendanceQuerySet(ScopedQuerySet):
    organisation_path = "event__organisation"
    district_path = "event__district"
    area_paths = ("event__district", "event__place")


class Tier(models.TextChoices):
    """In order: a group reaches a tier when its members attend a course of it."""

    BASIC = "basic", _("Basic")
    FOLLOW_UP = "follow_up", _("Follow-up")
    ADVANCED = "advanced", _("Advanced")
    MIXED = "mixed", _("Mixed workshop (women and men)")


TIER_ORDER = [Tier.BASIC, Tier.FOLLOW_UP, Tier.ADVANCED, Tier.MIXED]


class Topic(models.TextChoices):
    RIGHTS_AWARENESS = "rights_awareness", _("Rights awareness")
    KHAS_LAND = "khas_land", _("Khas land law and settlement")
    VIOLENCE_AGAINST_WOMEN = "violence_against_women", _("Violence against women")
    GENDER = "gender", _("Gender equality")
    LEADERSHIP = "leadership", _("Leadership and organising")
    LEGAL_AID = "legal_aid", _("Legal aid and the courts")
    SAVINGS = "savings", _("Savings and accounts")
    COOPERATIVE = "cooperative", _("Cooperative management")
    SAFETY_NETS = "safety_nets", _("Social safety nets")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    AGRICULTURE = "agriculture", _("Sustainable agriculture")
    OTHER = "other", _("Other")


class Community(models.TextChoices):
    NOT_RECORDED = "", _("Not recorded")
    BENGALI = "bengali", _("Bengali")
    ADIVASI = "adivasi", _("Adivasi (indigenous)")
    DALIT = "dalit", _("Dalit")
    OTHER = "other", _("Other")


@audited()
class TrainingEvent(DistrictRecord):
    title = models.CharField(max_length=200, verbose_name=_("title"))
    title_bn = models.CharField(max_length=200, blank=True, verbose_name=_("title (Bengali)"))
    tier = models.CharField(max_length=12, choices=Tier.choices, verbose_name=_("tier"))
    topics = ArrayField(
        models.CharField(max_length=32, choices=Topic.choices),
        default=list,
        blank=True,
        verbose_name=_("topics"),
    )
    started_on = models.DateField(verbose_name=_("from"))
    ended_on = models.DateField(verbose_name=_("to"))
    place = models.ForeignKey(
        "places.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    venue = models.CharField(max_length=200, blank=True, verbose_name=_("venue"))
    facilitator = models.CharField(max_length=200, blank=True, verbose_name=_("facilitator"))
    groups = models.ManyToManyField(
        "groups.LandlessGroup",
        through="GroupAttendance",
        related_name="training_events",
        verbose_name=_("groups attending"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__gte=F("started_on")), name="training_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(tier__in=[tier.value for tier in TIER_ORDER]),
                name="training_tier_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GroupAttendance(models.Model):
    """How many of a group's people came, by sex, and by community where it is recorded (one
    row per group and community)."""

    event = models.ForeignKey(
        TrainingEvent,
        on_delete=models.CASCADE,
        related_name="group_attendance",
        verbose_name=_("training"),
    )
    group = models.ForeignKey(
        "groups.LandlessGroup",
        on_delete=models.PROTECT,
        related_name="training_attendance",
        verbose_name=_("group"),
    )
    community = models.CharField(
        max_length=12, choices=Community.choices, blank=True, verbose_name=_("community")
    )
    women = models.PositiveIntegerField(default=0, verbose_name=_("women"))
    men = models.PositiveIntegerField(default=0, verbose_name=_("men"))
    others = models.PositiveIntegerField(default=0, verbose_name=_("others"))

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("group attendance")
        verbose_name_plural = _("group attendance")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "group", "community"], name="attendance_group_once"
            ),
            models.CheckConstraint(
                condition=Q(women__gt=0) | Q(men__gt=0) | Q(others__gt=0),
                name="attendance_someone_came",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} @ {self.event}"

    @property
    def total(self) -> int:
        return self.women + self.men + self.others


class MemberAttendance(models.Model):
    """A named member at a training: their training history and the tier they reached."""

    event = models.ForeignKey(
        TrainingEvent,
        on_delete=models.CASCADE,
        related_name="member_attendance",
        verbose_name=_("training"),
    )
    member = models.ForeignKey(
        "groups.Member",
        on_delete=models.PROTECT,
        related_name="training_attendance",
        verbose_name=_("member"),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("member attendance")
        verbose_name_plural = _("member attendance")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="attendance_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.event}"
