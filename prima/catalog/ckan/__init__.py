"""A CKAN-compatible Action API (read-only subset) so that CKAN clients and harvesters, such as
the ``ckanapi`` client and Satu Data Indonesia's harvester, work against Prima unchanged.

Shapes follow CKAN 2.10's action API: every answer is the envelope ``{"help", "success",
"result"}`` or ``{"help", "success": false, "error": {"__type", ...}}``. Only published datasets
are visible, whoever asks (``Dataset.objects.published()``, as on the JSON API and DCAT), and
``datastore_search`` reads only the published version of a resource. Mapping: a satker is a CKAN
*organization* (``shapes.organization_name``), a topic a *group*, a dataset a *package*. Limits
differ from CKAN where noted: ``rows`` and the datastore ``limit`` are capped at 1000 (CKAN's
datastore allows 32000).

Modules: ``params`` reads and checks action parameters, ``errors`` are CKAN's error answers,
``shapes`` writes the dictionaries CKAN returns, ``solr`` turns ``q``/``fq``/``sort``/facets into
queries, ``actions`` holds one function per action by family, ``dispatch`` is the view with
CKAN's envelope, ``urls`` mounts it.
"""
