"""Pages of 50 records (up to 500 with page_size); GeoJSON lists are FeatureCollections."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination
from rest_framework_gis.pagination import GeoJsonPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class PagePagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class GeoPagination(GeoJsonPagination):
    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
