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

FRAME_COLUMNS = (
    "region_code",
    "region",
    "comuna_code",
    "comuna",
    "platform",
    "stage",
    "status_raw",
    "sheet",
    "cell",
    "as_of",
)


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
    """The records of one table, in reading order, as parallel columns of catalog indexes and
    the row and column of each record's cell."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.comunas: list[int] = []
        self.platforms: list[int] = []
        self.readings: list[int] = []
        self.sheets: list[int] = []
        self.dates: list[int] = []

    def add(self, record: Record, when: dt.date | None) -> None:
        """One record built cell by cell (any layout), at its date."""
        region_code, code, name, platform, stage, raw, sheet, cell = record
        r, c = parse_ref(cell)
        catalog = self.catalog
        self.rows.append(r)
        self.cols.append(c)
        self.comunas.append(catalog.comunas.id((region_code, code, name)))
        self.platforms.append(catalog.platforms.id(platform))
        self.readings.append(catalog.readings.id((stage, raw)))
        self.sheets.append(catalog.sheets.id(sheet))
        self.dates.append(catalog.dates.id(when))

    def add_row(
        self,
        r: int,
        cols: list[int],
        comuna: int,
        platforms: list[int],
        readings: list[int],
        sheet: int,
        when: int,
    ) -> None:
        """The records of one row whose every cell read cleanly, given as catalog indexes."""
        n = len(cols)
        self.rows.extend([r] * n)
        self.cols.extend(cols)
        self.comunas.extend([comuna] * n)
        self.platforms.extend(platforms)
        self.readings.extend(readings)
        self.sheets.extend([sheet] * n)
        self.dates.extend([when] * n)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[DatedRecord]:
        catalog = self.catalog
        for r, c, comuna, platform, reading, sheet, when in zip(
            self.rows,
            self.cols,
            self.comunas,
            self.platforms,
            self.readings,
            self.sheets,
            self.dates,
            strict=True,
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


def _cells(parts: list[Records], refs: list[Mapping[str, str]]) -> pd.Series:
    """The A1 reference of every record's cell; a turned table's named as its sheet names them."""
    rows = np.concatenate([np.asarray(p.rows, dtype=np.int64) for p in parts]) + 1
    cols = np.concatenate([np.asarray(p.cols, dtype=np.int64) for p in parts])
    distinct, at = np.unique(cols, return_inverse=True)
    letters = pa.array([column_letters(int(c)) for c in distinct], pa.large_string())
    numbers = pc.cast(pa.array(rows), pa.large_string())
    cells = pc.binary_join_element_wise(
        letters.take(pa.array(at)), numbers, pa.scalar("", pa.large_string())
    )
    if any(refs):
        shown = cells.to_pylist()
        start = 0
        for part, turned in zip(parts, refs, strict=True):
            stop = start + len(part)
            if turned:
                shown[start:stop] = [turned.get(ref, ref) for ref in shown[start:stop]]
            start = stop
        cells = pa.array(shown, pa.large_string())
    return pd.Series(cells, dtype="str")


def frame_of(
    parts: list[Records], refs: list[Mapping[str, str]], regions: Mapping[str, str]
) -> pd.DataFrame:
    """The frame's record columns (FRAME_COLUMNS) of every table of one file, in order; refs
    name the cells of each turned table as its sheet does (empty for a table that is not)."""
    catalog = parts[0].catalog

    def ids(name: str) -> np.ndarray:
        return np.concatenate([np.asarray(getattr(p, name), dtype=np.int64) for p in parts])

    comunas = ids("comunas")
    readings = ids("readings")
    known = catalog.comunas.values
    dates = np.array(
        [
            np.datetime64(d, "s") if d is not None else np.datetime64("NaT", "s")
            for d in catalog.dates.values
        ],
        dtype="datetime64[s]",
    )
    return pd.DataFrame(
        {
            "region_code": _text([c[0] for c in known], comunas),
            "region": _text([regions.get(c[0]) for c in known], comunas),
            "comuna_code": _text([c[1] for c in known], comunas),
            "comuna": _text([c[2] for c in known], comunas),
            "platform": _text(catalog.platforms.values, ids("platforms")),
            "stage": _text([s for s, _ in catalog.readings.values], readings),
            "status_raw": _text([raw for _, raw in catalog.readings.values], readings),
            "sheet": _text(catalog.sheets.values, ids("sheets")),
            "cell": _cells(parts, refs),
            "as_of": pd.Series(dates[ids("dates")], dtype="datetime64[s]"),
        }
    )
