from django.urls import path

from landclaims.core import views

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/language/", views.choose_language, name="choose_language"),
    path("dates/bangla/", views.bangla_date, name="bangla_date"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
]
