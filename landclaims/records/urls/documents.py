from django.urls import path

from landclaims.records.views import documents as views

app_name = "documents"
urlpatterns = [
    path("<int:pk>/download/", views.document_download, name="download"),
    path("upload/case/<int:pk>/", views.document_upload, {"on": "case"}, name="upload_case"),
    path("upload/claim/<int:pk>/", views.document_upload, {"on": "claim"}, name="upload_claim"),
    path("upload/parcel/<int:pk>/", views.document_upload, {"on": "parcel"}, name="upload_parcel"),
    path("upload/group/<int:pk>/", views.document_upload, {"on": "group"}, name="upload_group"),
]
