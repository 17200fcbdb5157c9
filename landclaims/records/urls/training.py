from django.urls import path

from landclaims.records.views import training as views

app_name = "training"
urlpatterns = [
    path("", views.training_list_view, name="list"),
    path("new/", views.training_new, name="new"),
    path("<int:pk>/", views.training_detail_view, name="detail"),
    path("<int:pk>/edit/", views.training_edit, name="edit"),
    path("<int:pk>/attendance/", views.training_attendance, name="attendance"),
]
