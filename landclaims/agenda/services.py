"""Writes for the agenda: feed tokens, and the reminders mailed before hearings and expiries."""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from landclaims.agenda.models import (
    CalendarToken,
    DeadlineReminder,
    HearingReminder,
    OrderReminder,
    TaskReminder,
    new_token,
)
from landclaims.agenda.selectors import (
    case_task_list_to_remind,
    deadline_list_due,
    hearing_list_due_on,
    interim_order_list_expiring,
)
from landclaims.cases.models import CaseTask, Hearing, InterimOrder, LegalCase
from landclaims.cases.selectors import Deadline
from landclaims.core import display
from landclaims.core.templatetags.lc_format import digits

logger = logging.getLogger(__name__)

# Days before a hearing on which its people are reminded.
HEARING_LEAD_DAYS = (7, 1)
# Protective orders running out within this many days are reminded.
ORDER_NOTICE_DAYS = 7


# --- Calendar feed tokens ------------------------------------------------------------------


@transaction.atomic
def calendar_token_issue(*, user: Any) -> CalendarToken:
    """A new secret for the user's feed; the old one, if any, stops working at once."""
    calendar_token, _created = CalendarToken.objects.select_for_update().get_or_create(user=user)
    calendar_token.token = new_token()
    calendar_token.created_at = timezone.now()
    calendar_token.revoked_at = None
    calendar_token.full_clean()
    calendar_token.save()
    return calendar_token


@transaction.atomic
def calendar_token_revoke(*, user: Any) -> CalendarToken | None:
    """Stop the user's feed; None when there was no live token."""
    calendar_token = (
        CalendarToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True).first()
    )
    if calendar_token is None:
        return None
    calendar_token.revoked_at = timezone.now()
    calendar_token.save(update_fields=["revoked_at"])
    return calendar_token


# --- Reminders -----------------------------------------------------------------------------


@dataclass
class Batch:
    """What one recipient is told in one run."""

    hearings: list[tuple[Hearing, int]] = field(default_factory=list)  # (hearing, lead days)
    orders: list[InterimOrder] = field(default_factory=list)
    tasks: list[tuple[CaseTask, str]] = field(default_factory=list)  # (task, TaskReminder.Lead)

    def __len__(self) -> int:
        return len(self.hearings) + len(self.orders) + len(self.tasks)


@dataclass
class ReminderReport:
    day: date
    emails: int = 0
    hearing_reminders: int = 0
    order_reminders: int = 0
    task_reminders: int = 0
    already_sent: int = 0
    failed: list[str] = field(default_factory=list)  # recipients whose mail did not go out

    def summary(self) -> str:
        return _(
            "%(day)s: %(emails)d emails sent with %(hearings)d hearing, %(orders)d order and "
            "%(tasks)d task reminders; %(already)d already sent before; %(failed)d failed."
        ) % {
            "day": self.day.isoformat(),
            "emails": self.emails,
            "hearings": self.hearing_reminders,
            "orders": self.order_reminders,
            "tasks": self.task_reminders,
            "already": self.already_sent,
            "failed": len(self.failed),
        }

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly form, kept as the task's result."""
        return {
            "day": self.day.isoformat(),
            "emails": self.emails,
            "hearing_reminders": self.hearing_reminders,
            "order_reminders": self.order_reminders,
            "task_reminders": self.task_reminders,
            "already_sent": self.already_sent,
            "failed": len(self.failed),
        }


def reminders_send(*, today: date) -> ReminderReport:
    """Mail each responsible person and lawyer, once, the hearings 7 and 1 days ahead and the
    stays, status quo orders and injunctions running out within 7 days; and each person their
    open case tasks due tomorrow, and once those overdue.

    Not one transaction on purpose: each recipient's mail commits on its own, so a mail
    server failing half-way does not undo the record of the mails that did go out.
    """
    report = ReminderReport(day=today)
    for recipient, batch in _batches(today).items():
        _deliver(recipient=recipient, batch=batch, today=today, report=report)
    return report


def _batches(today: date) -> dict[str, Batch]:
    batches: dict[str, Batch] = defaultdict(Batch)
    recipients: dict[int, set[str]] = {}
    for lead in HEARING_LEAD_DAYS:
        for hearing in hearing_list_due_on(day=today + timedelta(days=lead)):
            for address in _recipients(hearing.case, recipients):
                batches[address].hearings.append((hearing, lead))
    end = today + timedelta(days=ORDER_NOTICE_DAYS)
    for order in interim_order_list_expiring(start=today, end=end):
        for address in _recipients(order.case, recipients):
            batches[address].orders.append(order)
    for task in case_task_list_to_remind(today=today):
        person = task.assignee
        if _is_address(person.email) and person.is_active and _may_see(person, task.case):
            lead = TaskReminder.Lead.OVERDUE if task.due_on < today else TaskReminder.Lead.TOMORROW
            batches[person.email.strip().lower()].tasks.append((task, lead))
    return dict(sorted(batches.items()))


def _recipients(case: LegalCase, cache: dict[int, set[str]]) -> set[str]:
    """The case's responsible staff member, while the case is still theirs to see, and its
    lawyers of the same organisation; addresses lower-cased so no one gets two mails."""
    if case.pk not in cache:
        addresses: list[str] = []
        person = case.responsible
        if person is not None and _may_see(person, case):
            addresses.append(person.email)
        for lawyer in case.lawyers.all():
            if lawyer.organisation_id == case.organisation_id:
                addresses.append(lawyer.email or (lawyer.user.email if lawyer.user else ""))
        cache[case.pk] = {a.strip().lower() for a in addresses if _is_address(a)}
    return cache[case.pk]


def _may_see(person: Any, case: LegalCase) -> bool:
    return LegalCase.objects.visible_to(person).filter(pk=case.pk).exists()


def _is_address(text: str) -> bool:
    try:
        validate_email(text.strip())
    except ValidationError:
        return False
    return True


def _deliver(*, recipient: str, batch: Batch, today: date, report: ReminderReport) -> None:
    try:
        fresh = _claim_and_send(recipient=recipient, batch=batch, today=today)
    except (smtplib.SMTPException, OSError):
        # The claimed rows were rolled back with the failure, so running the job again today
        # tries this recipient again.
        logger.exception("Reminder mail to %s failed", recipient)
        report.failed.append(recipient)
        return
    report.already_sent += len(batch) - len(fresh)
    if fresh:
        report.emails += 1
        report.hearing_reminders += len(fresh.hearings)
        report.order_reminders += len(fresh.orders)
        report.task_reminders += len(fresh.tasks)


@transaction.atomic
def _claim_and_send(*, recipient: str, batch: Batch, today: date) -> Batch:
    """Write a reminder row for every item not reminded before, then mail those items.

    The rows are written first and stay uncommitted until the mail is out, so a second run
    at the same time waits on them and then skips; a failed mail removes them again.
    """
    rows: list[models.Model] = []
    fresh = Batch()
    for hearing, lead in batch.hearings:
        row = HearingReminder(
            hearing=hearing, lead_days=lead, scheduled_on=hearing.scheduled_on, recipient=recipient
        )
        if _claim(row):
            rows.append(row)
            fresh.hearings.append((hearing, lead))
    for order in batch.orders:
        row = OrderReminder(order=order, in_force_until=order.in_force_until, recipient=recipient)
        if _claim(row):
            rows.append(row)
            fresh.orders.append(order)
    for task, lead in batch.tasks:
        row = TaskReminder(task=task, lead=lead, due_on=task.due_on, recipient=recipient)
        if _claim(row):
            rows.append(row)
            fresh.tasks.append((task, lead))
    if fresh:
        _mail(recipient=recipient, batch=fresh, today=today)
        _mark_sent(rows)
    return fresh


Reminder = HearingReminder | OrderReminder | TaskReminder


def _claim(row: Reminder) -> bool:
    """Insert the row unless the same reminder exists; False when it does."""
    key = {name: getattr(row, name) for name in _reminder_key(row)}
    if type(row).objects.filter(**key).exists():
        return False
    row.full_clean(validate_constraints=False)
    try:
        # A savepoint: losing a race to another run must not spoil this transaction.
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    return True


def _reminder_key(row: Reminder) -> tuple[str, ...]:
    if isinstance(row, HearingReminder):
        return ("hearing", "lead_days", "scheduled_on", "recipient")
    if isinstance(row, TaskReminder):
        return ("task", "lead", "due_on", "recipient")
    return ("order", "in_force_until", "recipient")


def _mark_sent(rows: list[models.Model]) -> None:
    now = timezone.now()
    for model in (HearingReminder, OrderReminder, TaskReminder):
        pks = [row.pk for row in rows if isinstance(row, model)]
        if pks:
            model.objects.filter(pk__in=pks).update(sent_at=now)


def _recipient_user(address: str) -> Any:
    """The account an address belongs to, for its language and area unit; None for a
    lawyer without an account (or an address two accounts share)."""
    users = list(
        get_user_model()
        .objects.filter(email__iexact=address, is_active=True)
        .select_related("preference")[:2]
    )
    return users[0] if len(users) == 1 else None


def _mail(*, recipient: str, batch: Batch, today: date) -> None:
    # In the recipient's saved language (the site's default for a lawyer without an
    # account), with their digits and Bangla dates.
    user = _recipient_user(recipient)
    preference = getattr(user, "preference", None) if user is not None else None
    language = (preference.language if preference else "") or settings.LANGUAGE_CODE
    with translation.override(language), display.override(display.display_for(user)):
        _render_and_send(recipient=recipient, batch=batch, today=today)


def _render_and_send(*, recipient: str, batch: Batch, today: date) -> None:
    # Plain text with case numbers, courts and purposes only: never a member's name, and not
    # an order's text, which may name people.
    body = render_to_string(
        "agenda/reminder_email.txt",
        {
            "today": today,
            "hearings": [
                {"hearing": hearing, "lead": lead}
                for hearing, lead in sorted(batch.hearings, key=lambda item: item[1])
            ],
            "orders": batch.orders,
            "tasks": [{"task": task, "overdue": lead == "overdue"} for task, lead in batch.tasks],
        },
    )
    subject = digits(reminder_subject(batch))  # "৩ hearings" in Bangla
    EmailMessage(subject=subject, body=body, to=[recipient]).send(using="default")


def reminder_subject(batch: Batch) -> str:
    """E.g. "landclaims: 3 hearings and 1 order expiring", "landclaims: 2 tasks"."""
    parts = []
    if batch.hearings:
        parts.append(
            ngettext("%(n)d hearing", "%(n)d hearings", len(batch.hearings))
            % {"n": len(batch.hearings)}
        )
    if batch.orders:
        parts.append(
            ngettext("%(n)d order expiring", "%(n)d orders expiring", len(batch.orders))
            % {"n": len(batch.orders)}
        )
    if batch.tasks:
        parts.append(
            ngettext("%(n)d task", "%(n)d tasks", len(batch.tasks)) % {"n": len(batch.tasks)}
        )
    if len(parts) == 1:
        return _("landclaims: %(hearings)s") % {"hearings": parts[0]}
    if len(parts) == 2:
        return _("landclaims: %(hearings)s and %(orders)s") % {
            "hearings": parts[0],
            "orders": parts[1],
        }
    return _("landclaims: %(hearings)s, %(orders)s and %(tasks)s") % {
        "hearings": parts[0],
        "orders": parts[1],
        "tasks": parts[2],
    }


# --- Reminders of the last days to appeal or revise -----------------------------------------

# Days before a last day on which the case's responsible person is reminded.
DEADLINE_LEAD_DAYS = (30, 7, 1)


@dataclass
class DeadlineReminderReport:
    day: date
    emails: int = 0
    reminders: int = 0
    already_sent: int = 0
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence, printed after the hearing reminders' on the same line."""
        return _(
            "Deadlines to appeal or revise: %(emails)d emails sent with %(reminders)d "
            "reminders; %(already)d already sent before; %(failed)d failed."
        ) % {
            "emails": self.emails,
            "reminders": self.reminders,
            "already": self.already_sent,
            "failed": len(self.failed),
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "deadline_emails": self.emails,
            "deadline_reminders": self.reminders,
            "deadline_already_sent": self.already_sent,
            "deadline_failed": len(self.failed),
        }


def deadline_reminders_send(*, today: date) -> DeadlineReminderReport:
    """Mail each case's responsible person, once, the last days to appeal or revise that are
    30, 7 and 1 days away (only while the remedy is not filed). Each recipient's mail commits
    on its own, as for the hearing reminders."""
    report = DeadlineReminderReport(day=today)
    batches: dict[str, list[Deadline]] = defaultdict(list)
    for deadline in deadline_list_due(today=today, lead_days=DEADLINE_LEAD_DAYS):
        person = deadline.case.responsible
        if person is None or not _is_address(person.email) or not _may_see(person, deadline.case):
            continue
        batches[person.email.strip().lower()].append(deadline)
    for recipient, deadlines in sorted(batches.items()):
        try:
            fresh = _claim_and_send_deadlines(recipient=recipient, deadlines=deadlines, today=today)
        except (smtplib.SMTPException, OSError):
            logger.exception("Deadline reminder mail to %s failed", recipient)
            report.failed.append(recipient)
            continue
        report.already_sent += len(deadlines) - len(fresh)
        if fresh:
            report.emails += 1
            report.reminders += len(fresh)
    return report


@transaction.atomic
def _claim_and_send_deadlines(
    *, recipient: str, deadlines: list[Deadline], today: date
) -> list[Deadline]:
    """Write a reminder row for each deadline not reminded at this lead time before, then
    mail those; a failed mail rolls the rows back so the next run tries again."""
    rows: list[DeadlineReminder] = []
    fresh: list[Deadline] = []
    for deadline in deadlines:
        row = DeadlineReminder(
            case=deadline.case,
            rule=deadline.rule,
            last_day=deadline.last_day,
            lead_days=deadline.days_left,
            recipient=recipient,
        )
        key = {
            "case": row.case,
            "rule": row.rule,
            "last_day": row.last_day,
            "lead_days": row.lead_days,
            "recipient": recipient,
        }
        if DeadlineReminder.objects.filter(**key).exists():
            continue
        row.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            continue
        rows.append(row)
        fresh.append(deadline)
    if fresh:
        user = _recipient_user(recipient)
        preference = getattr(user, "preference", None) if user is not None else None
        language = (preference.language if preference else "") or settings.LANGUAGE_CODE
        with translation.override(language), display.override(display.display_for(user)):
            body = render_to_string(
                "agenda/deadline_email.txt", {"today": today, "deadlines": fresh}
            )
            subject = digits(
                ngettext(
                    "landclaims: %(n)d deadline to appeal or revise",
                    "landclaims: %(n)d deadlines to appeal or revise",
                    len(fresh),
                )
                % {"n": len(fresh)}
            )
            EmailMessage(subject=subject, body=body, to=[recipient]).send(using="default")
        DeadlineReminder.objects.filter(pk__in=[r.pk for r in rows]).update(sent_at=timezone.now())
    return fresh
