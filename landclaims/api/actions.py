"""The write actions: read the record, check If-Match, validate the body, call the service.

The same services as the pages do the work and refuse the same things; only the shape of
the refusal changes (JSON naming the field, see errors.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from landclaims.api.concurrency import etag_of, if_match_version
from landclaims.api.errors import as_api_error
from landclaims.cases.models import LegalCase
from landclaims.cases.selectors import case_task_get, hearing_get, interim_order_get

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
    target: Callable[[], dict[str, Any]] | None = None,
) -> Response:
    """`target`, when given, looks up the record the action is about (a group or parcel of
    the claim, 404 when the caller may not see it) after the claim."""
    claim = view.get_object()
    about = _about(target)
    expected = if_match_version(request, claim)
    fields = shape(_body(body_class, request))
    call_service(
        service,
        CLAIM_FIELDS,
        claim=claim,
        by=request.user,
        expected_version=expected,
        **about,
        **fields,
    )
    claim = view.get_queryset().get(pk=claim.pk)
    return Response(view.get_serializer(claim).data, headers={"ETag": etag_of(claim)})


def _about(target: Callable[[], dict[str, Any]] | None) -> dict[str, Any]:
    if target is None:
        return {}
    try:
        return target()
    except ObjectDoesNotExist:
        raise NotFound() from None


Shape = Callable[..., dict[str, Any]]


def case_action(
    view: Any,
    request: Request,
    service: Callable[..., Any],
    body_class: type[serializers.Serializer],
    out_class: type[serializers.Serializer],
    *,
    hearing_pk: str | None = None,
    order_pk: str | None = None,
    task_pk: str | None = None,
    shape: Shape | None = None,
    created: bool = True,
) -> Response:
    case = view.get_object()
    target = _target(request.user, case, hearing_pk=hearing_pk, order_pk=order_pk, task_pk=task_pk)
    expected = if_match_version(request, case)
    fields = _body(body_class, request)
    if shape is not None:
        fields = call_service(shape, {}, data=fields, case=case, user=request.user)
    result = call_service(
        service, {}, by=request.user, expected_version=expected, **target, **fields
    )
    case = view.get_queryset().get(pk=case.pk)
    if isinstance(result, LegalCase):
        result = case
    data = out_class(result, context=view.get_serializer_context()).data
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(data, status=code, headers={"ETag": etag_of(case)})


def _target(
    user: Any,
    case: LegalCase,
    *,
    hearing_pk: str | None,
    order_pk: str | None,
    task_pk: str | None,
) -> dict[str, Any]:
    """What the action writes to: the case, or one of its hearings, orders or tasks (404
    when the case has no such one the user may see)."""
    try:
        if hearing_pk is not None:
            return {"hearing": hearing_get(user=user, case=case, pk=int(hearing_pk))}
        if order_pk is not None:
            return {"order": interim_order_get(user=user, case=case, pk=int(order_pk))}
        if task_pk is not None:
            return {"task": case_task_get(user=user, case=case, pk=int(task_pk))}
    except ObjectDoesNotExist:
        raise NotFound() from None
    return {"case": case}
