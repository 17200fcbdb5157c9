"""/odk/submissions/: the review of what field phones sent."""

from django.urls import path

from landclaims.odk import review_views as views

app_name = "odk_review"
urlpatterns = [
    path("", views.submission_list_view, name="list"),
    path("<int:pk>/", views.submission_detail_view, name="detail"),
]
