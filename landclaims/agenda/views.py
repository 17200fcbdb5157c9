"""Calendar pages, the cause list and its files, and the iCalendar feed."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from landclaims.agenda import causelist
from landclaims.agenda.feed import hearing_calendar
from landclaims.agenda.forms import CauseListQueryForm, PeriodQueryForm, TokenActionForm
from landclaims.agenda.periods import View, in_weeks, period_for
from landclaims.agenda.selectors import (
    agenda_days,
    calendar_token_get,
    calendar_token_owner,
    case_task_list_for_feed,
    cause_list_for,
    deadline_list_for_feed,
    hearing_list_for_feed,
    interim_order_list_for_feed,
)
from landclaims.agenda.services import calendar_token_issue, calendar_token_revoke


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    query = PeriodQueryForm(request.GET)
    period = period_for(query.period_view(), query.day())
    mine = query.mine_only()
    days = agenda_days(user=request.user, period=period, mine=mine)
    context = {
        "mine": mine,
        "period": period,
        "days": days,
        "weeks": in_weeks(days),
        "today": timezone.localdate(),
        "views": [(View.DAY, _("Day")), (View.WEEK, _("Week")), (View.MONTH, _("Month"))],
    }
    return render(request, "agenda/calendar.html", context)


# The cause list as a file: how to build it and what it is.
CAUSE_LIST_FILES = {
    "pdf": (causelist.cause_list_pdf, causelist.PDF_CONTENT_TYPE),
    "xlsx": (causelist.cause_list_xlsx, causelist.XLSX_CONTENT_TYPE),
}


@login_required
@require_GET
def cause_list(request: HttpRequest) -> HttpResponse:
    query = CauseListQueryForm(request.GET)
    listing = cause_list_for(user=request.user, day=query.day(), mine=query.mine_only())
    file_format = query.file_format()
    if file_format in CAUSE_LIST_FILES:
        build, content_type = CAUSE_LIST_FILES[file_format]
        filename = causelist.cause_list_filename(listing, file_format)
        return _attachment(build(listing), content_type, filename)
    context = {"cause_list": listing, "mine": query.mine_only()}
    return render(request, "agenda/cause_list.html", context)


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """No session: the token in the URL says whose calendar this is."""
    user = calendar_token_owner(token=request.GET.get("token", ""))
    if user is None:
        raise Http404
    today = timezone.localdate()
    body = hearing_calendar(
        hearings=hearing_list_for_feed(user=user, today=today),
        orders=interim_order_list_for_feed(user=user, today=today),
        tasks=case_task_list_for_feed(user=user, today=today),
        case_url=lambda item: request.build_absolute_uri(f"/cases/{item.case_id}/"),
        deadlines=deadline_list_for_feed(user=user, today=today),
        deadline_url=lambda deadline: request.build_absolute_uri(f"/cases/{deadline.case.pk}/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="hearings.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feed_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = TokenActionForm(request.POST)
        if form.is_valid():
            _apply_token_action(request, form.cleaned_data["action"])
        return redirect("agenda:feed_settings")
    token = calendar_token_get(user=request.user)
    feed_url = None
    if token is not None and token.is_active:
        query = urlencode({"token": token.token})
        feed_url = request.build_absolute_uri(f"{reverse('agenda:feed')}?{query}")
    return render(request, "agenda/feed_settings.html", {"token": token, "feed_url": feed_url})


def _apply_token_action(request: HttpRequest, action: str) -> None:
    if action == TokenActionForm.ISSUE:
        calendar_token_issue(user=request.user)
        messages.success(
            request, _("Your new calendar link is below. Any older link stopped working.")
        )
    elif calendar_token_revoke(user=request.user) is not None:
        messages.success(
            request, _("Your calendar link is revoked: calendars using it get nothing now.")
        )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
