from django.urls import path

from landclaims.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard.xlsx", views.download, {"file_format": "xlsx"}, name="xlsx"),
    path("dashboard.csv", views.download, {"file_format": "csv"}, name="csv"),
]
