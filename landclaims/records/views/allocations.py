"""Allocation pages: the list, recording one from a claim, its page, corrections and who
holds the land now."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from landclaims.allocations import selectors, services
from landclaims.allocations.models import Allocation
from landclaims.audit.selectors import allocation_history
from landclaims.claims.models import Claim
from landclaims.claims.selectors import claim_get
from landclaims.core.permissions import (
    CLAIM_WRITERS,
    GROUP_NAME_READERS,
    has_role,
    may_write,
    writers_only,
)
from landclaims.records.forms.allocations import (
    AllocationEditForm,
    AllocationFilterForm,
    AllocationNewForm,
    ClaimPickForm,
    HolderForm,
)


@login_required
def allocation_list_view(request: HttpRequest) -> HttpResponse:
    names = has_role(request.user, GROUP_NAME_READERS)
    form = AllocationFilterForm(request.GET or None, user=request.user, names=names)
    filters = form.cleaned_data if form.is_valid() else {}
    allocations = selectors.allocation_list(user=request.user, **filters)
    page = Paginator(allocations, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "show_names": names,
               "can_edit": may_write(request.user, CLAIM_WRITERS)}  # fmt: skip
    return render(request, "allocations/list.html", context)


def _allocation_or_404(request: HttpRequest, pk: int) -> Allocation:
    try:
        return selectors.allocation_get(user=request.user, pk=pk)
    except Allocation.DoesNotExist:
        raise Http404(_("No such allocation.")) from None


def _claim_or_none(request: HttpRequest) -> Claim | None:
    number = ClaimPickForm(request.GET)
    if not number.is_valid() or not number.cleaned_data["claim"].isdigit():
        return None
    try:
        return claim_get(user=request.user, pk=int(number.cleaned_data["claim"]))
    except Claim.DoesNotExist:
        raise Http404(_("No such claim.")) from None


@login_required
@writers_only(CLAIM_WRITERS)
def allocation_new(request: HttpRequest) -> HttpResponse:
    claim = _claim_or_none(request)
    if claim is None:
        pick = ClaimPickForm(request.GET or None)
        return render(request, "allocations/pick_claim.html", {"form": pick})
    data = request.POST if request.method == "POST" else None
    form = AllocationNewForm(data, user=request.user, claim=claim)
    if data is not None and form.is_valid():
        try:
            allocation = services.allocation_record(
                claim=claim, **form.service_kwargs(), by=request.user
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Allocation recorded."))
            return redirect("allocations:detail", pk=allocation.pk)
    context = {"form": form, "claim": claim}
    return render(request, "allocations/new.html", context, status=400 if form.errors else 200)


@login_required
def allocation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = _allocation_or_404(request, pk)
    context = {
        "a": allocation,
        "codes": selectors.allocation_member_codes(allocation=allocation),
        "holders": selectors.allocation_holder_history(user=request.user, allocation=allocation),
        "history": allocation_history(user=request.user, allocation_pk=allocation.pk),
        "can_edit": may_write(request.user, CLAIM_WRITERS),
        "show_names": has_role(request.user, GROUP_NAME_READERS),
    }
    return render(request, "allocations/detail.html", context)


@login_required
@writers_only(CLAIM_WRITERS)
def allocation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = _allocation_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    form = AllocationEditForm(data, user=request.user, allocation=allocation)
    if data is not None and form.is_valid():
        try:
            services.allocation_update(
                allocation=allocation,
                by=request.user,
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Allocation saved."))
            return redirect("allocations:detail", pk=pk)
    context = {"form": form, "a": allocation}
    return render(request, "allocations/edit.html", context, status=400 if form.errors else 200)


@login_required
@writers_only(CLAIM_WRITERS)
def allocation_holder(request: HttpRequest, pk: int) -> HttpResponse:
    allocation = _allocation_or_404(request, pk)
    data = request.POST if request.method == "POST" else None
    initial = {"held_by": allocation.held_by, "version": allocation.version}
    form = HolderForm(data, initial=initial)
    if data is not None and form.is_valid():
        fields = form.cleaned_data
        try:
            services.allocation_change_holder(
                allocation=allocation,
                held_by=fields["held_by"],
                since=fields["since"],
                note=fields["note"],
                by=request.user,
                expected_version=fields["version"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Who holds the land was recorded."))
            return redirect("allocations:detail", pk=pk)
    context = {"form": form, "a": allocation}
    return render(request, "allocations/holder.html", context, status=400 if form.errors else 200)
