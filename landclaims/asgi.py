"""ASGI entry point for landclaims."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
application = get_asgi_application()
