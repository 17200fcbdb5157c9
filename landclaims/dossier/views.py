"""The dossier download: a claim's PDF for the AC (Land) or the DC."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from landclaims.claims.models import Claim
from landclaims.dossier.services import LANGUAGES, dossier_render


@login_required
@require_GET
def claim_dossier_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    # ?lang=bn|en; otherwise the language the user reads the site in.
    language = request.GET.get("lang") or (get_language() or "en")[:2]
    if language not in LANGUAGES:
        language = "en"
    try:
        made = dossier_render(user=request.user, pk=pk, language=language)
    except Claim.DoesNotExist as exc:
        raise Http404(_("No such claim.")) from exc
    response = HttpResponse(made.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{made.filename}"'
    # A dossier carries parcels and cases: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
