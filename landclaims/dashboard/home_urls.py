"""The home page at /, named "home" (outside the dashboard's namespace)."""

from django.urls import path

from landclaims.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
]
