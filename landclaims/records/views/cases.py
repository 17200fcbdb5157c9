"""The case pages: the list, one case, and the writes made from a case's page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from landclaims.audit.selectors import case_history
from landclaims.cases import selectors, services
from landclaims.cases.models import Hearing, LegalCase
from landclaims.cases.selectors import CaseDetail
from landclaims.cases.services import APPEAL_PATHS
from landclaims.core.permissions import (
    CASE_WRITERS,
    GROUP_NAME_READERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.core.templatetags.lc_format import day
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters
from landclaims.records.forms.case_intake import PartyAddForm, PartyRemoveForm
from landclaims.records.forms.case_orders import JudgmentKeepingForm
from landclaims.records.forms.cases import (
    CaseFilterForm,
    CaseWriteForm,
    HearingAdjournForm,
    HearingHeldForm,
    HearingMoveForm,
    HearingScheduleForm,
    InterimOrderForm,
    forms_shown,
)

PAGE_SIZE = 50


def may_appeal(case: LegalCase) -> bool:
    """An appeal, revision or leave petition may be filed against the case."""
    return case.status != LegalCase.Status.WITHDRAWN and bool(APPEAL_PATHS.get(case.case_type))


WRITE_FORMS: list[type[CaseWriteForm]] = [
    HearingScheduleForm,
    HearingHeldForm,
    HearingAdjournForm,
    HearingMoveForm,
    InterimOrderForm,
    JudgmentKeepingForm,
    PartyAddForm,
    PartyRemoveForm,
]

Write = Callable[[dict[str, Any]], str]

# The case page's tab that holds each write form (by its prefix name), opened when a save
# from it is refused so the errors are in view.
TAB_OF_FORM = {
    "schedule": "tab-hearings", "held": "tab-hearings", "adjourn": "tab-hearings",
    "move": "tab-hearings", "judgment": "tab-hearings", "order": "tab-orders",
    "vacate": "tab-orders", "extend": "tab-orders", "modify": "tab-orders",
    "comply": "tab-orders", "party": "tab-parties", "remove": "tab-parties",
    "note": "tab-notes", "task": "tab-notes", "done": "tab-notes",
}  # fmt: skip


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET, user=request.user)
    cases = selectors.case_list(user=request.user, **form.filters())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "today": timezone.localdate(),
        "writer": may_write(request.user, CASE_WRITERS),
    }
    return render(request, "cases/list.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _detail_or_404(request, pk))


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def hearing_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = HearingScheduleForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        hearing = services.hearing_schedule(
            case=case,
            on=data["on"],
            purpose=data["purpose"],
            by=request.user,
            **form.concurrency(),
        )
        return _("Hearing fixed for %(on)s.") % {"on": _day(hearing.scheduled_on)}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def hearing_held(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    case, hearing = _hearing_or_404(request, pk, hearing_pk)
    form = HearingHeldForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        services.hearing_record_held(
            hearing=hearing, note=data["note"], by=request.user, **form.concurrency()
        )
        return _("The hearing of %(on)s was recorded as held.") % {"on": _day(hearing.scheduled_on)}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def hearing_adjourn(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    case, hearing = _hearing_or_404(request, pk, hearing_pk)
    form = HearingAdjournForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        following = services.hearing_adjourn(
            hearing=hearing,
            next_on=data["next_on"],
            purpose=data["purpose"],
            note=data["note"],
            by=request.user,
            **form.concurrency(),
        )
        return _("Adjourned to %(on)s.") % {"on": _day(following.scheduled_on)}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def hearing_move(request: HttpRequest, pk: int, hearing_pk: int) -> HttpResponse:
    case, hearing = _hearing_or_404(request, pk, hearing_pk)
    form = HearingMoveForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        moved = services.hearing_reschedule(
            hearing=hearing, new_on=data["new_on"], by=request.user, **form.concurrency()
        )
        return _("The hearing was moved to %(on)s.") % {"on": _day(moved.scheduled_on)}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def order_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    form = InterimOrderForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        fields = ("kind", "made_on", "in_force_from", "in_force_until", "text")
        order = services.interim_order_record(
            case=case,
            **{name: data[name] for name in fields},
            by=request.user,
            **form.concurrency(),
        )
        return _("%(order)s recorded.") % {"order": order.get_kind_display()}

    return _submit(request, case, form, write)


@login_required
@require_POST
@writers_only(CASE_WRITERS)
def judgment_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    orders = selectors.interim_order_list_open(user=request.user, case=case)
    form = JudgmentKeepingForm(request.POST, orders=orders)

    def write(data: dict[str, Any]) -> str:
        services.case_record_judgment(
            case=case,
            on=data["on"],
            outcome=data["outcome"],
            note=data["note"],
            orders_kept=form.kept(),
            by=request.user,
            **form.concurrency(),
        )
        return _("Judgment recorded; the case is disposed.")

    return _submit(request, case, form, write)


def _submit(
    request: HttpRequest, case: LegalCase, form: CaseWriteForm, write: Write
) -> HttpResponse:
    """Redirect back with `write`'s message, or show the page again with the form's errors.

    The page is read after the refused write has rolled back, so it shows the case as it is
    now, including any change someone else made meanwhile."""
    if form.is_valid():
        try:
            message = write(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return redirect("cases:detail", pk=case.pk)
    return _render_detail(request, _detail_or_404(request, case.pk), failed=form)


def _render_detail(
    request: HttpRequest, detail: CaseDetail, failed: CaseWriteForm | None = None
) -> HttpResponse:
    # The hidden version and seen values are rendered from `detail` (the page as it is now),
    # so after a refused save the form carries what the user is now looking at.
    forms = {form_class.prefix_name: form_class() for form_class in WRITE_FORMS}
    # The judgment's form offers to keep each order in force that it would otherwise end.
    orders = selectors.interim_order_list_open(user=request.user, case=detail.case)
    forms["judgment"] = JudgmentKeepingForm(orders=orders)
    if failed is not None:
        forms[failed.prefix_name] = failed
    writer = may_write(request.user, CASE_WRITERS)
    # Parties are added whatever the case's status (case_intake.py); a refused removal has no
    # form of its own on the page, so its error shows at the top.
    shown = forms_shown(detail) | {"party"} if writer else set()
    context = {
        "detail": detail,
        "forms": forms,
        "shown": shown,
        "failed": failed,
        "open_tab": TAB_OF_FORM.get(failed.prefix_name, "") if failed is not None else "",
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "writer": writer,
        "may_appeal": writer and may_appeal(detail.case),
        "history": case_history(user=request.user, case_pk=detail.case.pk),
        "deadlines": selectors.case_deadline_list(user=request.user, case=detail.case),
        **map_context(user=request.user, filters=MapFilters(case=detail.case)),
    }
    return render(request, "cases/detail.html", context)


def _detail_or_404(request: HttpRequest, pk: int) -> CaseDetail:
    try:
        return selectors.case_detail(user=request.user, pk=pk)
    except LegalCase.DoesNotExist:
        raise Http404(_("No such case.")) from None


def _case_or_404(request: HttpRequest, pk: int) -> LegalCase:
    try:
        return selectors.case_get(user=request.user, pk=pk)
    except LegalCase.DoesNotExist:
        raise Http404(_("No such case.")) from None


def _hearing_or_404(request: HttpRequest, pk: int, hearing_pk: int) -> tuple[LegalCase, Hearing]:
    case = _case_or_404(request, pk)
    try:
        hearing = selectors.hearing_get(user=request.user, case=case, pk=hearing_pk)
    except Hearing.DoesNotExist:
        raise Http404(_("No such hearing.")) from None
    return case, hearing


def _day(on: date) -> str:
    return day(on)  # the month's name and digits in the reader's language
