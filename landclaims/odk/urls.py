"""/odk/: the OpenRosa server phones talk to and the phone keys page (phone_urls), and the
review of what phones sent (review_urls)."""

from django.urls import include, path

urlpatterns = [
    path("", include("landclaims.odk.phone_urls")),
    path("submissions/", include("landclaims.odk.review_urls")),
]
