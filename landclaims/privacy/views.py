"""The read log page: an organisation's admins see who read which member's record, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from landclaims.core.permissions import has_role
from landclaims.privacy.selectors import LOG_READERS, read_list

PAGE_SIZE = 100


@login_required
def read_list_view(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, LOG_READERS):
        raise PermissionDenied(_("Only the organisation's administrators see the read log."))
    page = Paginator(read_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/reads.html", {"page": page})
