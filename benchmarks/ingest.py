"""Ingest: the project's loader against pandas+openpyxl (what most code does) and bare calamine."""

import io
from pathlib import Path

import pandas as pd
import python_calamine

from benchmarks.timing import fresh_process_s, median_s
from loaders import load


def calamine_rows(data: bytes) -> int:
    """Parse every sheet to Python rows with nothing else: the floor any reader pays."""
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)


def openpyxl_frames(data: bytes) -> int:
    """Every sheet as a DataFrame through openpyxl, as pandas does by default for .xlsx."""
    frames = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl", header=None)
    return sum(len(frame) for frame in frames.values())


def loader_rows(data: bytes, name: str) -> int:
    """The project's loader: read, find the tables, validate every cell, normalize."""
    return len(load(data, name=name).frame)


COLD = """
import time
start = time.perf_counter()
from loaders import load
load(open({path!r}, "rb").read(), name={name!r})
print(time.perf_counter() - start)
"""


def measure(path: Path, runs: int, openpyxl_runs: int) -> dict[str, float]:
    """Median seconds of each reader on one file (the loader also cold, in a fresh process)."""
    data = path.read_bytes()
    return {
        "loader_s": median_s(lambda: loader_rows(data, path.name), runs),
        "calamine_s": median_s(lambda: calamine_rows(data), runs),
        "openpyxl_s": median_s(lambda: openpyxl_frames(data), openpyxl_runs, warmup=0),
        "loader_cold_s": fresh_process_s(COLD.format(path=str(path), name=path.name), 1),
        "size_kb": round(len(data) / 1024, 1),
    }
