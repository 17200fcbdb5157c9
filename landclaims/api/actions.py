"""The write actions: read the record, check If-Match, validate the body, call the service.

The same services as the pages do the work and refuse the same things; only the shape of
the refusal changes (JSON naming the field, see errors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.errors import as_api_error
from landclaims.cases.models import LegalCase
from landclaims.cases.selectors import hearing_get

# The claim services name the claim's own fields; the request calls the new value "to".
CLAIM_FIELDS = {"stage": "to", "possession": "to"}


def call_service(service: Callable[..., Any], renamed: dict[str, str], **kwargs: Any) -> Any:
    try:
        return service(**kwargs)
    except ValidationError as error:
        raise as_api_error(error, renamed) from error


def _body(body_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    body = body_class(data=request.data, context={"request": request})
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def claim_action(
    view: Any,
    request: Request,
    service: Callable[..., Any],
    body_class: type[serializers.Serializer],
    shape: Callable[[dict[str, Any]], dict[str, Any]],
) -> Response:
    claim = view.get_object()
    expected = if_match_version(request, claim)
    fields = shape(_body(body_class, request))
    call_service(
        service, CLAIM_FIELDS, claim=claim, by=request.user, expected_version=expected, **fields
    )
    claim = view.get_queryset().get(pk=claim.pk)
    return Response(view.get_serializer(claim).data, headers={"ETag": etag_of(claim)})


def case_action(
    view: Any,
    request: Request,
    service: Callable[..., Any],
    body_class: type[serializers.Serializer],
    out_class: type[serializers.Serializer],
    *,
    hearing_pk: str | None = None,
    created: bool = True,
) -> Response:
    case = view.get_object()
    target: dict[str, Any] = {"case": case}
    if hearing_pk is not None:
        target = {"hearing": hearing_get(user=request.user, case=case, pk=int(hearing_pk))}
    expected = if_match_version(request, case)
    fields = _body(body_class, request)
    result = call_service(
        service, {}, by=request.user, expected_version=expected, **target, **fields
    )
    case = view.get_queryset().get(pk=case.pk)
    if isinstance(result, LegalCase):
        result = case
    data = out_class(result, context=view.get_serializer_context()).data
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(data, status=code, headers={"ETag": etag_of(case)})
