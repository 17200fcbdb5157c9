from django.urls import path

from landclaims.privacy import views

app_name = "privacy"
urlpatterns = [
    path("reads/", views.read_list_view, name="reads"),
]
