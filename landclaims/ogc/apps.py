from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OgcConfig(AppConfig):
    name = "landclaims.ogc"
    label = "ogc"
    verbose_name = _("OGC API - Features")
