from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "landclaims.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from landclaims.accounts.middleware import stamp_login

        user_logged_in.connect(stamp_login, dispatch_uid="landclaims.accounts.stamp_login")
