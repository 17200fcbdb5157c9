"""Request bodies: DRF's JSON parser with a size limit and refusals that name the body.

DRF reads a JSON body straight from the request stream, past Django's
DATA_UPLOAD_MAX_MEMORY_SIZE check, so the limit is applied here. A body nested deeper than
Python's parser can follow raises RecursionError, which DRF does not catch (a 500); here it
is a 400 like any other JSON that cannot be read.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, parsers, status

BODY = "body"  # the name errors give the request body, as parameters give theirs


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = gettext_lazy("The request body is larger than this server accepts.")

    def __init__(self) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        reason = _("The request body is larger than %(limit)s bytes.") % {"limit": limit}
        super().__init__({BODY: [reason]})


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        data = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise BodyTooLarge()
        try:
            return super().parse(io.BytesIO(data), media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError({BODY: [_("The JSON is nested too deeply.")]}) from exc
        except exceptions.ParseError as exc:
            raise exceptions.ParseError({BODY: [str(exc.detail)]}) from exc
