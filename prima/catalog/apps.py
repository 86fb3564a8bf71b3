from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "prima.catalog"
    label = "catalog"
    verbose_name = _("Katalog data terbuka")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import ColumnMetadata, Dataset, Resource, ResourceVersion
        from .views_public import public_lookups

        post_save.connect(_touch_dataset, sender=Resource,
                          dispatch_uid="catalog-resource-touches-dataset")
        # ColumnMetadata: a column's public access decides what the lookups' versions show.
        for model in (Dataset, Resource, ResourceVersion, ColumnMetadata):
            for signal in (post_save, post_delete):
                signal.connect(public_lookups.clear, sender=model,
                               dispatch_uid=f"catalog-public-lookups-{model.__name__}-"
                                            f"{signal is post_save}")


def _touch_dataset(sender, instance, raw=False, **kwargs):
    """A resource's change (a new published version, a renamed file) is a change of its
    dataset: CKAN's ``metadata_modified``, on which harvesters' incremental runs
    (``fq=metadata_modified:[X TO *]``) depend, is the dataset's ``updated_at``."""
    if raw:
        return
    from django.utils import timezone

    from .models import Dataset

    Dataset.objects.filter(pk=instance.dataset_id).update(updated_at=timezone.now())
