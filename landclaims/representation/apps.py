from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepresentationConfig(AppConfig):
    name = "landclaims.representation"
    label = "representation"
    verbose_name = _("Elected and nominated members")
