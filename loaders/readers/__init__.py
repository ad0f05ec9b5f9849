"""Spreadsheet readers: the real format is sniffed from the bytes, and each format has one reader,
bounded before its expensive call (see docs/security.md)."""

from collections.abc import Callable
from pathlib import PurePath

from loaders.fills import attach_fills
from loaders.guard import Limits, check_size
from loaders.issues import Issue, UnreadableFile
from loaders.readers.delimited import read_csv
from loaders.readers.sniff import sniff_format
from loaders.readers.spreadsheet import read_ods, read_xls, read_xlsx
from loaders.readers.workbook import FORMAT_NAMES, Workbook

__all__ = ["FORMAT_NAMES", "READERS", "Workbook", "read_workbook", "sniff_format"]

READERS: dict[str, Callable[[bytes, str, str], Workbook]] = {
    "xlsx": read_xlsx,
    "xlsm": read_xlsx,
    "xls": read_xls,
    "ods": read_ods,
    "csv": read_csv,
}

_FAMILY = {"xlsm": "xlsx"}  # macros are never run, so an .xlsm is read as any .xlsx


def read_workbook(data: bytes, name: str, limits: Limits | None = None) -> Workbook:
    """Every sheet of a file given as bytes, read by the reader of its real format, once the
    guard has checked its size and container against the limits (UPLOAD_MAX_* settings)."""
    limits = limits or Limits.from_settings()
    check_size(data, name, limits)
    fmt = sniff_format(data, name, limits)
    try:
        workbook = READERS[fmt](data, name, fmt)
        attach_fills(data, fmt, workbook.sheets, workbook.notes)
    except MemoryError as exc:
        raise UnreadableFile(
            name, "leerlo exigía más memoria de la que hay; es un archivo dañado o malicioso"
        ) from exc
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if suffix in READERS and _FAMILY.get(suffix, suffix) != _FAMILY.get(fmt, fmt):
        workbook.notes.append(
            Issue(
                "warning",
                "",
                "",
                f"el archivo se llama .{suffix} pero es {FORMAT_NAMES[fmt]}; se leyó como tal",
            )
        )
    return workbook
