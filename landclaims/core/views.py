"""The reader's preferences (language, area unit, calendar); the home page is the
dashboard app's (dashboard/views.py `home`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.i18n import set_language

from landclaims.core.bangla_calendar import to_bangla
from landclaims.core.display import local_factors_of
from landclaims.core.forms import LocalDateField, PreferenceForm
from landclaims.core.models import Preference
from landclaims.core.preferences import language_known, preference_save


def choose_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch: Django's cookie for everyone, and for a logged-in user
    also their saved preference, so the choice follows them to other devices."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and language_known(language):
        preference_save(user=request.user, language=language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    saved = Preference.objects.filter(user=request.user).first()
    form = PreferenceForm(
        request.POST or None, instance=saved, local_factors=local_factors_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        preference = preference_save(user=request.user, **form.cleaned_data)
        if preference.language:
            translation.activate(preference.language)
        messages.success(request, _("Your preferences are saved."))
        return redirect("preferences")
    return render(request, "core/preferences.html", {"form": form})


@login_required
@require_GET
def bangla_date(request: HttpRequest) -> JsonResponse:
    """The Bangla calendar date of a date as typed in a date field (any form the field
    accepts), for the date picker to show beside the field: {"date": "২১ অগ্রহায়ণ ১৪৩৩"},
    or "" when the text is not a date."""
    try:
        day = LocalDateField(required=False).clean(request.GET.get("on", ""))
    except ValidationError:
        day = None
    language = "bn" if (translation.get_language() or "").startswith("bn") else "en"
    return JsonResponse({"date": to_bangla(day).format(language) if day else ""})


def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest, so a phone can add the site to its home screen; names in the
    reader's language."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append(
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    body = {
        "name": _("landclaims: khas land claims and cases"),
        "short_name": "landclaims",
        "lang": translation.get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1f6f50",
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return redirect(static("icons/icon-32.png"), permanent=True)
