from django.urls import path

from landclaims.accounts import views

app_name = "accounts"
urlpatterns = [
    path("2fa/", views.enrol, name="enrol"),
    path("2fa/verify/", views.verify, name="verify"),
    path("2fa/backup-codes/", views.backup_codes, name="backup_codes"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
]
