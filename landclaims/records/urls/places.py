from django.urls import path

from landclaims.records.views import places as views

app_name = "places"
urlpatterns = [
    path("<int:pk>/", views.area_detail_view, name="detail"),
]
