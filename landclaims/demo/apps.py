from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Deterministic demo data (`manage.py seed_demo`): no models of its own."""

    name = "landclaims.demo"
    label = "demo"
    verbose_name = _("Demo data")
