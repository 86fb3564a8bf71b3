from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "prima.catalog"
    label = "catalog"
    verbose_name = _("Katalog data terbuka")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Dataset, Resource, ResourceVersion
        from .views_public import public_lookups

        for model in (Dataset, Resource, ResourceVersion):
            for signal in (post_save, post_delete):
                signal.connect(public_lookups.clear, sender=model,
                               dispatch_uid=f"catalog-public-lookups-{model.__name__}-"
                                            f"{signal is post_save}")
