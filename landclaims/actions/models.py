"""The groups' public action: sit-ins, rallies, human chains, memoranda, meetings with
officials, shalish, and watchdog work on the state's social safety nets."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class ActionQuerySet(ScopedQuerySet):
    district_path = "district"
    area_paths = ("district", "place")


class SafetyNetCheckQuerySet(ScopedQuerySet):
    district_path = "district"
    area_paths = ("union",)


@audited()
class Action(DistrictRecord):
    class Kind(models.TextChoices):
        SIT_IN = "sit_in", _("Sit-in")
        RALLY = "rally", _("Rally")
        HUMAN_CHAIN = "human_chain", _("Human chain")
        MEMORANDUM = "memorandum", _("Memorandum")
        MEETING_OFFICIALS = "meeting_officials", _("Meeting with officials")
        SHALISH = "shalish", _("Shalish attended")
        WATCHDOG_VISIT = "watchdog_visit", _("Watchdog visit")
        OTHER = "other", _("Other")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("No answer yet")
        MET = "met", _("Demands met")
        PARTLY_MET = "partly_met", _("Demands partly met")
        NOT_MET = "not_met", _("Demands refused")

    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind of action"))
    took_place_on = models.DateField(verbose_name=_("date"))
    place = models.ForeignKey(
        "places.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place"),
    )
    venue = models.CharField(
        max_length=200, blank=True, verbose_name=_("venue (e.g. the UNO's office)")
    )
    groups = models.ManyToManyField(
        "groups.LandlessGroup", related_name="actions", verbose_name=_("groups")
    )
    women = models.PositiveIntegerField(default=0, verbose_name=_("women taking part"))
    men = models.PositiveIntegerField(default=0, verbose_name=_("men taking part"))
    others = models.PositiveIntegerField(default=0, verbose_name=_("others taking part"))
    authority = models.CharField(max_length=200, blank=True, verbose_name=_("authority addressed"))
    demands = models.TextField(blank=True, verbose_name=_("demands"))
    outcome = models.CharField(
        max_length=12, choices=Outcome.choices, default=Outcome.PENDING, verbose_name=_("outcome")
    )
    outcome_note = models.TextField(blank=True, verbose_name=_("what came of it"))
    claims = models.ManyToManyField(
        "claims.Claim", blank=True, related_name="actions", verbose_name=_("claims")
    )
    cases = models.ManyToManyField(
        "cases.LegalCase", blank=True, related_name="actions", verbose_name=_("court cases")
    )
    incidents = models.ManyToManyField(
        "incidents.Incident", blank=True, related_name="actions", verbose_name=_("incidents")
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-took_place_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.took_place_on:%Y-%m-%d}"

    @property
    def people(self) -> int:
        return self.women + self.men + self.others


@audited()
class SafetyNetCheck(DistrictRecord):
    """A watchdog check of one social safety-net programme in one union: who was listed, who
    was paid, what went wrong, what the group did about it and what came of it."""

    class Programme(models.TextChoices):
        VGD = "vgd", _("VGD (Vulnerable Group Development)")
        VGF = "vgf", _("VGF (Vulnerable Group Feeding)")
        OLD_AGE = "old_age", _("Old-age allowance")
        WIDOW = "widow", _("Widow and deserted women's allowance")
        DISABILITY = "disability", _("Disability allowance")
        MATERNITY = "maternity", _("Maternity allowance")
        EGPP = "egpp", _("Employment generation (EGPP)")
        FOOD_FOR_WORK = "food_for_work", _("Food for work (Kabikha)")
        KHAS_ALLOCATION = "khas_allocation", _("Khas land allocation")
        OTHER = "other", _("Other programme")

    union = models.ForeignKey(
        "places.AdminArea",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level__in": ["union", "paurashava"]},
        verbose_name=_("union"),
    )
    programme = models.CharField(
        max_length=20, choices=Programme.choices, verbose_name=_("programme")
    )
    checked_on = models.DateField(verbose_name=_("checked on"))
    checked = models.TextField(verbose_name=_("what was checked"))
    irregularities_found = models.BooleanField(
        default=False, verbose_name=_("irregularities found")
    )
    irregularities = models.TextField(blank=True, verbose_name=_("irregularities"))
    people_wrongly_left_out = models.PositiveIntegerField(
        default=0, verbose_name=_("eligible people left out")
    )
    action_taken = models.TextField(blank=True, verbose_name=_("action taken"))
    outcome = models.TextField(blank=True, verbose_name=_("outcome"))
    groups = models.ManyToManyField(
        "groups.LandlessGroup",
        blank=True,
        related_name="safety_net_checks",
        verbose_name=_("groups"),
    )
    action = models.ForeignKey(
        Action,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="safety_net_checks",
        verbose_name=_("watchdog visit"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = SafetyNetCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("safety-net check")
        verbose_name_plural = _("safety-net checks")
        ordering = ["-checked_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(irregularities_found=False) | ~Q(irregularities=""),
                name="safety_net_irregularities_described",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} {self.checked_on:%Y-%m-%d}"
