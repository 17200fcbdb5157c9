from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "landclaims.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from landclaims.documents import checks  # noqa: F401  (registers the system check)
