from django.urls import path

from landclaims.records.views import parcels as views

app_name = "parcels"

urlpatterns = [
    path("<int:pk>/", views.parcel_detail_view, name="detail"),
]
