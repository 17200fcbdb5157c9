"""Calendar subscriptions and the record of reminders sent, so none is sent twice."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from landclaims.core.scoping import ScopedQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarTokenQuerySet(ScopedQuerySet):
    # A token belongs to a person, not a district: staff see the tokens of their organisation.
    organisation_path = "user__membership__organisation"
    district_path = None


class HearingReminderQuerySet(ScopedQuerySet):
    organisation_path = "hearing__case__organisation"
    district_path = "hearing__case__district"


class OrderReminderQuerySet(ScopedQuerySet):
    organisation_path = "order__case__organisation"
    district_path = "order__case__district"


class CalendarToken(models.Model):
    """The secret in a person's calendar feed URL: one per person, revocable.

    Replacing it writes a new token into the same row, so the old URL stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("user"),
    )
    token = models.CharField(
        max_length=64, unique=True, default=new_token, editable=False, verbose_name=_("token")
    )
    # Not auto_now_add: a replaced token gets a new creation time.
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created")
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked"))

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class HearingReminder(models.Model):
    """One reminder of one hearing date, at one lead time, to one address.

    The row is written before the mail goes out; the unique constraint is what keeps two
    runs (or two workers) from reminding twice. A moved date is a new key, so it is
    reminded again.
    """

    hearing = models.ForeignKey(
        "cases.Hearing", on_delete=models.CASCADE, related_name="+", verbose_name=_("hearing")
    )
    lead_days = models.PositiveSmallIntegerField(verbose_name=_("days before"))
    scheduled_on = models.DateField(verbose_name=_("hearing date"))
    recipient = models.EmailField(verbose_name=_("recipient"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))

    objects = HearingReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("hearing reminder")
        verbose_name_plural = _("hearing reminders")
        ordering = ["-scheduled_on", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "lead_days", "scheduled_on", "recipient"],
                name="hearingreminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing}, {self.lead_days} days before → {self.recipient}"


class OrderReminder(models.Model):
    """One reminder that an interim order runs out on `in_force_until`, to one address."""

    order = models.ForeignKey(
        "cases.InterimOrder", on_delete=models.CASCADE, related_name="+", verbose_name=_("order")
    )
    in_force_until = models.DateField(verbose_name=_("in force until"))
    recipient = models.EmailField(verbose_name=_("recipient"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))

    objects = OrderReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order reminder")
        verbose_name_plural = _("order reminders")
        ordering = ["-in_force_until", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "in_force_until", "recipient"], name="orderreminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} until {self.in_force_until} → {self.recipient}"


class DeadlineReminderQuerySet(ScopedQuerySet):
    organisation_path = "case__organisation"
    district_path = "case__district"


class DeadlineReminder(models.Model):
    """One reminder of one last day to appeal or revise, at one lead time, to one address.

    A last day that moves (a certified copy received later, a new court holiday) is a new
    key, so the new date is reminded again."""

    case = models.ForeignKey(
        "cases.LegalCase", on_delete=models.CASCADE, related_name="+", verbose_name=_("case")
    )
    rule = models.ForeignKey(
        "cases.LimitationRule",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("limitation rule"),
    )
    last_day = models.DateField(verbose_name=_("last day"))
    lead_days = models.PositiveSmallIntegerField(verbose_name=_("days before"))
    recipient = models.EmailField(verbose_name=_("recipient"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))

    objects = DeadlineReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["-last_day", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule", "last_day", "lead_days", "recipient"],
                name="deadlinereminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}, {self.lead_days} days before {self.last_day} → {self.recipient}"


class TaskReminderQuerySet(ScopedQuerySet):
    organisation_path = "task__case__organisation"
    district_path = "task__case__district"


class TaskReminder(models.Model):
    """One reminder of one case task to its assignee: the day before it is due, or once
    when it is overdue. A new due date is a new key, so it is reminded again."""

    class Lead(models.TextChoices):
        TOMORROW = "tomorrow", _("Due tomorrow")
        OVERDUE = "overdue", _("Overdue")

    task = models.ForeignKey(
        "cases.CaseTask", on_delete=models.CASCADE, related_name="+", verbose_name=_("task")
    )
    lead = models.CharField(max_length=8, choices=Lead.choices, verbose_name=_("reminded as"))
    due_on = models.DateField(verbose_name=_("by when"))
    recipient = models.EmailField(verbose_name=_("recipient"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))

    objects = TaskReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("task reminder")
        verbose_name_plural = _("task reminders")
        ordering = ["-due_on", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "lead", "due_on", "recipient"], name="taskreminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} ({self.lead}) → {self.recipient}"
