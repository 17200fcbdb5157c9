"""/odk/phones/ (a person's phone keys) and the OpenRosa server phones call, under
/odk/key/<secret>/: the key in the server URL, as ODK Central's app users have it."""

from django.urls import URLPattern, path, re_path

from landclaims.odk import views

app_name = "odk"

# Collect adds "/formList" to the server URL it was given, which ends in "/": both "//" and
# "/" are accepted before the endpoint's name.
KEY = r"^key/(?P<secret>[A-Za-z0-9_-]+)/+"

urlpatterns: list[URLPattern] = [
    path("phones/", views.phones_page, name="phones"),
    re_path(r"^phones/forms/(?P<form_id>\w+)\.xlsx$", views.xlsform_download, name="xlsform"),
    re_path(KEY + r"$", views.form_list, name="server"),
    re_path(KEY + r"formList$", views.form_list, name="form_list"),
    re_path(KEY + r"forms/(?P<form_id>\w+)/form\.xml$", views.form_xml, name="form_xml"),
    re_path(KEY + r"forms/(?P<form_id>\w+)/manifest$", views.manifest, name="manifest"),
    re_path(
        KEY + r"forms/(?P<form_id>\w+)/media/(?P<filename>[\w.-]+)$", views.media, name="media"
    ),
    re_path(KEY + r"submission$", views.submission, name="submission"),
    re_path(KEY + r"kobo/$", views.kobo, name="kobo"),
]
