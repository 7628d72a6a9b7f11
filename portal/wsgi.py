import os

from django.core.wsgi import get_wsgi_application

from portal.checks import require_referral_encryption_keys, require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

# Refuse to serve without a secret key, with a message that says what to do.
require_secret_key()
# Nor without the key that encrypts referrals: they could be neither stored nor read.
require_referral_encryption_keys()

application = get_wsgi_application()
