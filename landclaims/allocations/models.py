"""Allocations: what a settlement gave, to whom, and on which kabuliyat."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from landclaims.core.models import TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class AllocationQuerySet(ScopedQuerySet):
    district_path = "parcel__mouza__district"

    # In an area: the allocated parcel lies in it.
    area_paths = ("parcel__mouza",)


class Holder(models.TextChoices):
    """Who holds the settled land now: paper title and possession part ways."""

    RECIPIENTS = "recipients", _("The recipients")
    OTHER_LANDLESS = "other_landless", _("Another landless family")
    ENCROACHER = "encroacher", _("An encroacher")
    LAND_OFFICE = "land_office", _("The land office (resumed)")
    NOT_KNOWN = "not_known", _("Not known")


@audited()
class Allocation(TimeStampedModel):
    class Title(models.TextChoices):
        JOINT = "joint", _("Joint, husband and wife")
        SINGLE_WOMAN = "single_woman", _("Single, woman")
        SINGLE_MAN = "single_man", _("Single, man")
        GROUP = "group", _("Group")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("organisation"),
    )
    claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("claim"),
    )
    parcel = models.ForeignKey(
        "parcels.Parcel",
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("parcel"),
    )
    group = models.ForeignKey(
        "groups.LandlessGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
        verbose_name=_("group"),
    )
    members = models.ManyToManyField("groups.Member", blank=True, related_name="allocations")
    # The land went to someone else (an ineligible person, a grabber's nominee).
    settled_to_others = models.BooleanField(default=False, verbose_name=_("settled to others"))
    others_note = models.TextField(blank=True, verbose_name=_("note on the others"))
    area_value = models.DecimalField(
        max_digits=14, decimal_places=4, verbose_name=_("area (as recorded)")
    )
    area_unit = models.CharField(max_length=20, verbose_name=_("unit of the recorded area"))
    area_unit_m2 = models.DecimalField(
        max_digits=20, decimal_places=10, verbose_name=_("square metres per unit")
    )
    area_m2 = models.DecimalField(_("settled area (m²)"), max_digits=16, decimal_places=2)
    title = models.CharField(
        max_length=16, choices=Title.choices, blank=True, verbose_name=_("kind of title")
    )
    names_on_kabuliyat = models.TextField(blank=True, verbose_name=_("names on the kabuliyat"))
    kabuliyat_no = models.CharField(_("kabuliyat no."), max_length=40, blank=True)
    kabuliyat_on = models.DateField(null=True, blank=True, verbose_name=_("kabuliyat date"))
    dcr_no = models.CharField(_("DCR no."), max_length=40, blank=True)
    approved_on = models.DateField(null=True, blank=True, verbose_name=_("approved on"))
    registered_on = models.DateField(null=True, blank=True, verbose_name=_("registered on"))
    deed_registration_no = models.CharField(_("deed registration no."), max_length=40, blank=True)
    mutation_case_no = models.CharField(_("mutation case no."), max_length=40, blank=True)
    held_by = models.CharField(
        max_length=16,
        choices=Holder.choices,
        default=Holder.RECIPIENTS,
        verbose_name=_("who holds the land now"),
    )
    held_since = models.DateField(null=True, blank=True, verbose_name=_("held by them since"))
    holding_note = models.TextField(blank=True, verbose_name=_("note on who holds the land"))
    # Won for members the 1997 policy excludes (e.g. widows without an able son).
    outside_policy = models.BooleanField(default=False, verbose_name=_("outside the policy"))

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = AllocationQuerySet.as_manager()

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["-approved_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_m2__gt=0), name="allocation_area_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(settled_to_others=True) | ~models.Q(title=""),
                name="allocation_ours_has_title",
            ),
            models.CheckConstraint(
                condition=models.Q(settled_to_others=False) | models.Q(group__isnull=True),
                name="allocation_to_others_has_no_group",
            ),
            models.CheckConstraint(
                condition=models.Q(registered_on__isnull=True)
                | models.Q(kabuliyat_on__isnull=True)
                | models.Q(registered_on__gte=models.F("kabuliyat_on")),
                name="allocation_registered_after_kabuliyat",
            ),
        ]

    def __str__(self) -> str:
        # Named by its parcel, as people know it; never by its database id.
        return gettext("Allocation on %(parcel)s") % {"parcel": self.parcel}
