"""The home page after login."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from landclaims.core.scoping import scope_for
from landclaims.core.selectors import home_counts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {"counts": home_counts(user=request.user), "scope": scope_for(request.user)}
    return render(request, "core/home.html", context)
