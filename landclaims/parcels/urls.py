from django.urls import path

from landclaims.parcels import views

app_name = "parcels"

urlpatterns = [
    path("<int:pk>/", views.parcel_detail_view, name="detail"),
]
