"""The map's generated <script>/<style> elements, marked with the response's CSP nonce."""

from __future__ import annotations

from typing import Any

from django import template

from gis.webmap import MapParts

register = template.Library()


@register.filter
def with_nonce(parts: MapParts, nonce: Any) -> MapParts:
    # `nonce` is Django's LazyNonce, false until first read: test for None, not truth.
    # Without one (no CSP middleware) the parts stay as they are; under a policy the browser
    # would then refuse them, which the CSP browser test reports.
    return parts if nonce is None else parts.with_nonce(str(nonce))
