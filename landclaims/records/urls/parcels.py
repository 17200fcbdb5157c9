from django.urls import path

from landclaims.records.views import parcels as views

app_name = "parcels"

urlpatterns = [
    path("new/", views.parcel_new, name="new"),
    path("near.geojson", views.parcel_near, name="near"),
    path("<int:pk>/", views.parcel_detail_view, name="detail"),
    path("<int:pk>/edit/", views.parcel_edit, name="edit"),
]
