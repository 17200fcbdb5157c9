from django.urls import path

from landclaims.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.export_page, name="index"),
    path("<int:pk>/download/", views.download, name="download"),
]
