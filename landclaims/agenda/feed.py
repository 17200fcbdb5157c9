"""The hearing calendar as iCalendar (RFC 5545) for phones and calendar programs.

One all-day event per hearing series: its UID never changes and its SEQUENCE counts the
moves, so an adjournment moves the event already on the phone instead of adding another.
The feed ends up on phones, so it says only the case number, court and purpose.

Also one all-day event on the last day in force of each interim order that will lapse (an
order vacated or ended by a judgment drops out: it no longer lapses), and one on the due
date of each of the person's own open case tasks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from landclaims.cases.models import CaseTask, Hearing, InterimOrder
from landclaims.cases.selectors import Deadline

PRODID = "-//landclaims//hearing calendar//EN"
# How often calendar programs should fetch the feed again.
REFRESH = timedelta(hours=1)


def hearing_uid(hearing: Hearing) -> str:
    return f"hearing-{hearing.series}@landclaims"


def hearing_calendar(
    *,
    hearings: Iterable[Hearing],
    case_url: Callable[[Any], str],
    orders: Iterable[InterimOrder] = (),
    tasks: Iterable[CaseTask] = (),
    deadlines: Iterable[Deadline] = (),
    deadline_url: Callable[[Deadline], str] = lambda deadline: "",
) -> bytes:
    calendar = Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
        name=_("landclaims hearings"),
        # Fixed, so the calendar itself is the same object on every fetch.
        uid="hearings@landclaims",
    )
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))  # the same, for Outlook
    for hearing in hearings:
        calendar.add_component(_event(hearing, case_url(hearing)))
    for deadline in deadlines:
        calendar.add_component(_deadline_event(deadline, deadline_url(deadline)))
    for order in orders:
        calendar.add_component(_order_event(order, case_url(order)))
    for task in tasks:
        calendar.add_component(_task_event(task, case_url(task)))
    return calendar.to_ical()


def deadline_uid(deadline: Deadline) -> str:
    # One event per case and rule: a last day that moves moves the event.
    return f"deadline-{deadline.case.pk}-{deadline.rule.pk}@landclaims"


def _deadline_event(deadline: Deadline, url: str) -> Event:
    case = deadline.case
    summary = _("%(case)s — last day for %(remedy)s") % {
        "case": case.display_no,
        "remedy": deadline.rule.get_remedy_display(),
    }
    if deadline.missed:
        summary = _("%(summary)s (missed)") % {"summary": summary}
    return Event.new(
        uid=deadline_uid(deadline),
        stamp=case.updated_at,
        start=deadline.last_day,
        end=deadline.last_day + timedelta(days=1),
        summary=summary,
        location=", ".join(part for part in (case.court_name, case.bench) if part),
        description=deadline.rule.citation,
        status="CANCELLED" if deadline.met else "CONFIRMED",
        transparency="TRANSPARENT",
        url=url,
    )


def _order_event(order: InterimOrder, url: str) -> Event:
    """The order's last day in force. An extension moves it: the UID stays, the SEQUENCE
    grows with each later change of the order (its `updated_at`)."""
    case = order.case
    assert order.in_force_until is not None
    return Event.new(
        uid=f"order-{order.pk}@landclaims",
        sequence=int(order.updated_at.timestamp()),
        stamp=order.updated_at,
        start=order.in_force_until,
        end=order.in_force_until + timedelta(days=1),
        summary=_("%(case)s — %(order)s: last day in force")
        % {"case": case.display_no, "order": order.get_kind_display()},
        location=", ".join(part for part in (case.court_name, case.bench) if part),
        status="CONFIRMED",
        transparency="TRANSPARENT",
        url=url,
    )


def _task_event(task: CaseTask, url: str) -> Event:
    return Event.new(
        uid=f"task-{task.pk}@landclaims",
        sequence=int(task.updated_at.timestamp()),
        stamp=task.updated_at,
        start=task.due_on,
        end=task.due_on + timedelta(days=1),
        summary=_("%(case)s — task: %(title)s")
        % {"case": task.case.display_no, "title": task.title},
        status="CONFIRMED",
        transparency="TRANSPARENT",
        url=url,
    )


def _event(hearing: Hearing, url: str) -> Event:
    case = hearing.case
    cancelled = hearing.status == Hearing.Status.CANCELLED
    return Event.new(
        uid=hearing_uid(hearing),
        sequence=hearing.sequence,
        stamp=hearing.updated_at,
        start=hearing.scheduled_on,
        end=hearing.scheduled_on + timedelta(days=1),
        summary=_("%(case)s — hearing") % {"case": case.display_no},
        location=", ".join(part for part in (case.court_name, case.bench) if part),
        description=_describe(hearing),
        status="CANCELLED" if cancelled else "CONFIRMED",
        transparency="TRANSPARENT",
        url=url,
    )


def _describe(hearing: Hearing) -> str:
    lines = [_("Status: %(status)s") % {"status": hearing.get_status_display()}]
    if hearing.purpose:
        lines.insert(0, _("Purpose: %(purpose)s") % {"purpose": hearing.purpose})
    return "\n".join(lines)
