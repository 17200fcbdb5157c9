from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The pages that show and change a claim, case, group, member, parcel or area.

    They compose several apps (a claim's page lists its cases, allocations, documents and
    incidents beside its map and history), so they sit above the entity apps, which hold
    only the domain: models, services, selectors and admin.
    """

    name = "landclaims.records"
    label = "records"
    verbose_name = _("Record pages")
