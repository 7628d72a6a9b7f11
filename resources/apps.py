from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "resources"
    verbose_name = "Guidance and lesson packs"

    def ready(self):
        # Cached counts and "Who can help" rows follow every change to content.
        from portal.core.caching import connect_signals

        connect_signals()
