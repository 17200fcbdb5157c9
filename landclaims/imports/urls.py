from django.urls import path

from landclaims.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list_view, name="list"),
    path("<uuid:token>/", views.import_detail_view, name="detail"),
    path("<uuid:token>/commit/", views.import_commit_view, name="commit"),
    path("<uuid:token>/discard/", views.import_discard_view, name="discard"),
    path("<uuid:token>/repairs.geojson", views.import_repairs_view, name="repairs"),
    path("<uuid:token>/rows.geojson", views.import_rows_view, name="rows"),
    path("templates/<slug:kind>.<slug:fmt>", views.import_template_view, name="template"),
]
