"""The catalog's table engine: ingestion of CSV/XLSX/JSON into Parquet, queries, exports, diffs.

Everything here takes model instances (or ids) and builds its SQL itself: identifiers come only
from a version's schema (validated and quoted), values are always bound parameters, and a query
connection can read nothing but the version's own Parquet file.
"""
