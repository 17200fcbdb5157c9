"""Members elected or nominated to public bodies: Union Parishad standing committees, khas
land committees, school committees and shalish panels."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from landclaims.core.models import TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class SeatQuerySet(ScopedQuerySet):
    organisation_path = "member__group__organisation"
    district_path = "member__group__village__union__district"
    area_paths = ("member__group__village__union", "area")


@audited()
class Seat(TimeStampedModel):
    """A member's seat on a body, from one date to another (open while they hold it)."""

    class Body(models.TextChoices):
        UP_STANDING_COMMITTEE = "up_standing_committee", _("Union Parishad standing committee")
        UNION_PARISHAD = "union_parishad", _("Union Parishad")
        KHAS_LAND_COMMITTEE = "khas_land_committee", _("Khas land committee")
        SCHOOL_COMMITTEE = "school_committee", _("School management committee")
        SHALISH_PANEL = "shalish_panel", _("Shalish panel")
        OTHER = "other", _("Other body")

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")
        OTHER = "other", _("Other")

    class How(models.TextChoices):
        ELECTED = "elected", _("Elected")
        NOMINATED = "nominated", _("Nominated")

    member = models.ForeignKey(
        "groups.Member", on_delete=models.PROTECT, related_name="seats", verbose_name=_("member")
    )
    body = models.CharField(max_length=24, choices=Body.choices, verbose_name=_("body"))
    body_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("name of the body or committee")
    )
    area = models.ForeignKey(
        "places.AdminArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("union or upazila"),
    )
    position = models.CharField(
        max_length=12, choices=Position.choices, default=Position.MEMBER, verbose_name=_("position")
    )
    how = models.CharField(
        max_length=10, choices=How.choices, verbose_name=_("elected or nominated")
    )
    from_on = models.DateField(verbose_name=_("from"))
    to_on = models.DateField(null=True, blank=True, verbose_name=_("to"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = SeatQuerySet.as_manager()

    class Meta:
        verbose_name = _("seat on a public body")
        verbose_name_plural = _("seats on public bodies")
        ordering = ["-from_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_on__isnull=True) | Q(to_on__gte=F("from_on")),
                name="seat_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(body="other") | ~Q(body_name=""), name="seat_other_body_named"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} - {self.get_body_display()}"
