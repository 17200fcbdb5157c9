from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Commands for running the site that reach across features (`prune_files`); no models."""

    name = "landclaims.ops"
    label = "ops"
    verbose_name = _("Site operations")
