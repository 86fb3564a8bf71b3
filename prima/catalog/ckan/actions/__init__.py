"""The CKAN actions Prima answers, one function per action, by family: packages (datasets,
resources, tags, licences), organizations and groups, the datastore, and the site's status.

Each action takes ``(request, params)`` and returns the ``result`` of CKAN's envelope or raises
an ``errors.ActionError``; its docstring is what ``help_show`` answers.
"""

from __future__ import annotations

from collections.abc import Callable

from .datastore import datastore_search
from .organization import group_list, group_show, organization_list, organization_show
from .package import (
    license_list,
    package_list,
    package_search,
    package_show,
    resource_show,
    tag_list,
)
from .status import help_show, status_show

ACTIONS: dict[str, Callable] = {function.__name__: function for function in (
    package_list, package_search, package_show, resource_show, organization_list,
    organization_show, group_list, group_show, tag_list, license_list, status_show, help_show,
    datastore_search,
)}
