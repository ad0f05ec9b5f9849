"""Shared test helpers: small workbooks built in memory."""

import io
from collections.abc import Sequence

import openpyxl
import pytest


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[object]]], merged: dict[str, list[str]] | None = None
) -> bytes:
    """An .xlsx file (as bytes) with the given rows on each sheet, written by openpyxl."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for ref in (merged or {}).get(name, []):
            sheet.merge_cells(ref)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def make_xlsx():
    """The xlsx_bytes builder, as a fixture."""
    return xlsx_bytes
