"""Background tasks of the catalog: ingestion of an uploaded resource version."""

from django_tasks import task


@task()
def ingest_resource_version(version_id: int) -> str:
    """Ingest the version's file into Parquet; returns the version's resulting status."""
    from .engine.ingest import ingest_version
    from .models import ResourceVersion

    ingest_version(version_id)
    return ResourceVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()
