import os

from django.core.wsgi import get_wsgi_application

from portal.checks import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

# Refuse to serve without a secret key, with a message that says what to do.
require_secret_key()

application = get_wsgi_application()
