"""The page where a person makes, sees and revokes their API keys (/api/tokens/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from landclaims.api.forms import TokenCreateForm, TokenRevokeForm
from landclaims.api.models import ApiToken
from landclaims.api.selectors import api_token_get, api_token_list
from landclaims.api.services import api_token_issue, api_token_revoke
from landclaims.core.forms import add_service_errors


@login_required
@require_http_methods(["GET", "POST"])
def token_page(request: HttpRequest) -> HttpResponse:
    form, secret = TokenCreateForm(), None
    if request.method == "POST" and "token" in request.POST:
        _revoke(request)
        return redirect("api:tokens")
    if request.method == "POST":
        form = TokenCreateForm(request.POST)
        if form.is_valid():
            try:
                secret = api_token_issue(user=request.user, name=form.cleaned_data["name"]).secret
            except ValidationError as error:
                add_service_errors(form, error)
    context = {
        "form": form,
        "secret": secret,
        "tokens": api_token_list(user=request.user),
        "ogc_url": request.build_absolute_uri(reverse("ogc:landing")),
    }
    # The page that shows a secret must not be kept by a browser or proxy.
    response = render(request, "api/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


def _revoke(request: HttpRequest) -> None:
    form = TokenRevokeForm(request.POST)
    if not form.is_valid():
        return
    try:
        token = api_token_get(user=request.user, pk=form.cleaned_data["token"])
    except ApiToken.DoesNotExist:
        return
    api_token_revoke(token=token)
    messages.success(request, _("The key “%(name)s” is revoked.") % {"name": token.name})
