"""Group savings: each group pools its own money or rice at its meetings (no microcredit),
and decides together how to use it. The ledger is append-only: a mistake is put right by a
correction entry, never by editing or deleting the entry it corrects."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from landclaims.core.models import TimeStampedModel
from landclaims.core.scoping import ScopedQuerySet
from landclaims.core.tracking import audited


class SavingsMeetingQuerySet(ScopedQuerySet):
    organisation_path = "group__organisation"
    district_path = "group__village__union__district"
    area_paths = ("group__village__union", "group__village__mouzas")


class SavingsEntryQuerySet(ScopedQuerySet):
    organisation_path = "meeting__group__organisation"
    district_path = "meeting__group__village__union__district"
    area_paths = ("meeting__group__village__union", "meeting__group__village__mouzas")


@audited()
class SavingsMeeting(TimeStampedModel):
    """A group's meeting (ALRD's groups meet weekly on Friday with an animator) at which
    savings are collected or used, and the decisions taken on their use."""

    group = models.ForeignKey(
        "groups.LandlessGroup",
        on_delete=models.PROTECT,
        related_name="savings_meetings",
        verbose_name=_("group"),
    )
    met_on = models.DateField(verbose_name=_("meeting date"))
    members_present = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("members present")
    )
    decisions = models.TextField(blank=True, verbose_name=_("decisions on the use of savings"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = SavingsMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings meeting")
        verbose_name_plural = _("savings meetings")
        ordering = ["-met_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "met_on"], name="savings_meeting_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.met_on:%Y-%m-%d}"


@audited()
class SavingsEntry(TimeStampedModel):
    """One line of a group's savings ledger. `change_poisha` is what the entry does to the
    balance (1 taka = 100 poisha): positive for a collection, negative for a withdrawal or an
    investment, either sign for a correction. The balance is their sum."""

    class Kind(models.TextChoices):
        # "Collection" alone is the OGC pages' word for a data collection: the ledger's
        # words carry their own context.
        COLLECTION = "collection", pgettext_lazy("savings", "Collection")
        WITHDRAWAL = "withdrawal", pgettext_lazy("savings", "Withdrawal")
        INVESTMENT = "investment", pgettext_lazy("savings", "Collective investment")
        CORRECTION = "correction", pgettext_lazy("savings", "Correction")

    class Form(models.TextChoices):
        CASH = "cash", _("Cash")
        RICE = "rice", _("Rice")

    meeting = models.ForeignKey(
        SavingsMeeting, on_delete=models.PROTECT, related_name="entries", verbose_name=_("meeting")
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind of entry"))
    form = models.CharField(
        max_length=4, choices=Form.choices, default=Form.CASH, verbose_name=_("saved as")
    )
    change_poisha = models.BigIntegerField(verbose_name=_("change to the balance (poisha)"))
    # Rice saved a handful at a time, weighed and sold among the members: its weight and the
    # price per kg it sold at, from which change_poisha comes.
    rice_kg = models.DecimalField(
        max_digits=9, decimal_places=3, null=True, blank=True, verbose_name=_("rice (kg)")
    )
    rice_price_poisha_per_kg = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("price of rice per kg (poisha)")
    )
    purpose = models.CharField(
        max_length=300, blank=True, verbose_name=_("purpose (withdrawal or investment)")
    )
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("corrects entry"),
    )
    note = models.CharField(max_length=500, blank=True, verbose_name=_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = SavingsEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("savings entry")
        verbose_name_plural = _("savings entries")
        ordering = ["meeting__met_on", "id"]
        # The ledger is append-only in the database too: whatever connects, an entry once
        # written is neither changed nor removed (a correction is a new entry).
        triggers = [
            pgtrigger.Protect(
                name="savings_entry_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="collection", change_poisha__gt=0)
                | Q(kind__in=["withdrawal", "investment"], change_poisha__lt=0)
                | (Q(kind="correction") & ~Q(change_poisha=0)),
                name="savings_entry_sign_follows_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind="correction", corrects__isnull=False, note__gt="")
                | (~Q(kind="correction") & Q(corrects__isnull=True)),
                name="savings_correction_names_entry_and_reason",
            ),
            models.CheckConstraint(
                condition=~Q(corrects=F("id")), name="savings_entry_not_own_correction"
            ),
            models.CheckConstraint(
                condition=Q(
                    form="cash", rice_kg__isnull=True, rice_price_poisha_per_kg__isnull=True
                )
                | Q(form="rice", rice_kg__gt=0, rice_price_poisha_per_kg__gt=0),
                name="savings_rice_has_weight_and_price",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["collection", "correction"]) | ~Q(purpose=""),
                name="savings_use_has_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.change_poisha / 100:.2f}"
