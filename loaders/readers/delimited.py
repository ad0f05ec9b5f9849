"""Text separated by commas, semicolons, tabs or bars (.csv): decoded by its byte-order mark (UTF-8,
UTF-16, UTF-32) or as UTF-8, Windows-1252 or Latin-1; any line ending (old Macs end lines with CR
alone); the delimiter chosen by counting it on the first lines, in one pass; fields per row, rows
and cells bounded as the rows are read, before any row is padded to the widest."""

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import PurePath

from formats import number
from loaders.issues import UnknownFormat, UnreadableFile
from loaders.readers.workbook import (
    MAX_CELLS_PER_SHEET,
    MAX_COLUMNS,
    MAX_ROWS,
    Workbook,
    too_large,
    unknown_reason,
)
from loaders.sheets import Sheet

DELIMITERS = (";", ",", "\t", "|")  # on a tie, the first: Excel in Chile writes semicolons
SAMPLE_LINES = 50
SAMPLE_CHARS = 64 * 1024

TEXT_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """The text of a file: by its byte-order mark, else UTF-8, else Windows-1252, else Latin-1."""
    for bom, encoding in TEXT_BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def choose_delimiter(text: str) -> str:
    """The delimiter found on most of the first lines (then most often), outside quotes; one
    pass over at most SAMPLE_CHARS characters."""
    lines = [line for line in text[:SAMPLE_CHARS].splitlines() if line.strip()][:SAMPLE_LINES]
    scores = dict.fromkeys(DELIMITERS, (0, 0))
    for line in lines:
        unquoted = "".join(line.split('"')[::2])
        for delimiter in DELIMITERS:
            found = unquoted.count(delimiter)
            if found:
                lines_with, total = scores[delimiter]
                scores[delimiter] = (lines_with + 1, total + found)
    best = max(DELIMITERS, key=lambda d: scores[d])
    return best if scores[best] != (0, 0) else ","


class _Bounded:
    """The lines of the text, each counted before the CSV reader splits it: the fields of the
    record being read can be no more than MAX_COLUMNS, however the line is quoted."""

    def __init__(self, text: str, delimiter: str, file: str) -> None:
        self.lines = iter(io.StringIO(text, newline=""))
        self.delimiter = delimiter
        self.file = file
        self.pending = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.pending += line.count(self.delimiter) + 1
        if self.pending > MAX_COLUMNS:
            raise UnreadableFile(
                self.file,
                f"una fila tiene más de {number(MAX_COLUMNS)} campos (el máximo de una planilla); "
                "no es un seguimiento o el separador no es el que parece",
            )
        return line


def read_csv(data: bytes, name: str, fmt: str) -> Workbook:
    """The one sheet of a delimited text file, its rows padded to the widest."""
    text = decode(data)
    delimiter = choose_delimiter(text)
    lines = _Bounded(text, delimiter, name)
    sheet = PurePath(name).stem
    rows: list[list[str]] = []
    width = 0
    try:
        for row in csv.reader(lines, delimiter=delimiter):
            lines.pending = 0
            rows.append(row)
            width = max(width, len(row))
            if len(rows) > MAX_ROWS or len(rows) * width > MAX_CELLS_PER_SHEET:
                raise too_large(name, sheet, len(rows), width)
    except csv.Error as exc:  # a field past csv's own limit, or binary bytes that looked like text
        if "field larger than field limit" in str(exc):
            raise UnreadableFile(
                name,
                f"una celda tiene más de {number(csv.field_size_limit())} caracteres; "
                "no es un seguimiento",
            ) from exc
        raise UnknownFormat(name, unknown_reason()) from exc
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise UnreadableFile(name, "el archivo de texto no tiene datos")
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Workbook(format=fmt, sheets=[Sheet(name=sheet, rows=rows)])
