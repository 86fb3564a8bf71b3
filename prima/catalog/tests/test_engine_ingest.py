"""Ingestion: encodings, delimiters, quoting, codes, numbers, bad files, XLSX, JSON."""

from __future__ import annotations

import io
import zipfile

import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from prima.catalog.engine.ingest import apply_schema, ingest_version
from prima.catalog.engine.query import Query, run_query
from prima.catalog.engine.safety import parquet_location

from .test_engine_support import by_name, ingest, make_version, media  # noqa: F401

pytestmark = pytest.mark.django_db


def test_codes_stay_text_with_their_zeros_and_dots(media, tree):
    content = ("kode_wilayah,no_tps,kode_desa,nama,dpt,persen\n"
               "33,001,3320012001,Jepara,250,12.5\n"
               "33.20,002,3320012002,Kab. Jepara,251,13.25\n"
               "33.20.01,012,3320012003,Kedung,252,0.5\n").encode()
    version = ingest(content)
    assert version.status == "review", version.problems
    cols = by_name(version)
    assert cols["kode_wilayah"]["type"] == "code" and cols["kode_wilayah"]["is_code"]
    assert cols["no_tps"]["is_code"] and cols["kode_desa"]["is_code"]
    assert cols["nama"]["type"] == "text" and not cols["nama"]["is_code"]
    assert cols["dpt"]["type"] == "integer"
    assert cols["persen"]["type"] == "decimal"
    page = run_query(version, Query())
    assert [r["kode_wilayah"] for r in page.rows] == ["33", "33.20", "33.20.01"]
    assert [r["no_tps"] for r in page.rows] == ["001", "002", "012"]
    assert page.rows[0]["dpt"] == 250
    assert version.row_count == 3
    assert version.progress == 100
    assert version.detected["delimiter"] == ","


def test_leading_zero_and_dotted_codes_without_code_names(media, tree):
    content = b"a,b,c\n0012,1.2.3,7\n0013,1.2.4,8\n"
    cols = by_name(ingest(content))
    assert cols["a"]["is_code"] and cols["a"]["type"] == "code"
    assert cols["b"]["is_code"]
    assert cols["c"]["type"] == "integer"
