from django.urls import path

from landclaims.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
