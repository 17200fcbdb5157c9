"""CONTRACT: filled in by the review_urls work."""

from django.urls import URLPattern

app_name = "odk_review"
urlpatterns: list[URLPattern] = []
