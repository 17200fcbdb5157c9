"""CONTRACT: filled in by the phone_urls work."""

from django.urls import URLPattern

app_name = "odk"
urlpatterns: list[URLPattern] = []
