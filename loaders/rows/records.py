"""The records read from a file, kept as columns of small integers into tables of the distinct
values (trackers repeat a few hundred comunas, five platforms and a handful of words tens of
thousands of times), and turned into the frame's columns in one vectorized step."""

import datetime as dt
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.rows.cells import Record
from loaders.sheets import cell_ref, column_letters, parse_ref

DatedRecord = tuple[*Record, dt.date | None]
"""A record and the date it was observed at (None when neither its row nor its sheet has one)."""


class Interned:
    """Distinct values in the order first seen, each with its index."""

    def __init__(self) -> None:
        self.values: list = []
        self.index: dict = {}

    def id(self, value) -> int:
        """The index of a value, added the first time it is seen."""
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
        return found


class Catalog:
    """The distinct values every table of one file refers to: comunas as (region_code, code,
    name), platforms, readings as (stage, status_raw), sheet names and dates."""

    def __init__(self) -> None:
        self.comunas = Interned()
        self.platforms = Interned()
        self.readings = Interned()
        self.sheets = Interned()
        self.dates = Interned()


class Records:
    """The records of one table, in reading order. A row read quickly (CleanRows) keeps only its
    row, comuna and readings, the same columns and sheet for every such row; a row read cell by
    cell keeps each record whole. Each row is read one way or the other, so ordering all the
    records by row gives the reading order back."""

    def __init__(self, catalog: Catalog, sheet: str, when: dt.date | None, cols: list[int]) -> None:
        self.catalog = catalog
        self.sheet = catalog.sheets.id(sheet)
        self.when = catalog.dates.id(when)
        self.cols = cols
        """The status cells of a row read quickly, left to right as the layout reads them."""
        self.clean_rows: list[int] = []
        self.clean_comunas: list[int] = []
        self.clean_platforms: list[int] = []
        self.clean_readings: list[int] = []
        self.other: tuple[list[int], ...] = tuple([] for _ in range(7))
        """row, col, comuna, platform, reading, sheet and date of each record read cell by cell."""

    def add(self, record: Record, when: dt.date | None) -> None:
        """One record read cell by cell (any layout), at its date."""
        region_code, code, name, platform, stage, raw, sheet, cell = record
        catalog = self.catalog
        ids = (
            *parse_ref(cell),
            catalog.comunas.id((region_code, code, name)),
            catalog.platforms.id(platform),
            catalog.readings.id((stage, raw)),
            catalog.sheets.id(sheet),
            catalog.dates.id(when),
        )
        for column, value in zip(self.other, ids, strict=True):
            column.append(value)

    def __len__(self) -> int:
        return len(self.clean_readings) + len(self.other[0])

    def columns(self) -> list[np.ndarray]:
        """row, col, comuna, platform, reading, sheet and date of every record, in order."""
        rows = len(self.clean_rows)
        width = len(self.cols)
        clean = [
            np.repeat(np.asarray(self.clean_rows, dtype=np.int64), width),
            np.tile(np.asarray(self.cols, dtype=np.int64), rows),
            np.repeat(np.asarray(self.clean_comunas, dtype=np.int64), width),
            np.asarray(self.clean_platforms, dtype=np.int64),
            np.asarray(self.clean_readings, dtype=np.int64),
            np.full(rows * width, self.sheet, dtype=np.int64),
            np.full(rows * width, self.when, dtype=np.int64),
        ]
        if not self.other[0]:
            return clean
        both = [
            np.concatenate([quick, np.asarray(slow, dtype=np.int64)])
            for quick, slow in zip(clean, self.other, strict=True)
        ]
        order = np.argsort(both[0], kind="stable")
        return [column[order] for column in both]

    def __iter__(self) -> Iterator[DatedRecord]:
        catalog = self.catalog
        for r, c, comuna, platform, reading, sheet, when in zip(
            *(column.tolist() for column in self.columns()), strict=True
        ):
            yield (
                *catalog.comunas.values[comuna],
                catalog.platforms.values[platform],
                *catalog.readings.values[reading],
                catalog.sheets.values[sheet],
                cell_ref(r, c),
                catalog.dates.values[when],
            )


def _text(values: list[str], ids: np.ndarray) -> pd.Series:
    """A str column of values taken by index: the values are turned into text once each."""
    return pd.Series(pa.array(values, pa.large_string()).take(pa.array(ids)), dtype="str")


def repeated_text(value: str, size: int) -> pd.Series:
    """A str column holding one text size times."""
    return _text([value], np.zeros(size, dtype=np.int64))


def _cells(rows: np.ndarray, cols: np.ndarray) -> pa.Array:
    """The A1 reference of each row and column."""
    distinct, at = np.unique(cols, return_inverse=True)
    letters = pa.array([column_letters(int(c)) for c in distinct], pa.large_string())
    numbers = pc.cast(pa.array(rows + 1), pa.large_string())
    return pc.binary_join_element_wise(
        letters.take(pa.array(at)), numbers, pa.scalar("", pa.large_string())
    )


def frame_of(
    parts: list[Records], refs: list[Mapping[str, str]], regions: Mapping[str, str]
) -> dict[str, pd.Series]:
    """The frame's columns that records fill (region to cell, and as_of), for every table of one
    file in order; refs name the cells of each turned table as its sheet does (empty for a table
    that is not)."""
    catalog = parts[0].catalog
    each = [part.columns() for part in parts]
    rows, cols, comunas, platforms, readings, sheets, dates = (
        np.concatenate(column) for column in zip(*each, strict=True)
    )
    cells = _cells(rows, cols)
    if any(refs):
        shown = cells.to_pylist()
        start = 0
        for part, turned in zip(parts, refs, strict=True):
            stop = start + len(part)
            if turned:
                shown[start:stop] = [turned.get(ref, ref) for ref in shown[start:stop]]
            start = stop
        cells = pa.array(shown, pa.large_string())
    known = catalog.comunas.values
    days = np.array(
        [np.datetime64("NaT" if d is None else d, "s") for d in catalog.dates.values],
        dtype="datetime64[s]",
    )
    return {
        "region_code": _text([c[0] for c in known], comunas),
        "region": _text([regions.get(c[0]) for c in known], comunas),
        "comuna_code": _text([c[1] for c in known], comunas),
        "comuna": _text([c[2] for c in known], comunas),
        "platform": _text(catalog.platforms.values, platforms),
        "stage": _text([stage for stage, _ in catalog.readings.values], readings),
        "status_raw": _text([raw for _, raw in catalog.readings.values], readings),
        "sheet": _text(catalog.sheets.values, sheets),
        "cell": pd.Series(cells, dtype="str"),
        "as_of": pd.Series(days[dates], dtype="datetime64[s]"),
    }
