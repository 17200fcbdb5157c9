from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OdkConfig(AppConfig):
    name = "landclaims.odk"
    label = "odk"
    verbose_name = _("Field phones")
