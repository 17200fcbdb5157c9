from django.urls import path

from landclaims.records.views import incidents as views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list_view, name="list"),
    path("new/", views.incident_new, name="new"),
    path("<int:pk>/", views.incident_detail_view, name="detail"),
    path("<int:pk>/edit/", views.incident_edit, name="edit"),
]
