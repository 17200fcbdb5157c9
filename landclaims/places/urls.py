from django.urls import path

from landclaims.places import views

app_name = "places"
urlpatterns = [
    path("<int:pk>/", views.area_detail_view, name="detail"),
]
