from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    # Inside the project package (the design card keeps the top level to the two domain apps);
    # the label keeps the short name its tables and migrations use.
    name = "portal.reviews"
    label = "reviews"
    verbose_name = "Keeping content current"
