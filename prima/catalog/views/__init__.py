"""Catalog pages: ``public`` (search, dataset and table pages, downloads) and the staff pages
by topic (``datasets``, ``resources``, ``versions``), with shared helpers in ``common``."""
