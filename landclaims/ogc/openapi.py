"""The service's own API definition (the landing page's service-desc link).

GDAL and QGIS read it to learn which parameters the items take, so a filter set in QGIS
runs in the database rather than on every feature in the client.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from landclaims.ogc.collections import COLLECTIONS, Collection
from landclaims.ogc.documents import GEOJSON, HTML, url
from landclaims.ogc.params import DEFAULT_LIMIT, MAX_LIMIT, SUPPORTED_CRS


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "style": "form",
        "explode": False,
        "description": description,
    }


COMMON = [
    _query(
        "limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}
    ),
    _query("offset", {"type": "integer", "minimum": 0, "default": 0}),
    _query("bbox", {"type": "array", "items": {"type": "number"}, "minItems": 4, "maxItems": 6}),
    _query("bbox-crs", {"type": "string", "enum": list(SUPPORTED_CRS)}),
    _query("crs", {"type": "string", "enum": list(SUPPORTED_CRS)}),
    _query("datetime", {"type": "string"}),
    _query("f", {"type": "string", "enum": ["json", "html"]}),
]
KEY = {"type": "apiKey", "in": "header", "name": "X-API-Key"}
# For clients that cannot send a header; links then carry it on (documents.url).
KEY_IN_QUERY = {"type": "apiKey", "in": "query", "name": "api_key"}
# f=html (or a browser's Accept) gets the same document as a page.
DOCUMENT = {"description": "A document", "content": {"application/json": {}, HTML: {}}}
EXCEPTION = {
    "description": "An exception document: code and description",
    "content": {"application/json": {}, HTML: {}},
}
# Every operation may refuse: a parameter it cannot use (the description names it), no
# key, or no such feature or collection.
REFUSALS = {
    "400": EXCEPTION,
    "401": EXCEPTION,
    "404": EXCEPTION,
}


def _items_path(collection: Collection) -> dict[str, Any]:
    queryables = [
        _query(q.name, {"type": q.kind, **({"enum": list(q.values)} if q.values else {})})
        for q in collection.queryables
    ]
    features = {"description": "Features", "content": {GEOJSON: {}, HTML: {}}}
    return {
        "get": {
            "operationId": f"get_{collection.id}_items",
            "summary": str(collection.title),
            "parameters": [*COMMON, *queryables],
            "responses": {"200": features, **REFUSALS},
        }
    }


def _item_path(collection: Collection) -> dict[str, Any]:
    fid = {"name": "featureId", "in": "path", "required": True, "schema": {"type": "integer"}}
    crs = _query("crs", {"type": "string", "enum": list(SUPPORTED_CRS)})
    return {
        "get": {
            "operationId": f"get_{collection.id}_item",
            "parameters": [fid, crs],
            "responses": {
                "200": {"description": "A feature", "content": {GEOJSON: {}, HTML: {}}},
                **REFUSALS,
            },
        }
    }


def _document_path(operation: str) -> dict[str, Any]:
    return {"get": {"operationId": operation, "responses": {"200": DOCUMENT, **REFUSALS}}}


def openapi(request: HttpRequest) -> dict[str, Any]:
    base = url(request, "landing").split("?")[0].rstrip("/")
    paths: dict[str, Any] = {
        "/": _document_path("landing_page"),
        "/conformance": _document_path("conformance"),
        "/collections": _document_path("collections"),
    }
    for collection in COLLECTIONS.values():
        paths[f"/collections/{collection.id}"] = _document_path(f"get_{collection.id}")
        paths[f"/collections/{collection.id}/items"] = _items_path(collection)
        paths[f"/collections/{collection.id}/items/{{featureId}}"] = _item_path(collection)
    return {
        "openapi": "3.0.3",
        "info": {"title": "landclaims OGC API - Features", "version": "1.0"},
        "servers": [{"url": base}],
        "components": {"securitySchemes": {"apiKey": KEY, "apiKeyInQuery": KEY_IN_QUERY}},
        "security": [{"apiKey": []}, {"apiKeyInQuery": []}],
        "paths": paths,
    }
