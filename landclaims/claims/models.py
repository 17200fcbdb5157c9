"""Claims: landless groups pursuing khas parcels through settlement, and every change to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from landclaims.claims.stages import Possession, Stage
from landclaims.core.display import bangla_active, place_name
from landclaims.core.models import DistrictRecord
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.text import bengali_digits
from landclaims.core.tracking import audited


class ClaimQuerySet(ScopedQuerySet):
    district_path = "district"

    # In an area: a parcel of the claim lies in it.
    area_paths = ("parcels__mouza",)


class ClaimEventQuerySet(ScopedQuerySet):
    organisation_path = "claim__organisation"
    district_path = "claim__district"


class LearnedFrom(models.TextChoices):
    """How the group came to know the land was khas."""

    GROUP_SURVEY = "group_survey", _("The group's own search of the records")
    KHAS_LIST = "khas_list", _("The land office's khas land list")
    LOCAL_KNOWLEDGE = "local_knowledge", _("Local knowledge")
    ORGANISER = "organiser", _("An organiser or partner organisation")
    PUBLIC_NOTICE = "public_notice", _("A public notice")
    OTHER = "other", _("Other")


@audited()
class Claim(DistrictRecord):
    """One or more groups claiming one or more parcels.

    Settlement stage and possession move independently: groups often hold land for
    decades before any paper moves, and lose it after the paper is won.
    """

    title = models.CharField(max_length=200, blank=True, verbose_name=_("title"))
    groups = models.ManyToManyField("groups.LandlessGroup", related_name="claims")
    parcels = models.ManyToManyField("parcels.Parcel", related_name="claims")
    opened_on = models.DateField(verbose_name=_("opened on"))
    learned_from = models.CharField(
        max_length=24,
        choices=LearnedFrom.choices,
        blank=True,
        verbose_name=_("how the group learned of the land"),
    )
    stage = models.CharField(
        max_length=32, choices=Stage.choices, default=Stage.IDENTIFIED, verbose_name=_("stage")
    )
    stage_since = models.DateField(verbose_name=_("at this stage since"))
    # Where a returned or held claim paused, so it resumes there.
    resume_stage = models.CharField(
        max_length=32, choices=Stage.choices, blank=True, verbose_name=_("stage to resume")
    )
    possession = models.CharField(
        max_length=24,
        choices=Possession.choices,
        default=Possession.NOT_ENTERED,
        verbose_name=_("possession"),
    )
    possession_since = models.DateField(verbose_name=_("in possession since"))
    register13_no = models.CharField(_("Register-13 no."), max_length=40, blank=True)
    settlement_case_no = models.CharField(_("settlement case no."), max_length=40, blank=True)
    kabuliyat_no = models.CharField(_("kabuliyat no."), max_length=40, blank=True)
    kabuliyat_on = models.DateField(_("kabuliyat date"), null=True, blank=True)
    deed_registration_no = models.CharField(_("deed registration no."), max_length=40, blank=True)
    mutation_case_no = models.CharField(_("mutation case no."), max_length=40, blank=True)
    new_khatian_no = models.CharField(_("new khatian no."), max_length=40, blank=True)
    holding_no = models.CharField(_("holding no."), max_length=40, blank=True)
    dcr_no = models.CharField(_("DCR no."), max_length=40, blank=True)
    notes = models.TextField(blank=True, verbose_name=_("notes"))
    # Raised by every service write; a form carries the version it was loaded at, and a save
    # from an older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["-updated_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "district", "stage"]),
            # The claims list's order (selectors.claim_list_rows): its first page reads 50
            # index entries instead of sorting every claim the user may see.
            models.Index(fields=["-stage_since", "id"], name="claim_latest_stage_first"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="claim_stage_known"
            ),
            models.CheckConstraint(
                condition=models.Q(possession__in=Possession.values), name="claim_possession_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(stage__in=["returned_for_correction", "on_hold_litigation"])
                | ~models.Q(resume_stage=""),
                name="claim_paused_knows_resume_stage",
            ),
            models.CheckConstraint(
                condition=models.Q(stage_since__gte=models.F("opened_on")),
                name="claim_stage_not_before_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title or claim_label(self.pk)


def claim_label(number: object) -> str:
    """How a claim without a title is named, in the reader's language and digits ("Claim 68",
    "দাবি ৬৮"): the one rule every page, popup and message uses (through `str(claim)`)."""
    digits = bengali_digits(str(number)) if bangla_active() else str(number)
    return gettext("Claim %(number)s") % {"number": digits}


class ClaimEvent(models.Model):
    """A dated change of a claim's stage or possession; never edited, only added."""

    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage")
        POSSESSION = "possession", _("Possession")
        # A group or parcel joining or leaving the claim: `group` or `parcel` names it.
        GROUP_ADDED = "group_added", _("Group added")
        GROUP_REMOVED = "group_removed", _("Group removed")
        PARCEL_ADDED = "parcel_added", _("Parcel added")
        PARCEL_REMOVED = "parcel_removed", _("Parcel removed")

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="events", verbose_name=_("claim")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("kind of event"))
    group = models.ForeignKey(
        "groups.LandlessGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("group"),
    )
    parcel = models.ForeignKey(
        "parcels.Parcel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("parcel"),
    )
    from_value = models.CharField(max_length=32, blank=True, verbose_name=_("from"))
    to_value = models.CharField(max_length=32, verbose_name=_("to"))
    happened_on = models.DateField(verbose_name=_("date"))
    # The number this stage produced (Register-13 no., kabuliyat no., DCR no., ...).
    number = models.CharField(max_length=40, blank=True, verbose_name=_("number"))
    note = models.TextField(blank=True, verbose_name=_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    objects = ClaimEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["happened_on", "id"]
        indexes = [models.Index(fields=["claim", "kind", "happened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_value=models.F("to_value")),
                name="claimevent_changes_something",
            ),
            # A membership event names exactly the group or the parcel it is about.
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["group_added", "group_removed"],
                    group__isnull=False,
                    parcel__isnull=True,
                )
                | models.Q(
                    kind__in=["parcel_added", "parcel_removed"],
                    group__isnull=True,
                    parcel__isnull=False,
                )
                | models.Q(
                    kind__in=["stage", "possession"], group__isnull=True, parcel__isnull=True
                ),
                name="claimevent_membership_names_its_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.happened_on}: {self.from_value or '—'} → {self.to_value}"

    MEMBERSHIP_KINDS = frozenset({"group_added", "group_removed", "parcel_added", "parcel_removed"})

    @property
    def is_membership(self) -> bool:
        """A group or parcel joining or leaving the claim (`group` or `parcel` names it)."""
        return self.kind in self.MEMBERSHIP_KINDS

    @property
    def from_label(self) -> str:
        if self.is_membership:
            return ""
        return self._label(self.from_value)

    @property
    def to_label(self) -> str:
        # A membership event's "to" is the kind of change; which group or parcel is `label`'s
        # (a group's name is not for every reader: pages show it by `show_names`).
        if self.is_membership:
            return str(self.get_kind_display())
        return self._label(self.to_value)

    @property
    def subject(self) -> str:
        """The group (by name) or parcel (mouza, survey and dags) a membership event is
        about; never an id."""
        if self.group_id is not None and self.group is not None:
            group = self.group
            return f"{group.name_bn} ({group.name_en})" if group.name_en else group.name_bn
        if self.parcel_id is not None and self.parcel is not None:
            parcel = self.parcel
            return _("%(mouza)s, %(survey)s dag %(dags)s") % {
                "mouza": place_name(parcel.mouza),
                "survey": parcel.get_survey_display(),
                "dags": parcel.dag_display,
            }
        return ""

    @property
    def label(self) -> str:
        """What happened, in words: "Parcel added: Bil Kuralia, RS dag 12" or
        "Stage: Identified → Application filed"."""
        if self.is_membership:
            return f"{self.get_kind_display()}: {self.subject}"
        return f"{self.get_kind_display()}: {self.from_label or '—'} → {self.to_label}"

    def _label(self, value: str) -> str:
        choices = Stage if self.kind == self.Kind.STAGE else Possession
        return str(choices(value).label) if value in choices.values else value
