from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParcelsConfig(AppConfig):
    name = "landclaims.parcels"
    label = "parcels"
    verbose_name = _("Parcels")
