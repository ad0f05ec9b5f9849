"""National-scale synthetic trackers: every comuna of Chile, five platforms, monthly cut-offs."""

import calendar
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from loaders.gazetteer import gazetteer
from loaders.vocabulary import PLATFORMS
from views import platform_label

STAGE_WORDS = ("No iniciado", "En proceso", "Habilitada", "En uso")
FOUR_REGIONS = ("01", "09", "10", "14")
SEED = 20261122


@dataclass(frozen=True)
class Trackers:
    """The generated files and what they hold."""

    wide: Path
    long: Path
    regional: Path
    comunas: int
    months: int
    per_region: int | None = None  # comunas of each region, when not all of them


def month_ends(months: int, last: dt.date = dt.date(2025, 10, 31)) -> list[dt.date]:
    """The last day of each of `months` consecutive months, oldest first, ending with `last`."""
    days = []
    year, month = last.year, last.month
    for _ in range(months):
        days.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]


def stages(codes: list[str], months: int, seed: int = SEED) -> list[list[list[int]]]:
    """A stage index per month, comuna and platform that mostly moves forward, as trackers do."""
    rng = random.Random(seed)
    now = [[rng.choice((0, 0, 1)) for _ in PLATFORMS] for _ in codes]
    history = []
    for _ in range(months):
        for row in now:
            for p, stage in enumerate(row):
                step = rng.random()
                row[p] = (
                    min(stage + 1, 3)
                    if step < 0.12
                    else max(stage - 1, 0)
                    if step > 0.99
                    else stage
                )
        history.append([list(row) for row in now])
    return history


TITLE = "Seguimiento nacional de plataformas compartidas"
SOURCE = "SGD"
"""The source typed when a synthetic tracker is saved: its titles name none."""


def _title_rows(day: dt.date, title: str = TITLE) -> list[list[str]]:
    return [[title], [f"Fecha de corte: {day:%d/%m/%Y}"]]


def write_wide(path: Path, comunas, days: list[dt.date], history, title: str = TITLE) -> None:
    """A sheet per month: one row per comuna, one column per platform."""
    book = Workbook(write_only=True)
    header = ["Región", "Comuna", *(platform_label(p) for p in PLATFORMS)]
    for day, month in zip(days, history, strict=True):
        sheet = book.create_sheet(f"{day:%Y-%m}")
        for row in [*_title_rows(day, title), header]:
            sheet.append(row)
        for (region, comuna), row in zip(comunas, month, strict=True):
            sheet.append([region, comuna, *(STAGE_WORDS[s] for s in row)])
    book.save(path)


def write_long(path: Path, comunas, days: list[dt.date], history) -> None:
    """A sheet per month: one row per comuna and platform, with its status."""
    book = Workbook(write_only=True)
    for day, month in zip(days, history, strict=True):
        sheet = book.create_sheet(f"{day:%Y-%m}")
        for row in [*_title_rows(day), ["Región", "Comuna", "Plataforma", "Estado"]]:
            sheet.append(row)
        for (region, comuna), row in zip(comunas, month, strict=True):
            for platform, stage in zip(PLATFORMS, row, strict=True):
                sheet.append([region, comuna, platform_label(platform), STAGE_WORDS[stage]])
    book.save(path)


def _comunas(per_region: int | None, regions: tuple[str, ...] | None = None):
    """The gazetteer's comunas (of those regions), the first per_region of each or all."""
    table = gazetteer().comunas
    if regions is not None:
        table = table[table["region_code"].isin(regions)]
    if per_region is not None:
        table = table.groupby("region_code", sort=False).head(per_region)
    return table


def generate(folder: Path, months: int = 24, per_region: int | None = None) -> Trackers:
    """Write the national wide and long workbooks and a one-month tracker of the four regions
    (every comuna, or the first per_region comunas of each region)."""
    folder.mkdir(parents=True, exist_ok=True)
    table = _comunas(per_region)
    comunas = list(zip(table["region"], table["comuna"], strict=True))
    codes = list(table["comuna_code"])
    days = month_ends(months)
    history = stages(codes, months)
    wide, long = (
        folder / f"nacional_ancho_{months}m.xlsx",
        folder / f"nacional_largo_{months}m.xlsx",
    )
    if not wide.exists():
        write_wide(wide, comunas, days, history)
    if not long.exists():
        write_long(long, comunas, days, history)
    regional = folder / "cuatro_regiones.xlsx"
    if not regional.exists():
        regional_tracker(regional, per_region=per_region)
    return Trackers(wide, long, regional, len(codes), months, per_region)


def regional_tracker(path: Path, version: int = 0, per_region: int | None = None) -> Path:
    """A one-month tracker of the 81 comunas of the four regions (or the first per_region of
    each); each version has other bytes."""
    table = _comunas(per_region, FOUR_REGIONS)
    comunas = list(zip(table["region"], table["comuna"], strict=True))
    history = stages(list(table["comuna_code"]), 1, seed=SEED + version)
    title = f"Seguimiento de las cuatro regiones (versión {version})"
    write_wide(path, comunas, month_ends(1, dt.date(2025, 11, 30)), history, title)
    return path
