"""Claim pages: translate HTTP to the claim selectors and services and back."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from landclaims.audit.selectors import claim_history
from landclaims.claims.models import Claim
from landclaims.claims.selectors import claim_get, claim_list, claim_list_rows
from landclaims.claims.services import (
    claim_add_group,
    claim_add_parcel,
    claim_advance,
    claim_change_possession,
    claim_create,
    claim_remove_group,
    claim_remove_parcel,
)
from landclaims.claims.stages import Stage
from landclaims.core.forms import add_service_errors
from landclaims.core.permissions import (
    CLAIM_WRITERS,
    GROUP_NAME_READERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.maps.embed import map_context
from landclaims.maps.selectors import MapFilters
from landclaims.records.forms.claims import (
    MEMBERSHIP_FORMS,
    ClaimFilterForm,
    ClaimOpenForm,
    ConcurrentForm,
    PossessionChangeForm,
    StageChangeForm,
    membership_forms,
)
from landclaims.records.pages import claim_detail
from landclaims.records.views.case_intake import _organisation


@login_required
def claim_list_view(request: HttpRequest) -> HttpResponse:
    show_names = has_role(request.user, GROUP_NAME_READERS)
    form = ClaimFilterForm(request.GET or None, names=show_names)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = claim_list(
        user=request.user,
        area=filters.get("area"),
        group_name=filters.get("group", ""),
        mouza_name=filters.get("mouza", ""),
        stage=filters.get("stage", ""),
        possession=filters.get("possession", ""),
        stuck=filters.get("stuck", False),
    )
    page = Paginator(claim_list_rows(claims), 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "show_names": show_names}
    return render(request, "claims/list.html", context)


def _visible_claim(request: HttpRequest, pk: int) -> Claim:
    try:
        return claim_get(user=request.user, pk=pk)
    except Claim.DoesNotExist as exc:
        raise Http404(_("No such claim.")) from exc


@login_required
def claim_detail_view(request: HttpRequest, pk: int, **forms: Any) -> HttpResponse:
    try:
        detail = claim_detail(user=request.user, pk=pk)
    except Claim.DoesNotExist as exc:
        raise Http404(_("No such claim.")) from exc
    initial = ConcurrentForm.initial_for(detail.claim)
    forms.setdefault("stage_form", StageChangeForm(claim=detail.claim, initial=initial))
    forms.setdefault("possession_form", PossessionChangeForm(initial=initial))
    status = 400 if any(f.errors for f in forms.values()) else 200
    can_edit = may_write(request.user, CLAIM_WRITERS)
    if can_edit:
        membership = membership_forms(user=request.user, claim=detail.claim, query=request.GET)
        forms = {**membership, **forms}
    context = {
        "d": detail,
        "can_edit": can_edit,
        "show_names": has_role(request.user, GROUP_NAME_READERS),
        "history": claim_history(user=request.user, claim_pk=detail.claim.pk),
        **map_context(user=request.user, filters=MapFilters(claim=detail.claim)),
        **forms,
    }
    return render(request, "claims/detail.html", context, status=status)


@login_required
@require_POST
@writers_only(CLAIM_WRITERS)
def claim_change_stage_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _visible_claim(request, pk)
    form = StageChangeForm(request.POST, claim=claim)
    if form.is_valid() and _apply(
        form, claim_advance, claim, skipped=form.skipped(), request=request
    ):
        stage = Stage(form.cleaned_data["to"]).label
        messages.success(request, _("Stage changed to “%(stage)s”.") % {"stage": stage})
        return redirect("claims:detail", pk=pk)
    return claim_detail_view(request, pk, stage_form=form)


@login_required
@require_POST
@writers_only(CLAIM_WRITERS)
def claim_change_possession_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _visible_claim(request, pk)
    form = PossessionChangeForm(request.POST)
    if form.is_valid() and _apply(form, claim_change_possession, claim, request=request):
        messages.success(request, _("Possession recorded."))
        return redirect("claims:detail", pk=pk)
    return claim_detail_view(request, pk, possession_form=form)


def _apply(form: Any, service: Any, claim: Claim, *, request: HttpRequest, **extra: Any) -> bool:
    """Call the service with the form's data; its refusals land beside the right fields."""
    data = form.cleaned_data
    fields = {k: data[k] for k in ("to", "on", "note", "number", "group", "parcel") if k in data}
    try:
        service(
            claim=claim,
            by=request.user,
            expected_version=data["version"],
            seen=form.seen(),
            **fields,
            **extra,
        )
    except ValidationError as error:
        add_service_errors(form, error, renamed=FIELD_OF)
        return False
    return True


# The services name the claim's fields; the forms call the new value "to".
FIELD_OF = {"stage": "to", "possession": "to"}


PREFILL = ("group", "parcel")


@login_required
@writers_only(CLAIM_WRITERS)
def claim_new(request: HttpRequest) -> HttpResponse:
    """Open a claim, pre-filled from a group's or parcel's page (`?group=`, `?parcel=`)."""
    organisation = _organisation(request)
    data = request.POST if request.method == "POST" else None
    prefill = {k: int(v) for k in PREFILL if (v := request.GET.get(k, "")).isdigit()}
    form = ClaimOpenForm(data, user=request.user, prefill=prefill)
    if data is not None and not form.finding and form.is_valid():
        try:
            claim = claim_create(
                organisation=organisation, **form.service_kwargs(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Claim opened."))
            return redirect("claims:detail", pk=claim.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "claims/new.html", {"form": form}, status=status)


def _membership_view(name: str, service: Any, done: Any) -> Any:
    """A POST adding or removing a group or parcel: the service's refusal lands beside the
    form's field, on the claim page as it is now."""
    form_class = MEMBERSHIP_FORMS[name]

    @login_required
    @require_POST
    @writers_only(CLAIM_WRITERS)
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        claim = _visible_claim(request, pk)
        form = form_class(request.POST, user=request.user, claim=claim)
        if form.is_valid() and _apply(form, service, claim, request=request):
            messages.success(request, str(done))
            return redirect("claims:detail", pk=pk)
        return claim_detail_view(request, pk, **{name: form})

    return view


claim_add_group_view = _membership_view(
    "add_group_form", claim_add_group, gettext_lazy("The group was added to the claim.")
)
claim_remove_group_view = _membership_view(
    "remove_group_form", claim_remove_group, gettext_lazy("The group was removed from the claim.")
)
claim_add_parcel_view = _membership_view(
    "add_parcel_form", claim_add_parcel, gettext_lazy("The parcel was added to the claim.")
)
claim_remove_parcel_view = _membership_view(
    "remove_parcel_form",
    claim_remove_parcel,
    gettext_lazy("The parcel was removed from the claim."),
)
