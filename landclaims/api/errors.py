"""Every error as JSON naming the field and the reason: {"detail", "errors": [{field, reason,
code}]}. The services' ValidationErrors become 400s, an edit conflict a 412."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from landclaims.api.parsers import BODY, BodyTooLarge
from landclaims.core.concurrency import EditConflict
from landclaims.core.params import ParameterError


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "Send If-Match with the ETag of the record as you read it; changes without it are "
        "refused so that nobody overwrites a change they have not seen."
    )
    default_code = "if_match_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The record changed after you read it (its ETag is no longer the one in If-Match). "
        "Nothing was saved; read it again and retry."
    )
    default_code = "edit_conflict"


class ServiceRefusal(exceptions.APIException):
    """A service's ValidationError, already flattened to field and reason."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(detail="; ".join(e["reason"] for e in errors))
        self.errors = errors


def service_errors(error: DjangoValidationError, renamed: dict[str, str]) -> list[dict[str, Any]]:
    """A service's ValidationError as [{field, reason, code}], with the service's field names
    mapped to the request's (`renamed`)."""
    if not hasattr(error, "error_dict"):
        return [_item(None, e) for e in error.error_list]
    return [
        _item(renamed.get(name, name) if name != "__all__" else None, e)
        for name, errors in error.error_dict.items()
        for e in errors
    ]


def _item(field: str | None, error: DjangoValidationError) -> dict[str, Any]:
    message = error.message % error.params if error.params else error.message
    return {"field": field, "reason": str(message), "code": error.code or "invalid"}


def as_api_error(error: DjangoValidationError, renamed: dict[str, str]) -> exceptions.APIException:
    """What the API answers when a service refuses: 412 for a stale version, else 400."""
    if isinstance(error, EditConflict):
        return PreconditionFailed(detail=error.messages[0])
    return ServiceRefusal(service_errors(error, renamed))


def _flatten(detail: Any, prefix: str | None = None) -> list[dict[str, Any]]:
    """DRF's nested error detail as a flat list; nested fields join with dots."""
    if isinstance(detail, dict):
        items = []
        for key, value in detail.items():
            field = None if key in ("non_field_errors", "detail") else str(key)
            path = ".".join(p for p in (prefix, field) if p) or None
            items += _flatten(value, path)
        return items
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, prefix)]
    return [{"field": prefix, "reason": str(detail), "code": getattr(detail, "code", "invalid")}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ParameterError):
        exc = exceptions.ValidationError({exc.name: [exc.reason]})
    elif isinstance(exc, DjangoValidationError):
        exc = as_api_error(exc, {})
    elif isinstance(exc, (ObjectDoesNotExist, Http404)):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, RequestDataTooBig):  # a form or multipart body past the limit
        exc = BodyTooLarge()
    elif isinstance(exc, SuspiciousOperation):  # e.g. too many fields: Django's 400, as JSON
        exc = exceptions.ParseError({BODY: [str(exc)]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ServiceRefusal):
        errors = exc.errors
    else:
        errors = _flatten(getattr(exc, "detail", response.data))
    detail = "; ".join(
        f"{e['field']}: {e['reason']}" if e["field"] else e["reason"] for e in errors
    )
    response.data = {"detail": detail, "errors": errors}
    return response
