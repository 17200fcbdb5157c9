"""OpenAPI details drf-spectacular cannot guess: the API key scheme and the error bodies."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR_SCHEMA = {
    "type": "object",
    "description": "What went wrong, naming the field (null when the whole request is meant).",
    "properties": {
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "reason": {"type": "string"},
                    "code": {"type": "string"},
                },
                "required": ["field", "reason", "code"],
            },
        },
    },
    "required": ["detail", "errors"],
}
ERRORS = {
    "400": "The request or a parameter is invalid, or the service refused the change.",
    "401": "No valid session or API key.",
    "403": "Your role may not do this.",
    "404": "No such record among those you may see.",
    "405": "Method not allowed.",
    "406": "The Accept header asks for a format the API does not serve.",
    "412": "If-Match names a version that is no longer current.",
    "415": "Unsupported media type.",
    "428": "If-Match is missing.",
}
# Statuses every operation can answer, and those only writes can.
ALWAYS = ("400", "401", "403", "404", "405", "406")
WRITES = ("412", "415", "428")


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "landclaims.api.authentication.ApiTokenAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`; make a key on /api/tokens/. "
            "`X-API-Key: <key>` works too.",
        }


def complete_schema(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """What drf-spectacular leaves out or gets wrong about this API."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    _fix_feature_pages(schemas)
    _allow_null_geometry(schemas)
    return add_error_responses(result)


def _fix_feature_pages(schemas: dict[str, Any]) -> None:
    """A page of GeoJSON features is a FeatureCollection with `count`, `next`, `previous` and
    the `features` array itself (rest_framework_gis documents a nested collection and a
    `results` key it never sends)."""
    for schema in schemas.values():
        features = schema.get("properties", {}).get("features", {})
        ref = features.get("$ref", "")
        if not ref.startswith("#/components/schemas/"):
            continue
        collection = schemas[ref.rsplit("/", 1)[1]]
        schema["properties"]["features"] = collection["properties"]["features"]
        schema["required"] = ["type", "count", "features"]


def _allow_null_geometry(schemas: dict[str, Any]) -> None:
    """Parcels are often tracked from paper before anyone maps them: a feature's geometry
    may be null."""
    for schema in schemas.values():
        geometry = schema.get("properties", {}).get("geometry")
        if isinstance(geometry, dict):
            geometry["nullable"] = True


def add_error_responses(result: dict[str, Any]) -> dict[str, Any]:
    """Document the JSON error body under every status an operation may answer with."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            codes = ALWAYS + (WRITES if method in ("post", "put", "patch", "delete") else ())
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {"description": ERRORS[code], "content": {"application/json": {"schema": ref}}},
                )
    return result
