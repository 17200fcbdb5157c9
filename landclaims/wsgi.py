"""WSGI entry point for landclaims."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "landclaims.settings")
application = get_wsgi_application()
