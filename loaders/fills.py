"""Cell fill colours of .xlsx/.xlsm and .ods workbooks, read from their styles with a streaming
parse and attached to each Sheet as (row, col) -> "RRGGBB"; other formats carry none."""

import colorsys
import io
import zipfile
import zlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from posixpath import dirname, join, normpath
from xml.parsers import expat

from loaders.issues import Issue
from loaders.sheets import Sheet

WHITE = "FFFFFF"  # a white fill is how many trackers write "no colour": it is no colour
MARGIN_COLS = 2
"""Columns right of a sheet's last value where fills are still kept: a legend's colour cell may
sit right of its word (the grid ends at the last value, and fills past it are never read)."""
_HEX = frozenset("0123456789ABCDEF")
_MAX_PARENTS = 16  # an .ods style inheriting through more styles than this is a loop

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
# theme colour n of a fill is the n-th of these in the theme's colour scheme (light before dark,
# unlike the order the scheme lists them in)
_THEME_ORDER = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)


class _Refused(Exception):
    """A styles or sheet part that is not plain XML (a DOCTYPE, an entity declaration)."""


def attach_fills(data: bytes, fmt: str, sheets: list[Sheet], notes: list[Issue]) -> None:
    """Put each sheet's cell fill colours in its fills (only .xlsx, .xlsm and .ods have them);
    a workbook whose colours cannot be read gets a note saying so, and its sheets none."""
    read = _READERS.get(fmt)
    if read is None or not sheets:
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            read(archive, sheets)
    except _Refused:
        _unread(sheets, notes, "una parte trae una declaración DOCTYPE, que ninguna planilla usa")
    except expat.ExpatError as exc:
        _unread(sheets, notes, f"una parte no es XML válido (línea {exc.lineno})")
    except _ZIP_ERRORS:
        _unread(sheets, notes, "una parte del archivo está dañada")


def _unread(sheets: list[Sheet], notes: list[Issue], reason: str) -> None:
    """Leave every sheet without fills, and say so: a cell with only a colour reads as empty."""
    for sheet in sheets:
        sheet.fills.clear()
    notes.append(
        Issue(
            "warning",
            "",
            "",
            f"no se pudieron leer los colores de relleno de las celdas: {reason}; una celda que "
            "solo tiene color se lee como vacía",
        )
    )


def colour_name(colour: str) -> str:
    """A fill colour as a message names it: «#FFC000», or what was found when it is no RGB."""
    return f"#{colour}" if len(colour) == 6 and all(c in _HEX for c in colour) else colour


# --- parsing ---------------------------------------------------------------------------------


def _parse(
    archive: zipfile.ZipFile,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    namespaces: bool = True,
) -> None:
    """Stream one part through expat, with namespaces resolved ("uri local") unless told not
    to; DTDs refused."""
    parser = expat.ParserCreate(namespace_separator=" " if namespaces else None)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _refuse(*_args) -> None:
    raise _Refused


def _bounds(sheet: Sheet) -> tuple[int, int]:
    """The rows and columns of a sheet where fills are kept: its grid, plus MARGIN_COLS."""
    return len(sheet.rows), max(map(len, sheet.rows), default=0) + MARGIN_COLS


@lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    """The 0-based column of its letters (A -> 0); -1 for anything else."""
    col = 0
    for letter in letters:
        if not "A" <= letter <= "Z":
            return -1  # lowercase too: the spreadsheet reader does not place those
        col = col * 26 + ord(letter) - 64
    return col - 1


# --- Office Open XML (.xlsx, .xlsm) ----------------------------------------------------------


def _xlsx(archive: zipfile.ZipFile, sheets: list[Sheet]) -> None:
    """Fills through styles.xml (cellXfs -> fillId -> solid fgColor) and each cell's style index;
    a workbook whose styles fill nothing is done without opening its sheets."""
    names = set(archive.namelist())
    rels = _relationships(archive, "xl/_rels/workbook.xml.rels", names)
    styles_part = next((t for t, kind in rels.values() if kind == "styles"), "xl/styles.xml")
    if styles_part not in names:
        return
    theme_part = next((t for t, kind in rels.values() if kind == "theme"), "xl/theme/theme1.xml")
    styles = _Styles()
    _parse(archive, styles_part, styles.start, styles.end)
    theme = _theme(archive, theme_part) if theme_part in names and styles.uses_theme else []
    filled = styles.filled(theme)
    if not filled:
        return
    parts = _sheet_parts(archive, rels, names)
    for sheet in sheets:
        part = parts.get(sheet.name)
        if part is not None:
            cells = _XlsxCells(filled, *_bounds(sheet))
            _parse(archive, part, cells.start, namespaces=False)
            sheet.fills.update(cells.fills)


def _relationships(
    archive: zipfile.ZipFile, part: str, names: set[str]
) -> dict[str, tuple[str, str]]:
    """A relationships part: id -> (the target's path in the archive, the kind of its type)."""
    found: dict[str, tuple[str, str]] = {}
    if part not in names:
        return found
    base = dirname(dirname(part))

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_PKG} Relationship":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else normpath(join(base, target))
            found[attrs.get("Id", "")] = (path, attrs.get("Type", "").rpartition("/")[2])

    _parse(archive, part, start)
    return found


def _sheet_parts(
    archive: zipfile.ZipFile, rels: dict[str, tuple[str, str]], names: set[str]
) -> dict[str, str]:
    """Each sheet's name -> its XML part, from workbook.xml and its relationships."""
    parts: dict[str, str] = {}
    if "xl/workbook.xml" not in names:
        return parts

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == f"{_MAIN} sheet":
            target = rels.get(attrs.get(f"{_REL} id", ""))
            if target is not None and target[0] in names:
                parts[attrs.get("name", "")] = target[0]

    _parse(archive, "xl/workbook.xml", start)
    return parts


class _Styles:
    """What styles.xml says about fills: each fill's solid colour, each cell format's fill, and
    the workbook's own palette of indexed colours."""

    def __init__(self) -> None:
        self.fills: list[dict[str, str] | None] = []  # the fgColor of a solid fill
        self.xf_fills: list[int] = []  # cellXfs, in order: the fill of each cell style index
        self.palette: list[str] = []
        self._stack: list[str] = []
        self.uses_theme = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """Take fills, cell formats and palette colours as their elements open."""
        tag = name.rpartition(" ")[2]
        parent = self._stack[-1] if self._stack else ""
        self._stack.append(tag)
        if tag == "fill" and parent == "fills":
            self.fills.append(None)
        elif tag == "patternFill" and parent == "fill" and self.fills:
            # only a solid pattern shows its colour; gray125 and the like are textures
            self.fills[-1] = {} if attrs.get("patternType") == "solid" else None
        elif tag == "fgColor" and parent == "patternFill" and self.fills and self.fills[-1] == {}:
            self.fills[-1] = dict(attrs)
            self.uses_theme = self.uses_theme or "theme" in attrs
        elif tag == "xf" and parent == "cellXfs":
            fill = attrs.get("fillId", "0")
            self.xf_fills.append(int(fill) if fill.isdigit() else 0)
        elif tag == "rgbColor" and parent == "indexedColors":
            self.palette.append(attrs.get("rgb", "")[-6:].upper())

    def end(self, _name: str) -> None:
        """Close the element opened last."""
        self._stack.pop()

    def filled(self, theme: list[str]) -> dict[str, str]:
        """Cell style index (as the s attribute writes it) -> its fill colour, for the styles
        whose fill has a colour that is not white."""
        colours = [_colour(f, theme, self.palette) if f else None for f in self.fills]
        out = {}
        for index, fill in enumerate(self.xf_fills):
            colour = colours[fill] if fill < len(colours) else None
            if colour and colour != WHITE:
                out[str(index)] = colour
        return out


def _colour(attrs: dict[str, str], theme: list[str], palette: list[str]) -> str | None:
    """An fgColor's RGB ("RRGGBB"): written as ARGB, as a theme colour with its tint, or as an
    index of the palette; a theme or index the workbook does not define is named as found."""
    if attrs.get("rgb"):
        return attrs["rgb"][-6:].upper()
    if attrs.get("theme", "").isdigit():
        index = int(attrs["theme"])
        if index >= len(theme):
            return f"color n.º {index} del tema"
        return _tinted(theme[index], attrs.get("tint", ""))
    if attrs.get("indexed", "").isdigit():
        index = int(attrs["indexed"])
        if index < len(palette):
            return palette[index]
        if not palette and index < 64:
            # the default palette of indexed colours, as openpyxl keeps it; imported here
            # because a workbook with indexed fills and no palette of its own is rare
            from openpyxl.styles.colors import COLOR_INDEX

            return COLOR_INDEX[index][-6:].upper()
        return None if index in (64, 65) else f"color indexado n.º {index}"
    return None  # auto: the window's own colour


def _tinted(rgb: str, tint: str) -> str:
    """A theme colour lightened (tint > 0) or darkened (tint < 0) in HLS, as ECMA-376 defines."""
    try:
        amount = float(tint) if tint else 0.0
        red, green, blue = (int(rgb[k : k + 2], 16) / 255 for k in (0, 2, 4))
    except ValueError:
        return rgb
    if not amount:
        return rgb
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + amount) if amount < 0 else light * (1 - amount) + amount
    return "".join(f"{round(v * 255):02X}" for v in colorsys.hls_to_rgb(hue, light, sat))


def _theme(archive: zipfile.ZipFile, part: str) -> list[str]:
    """The theme's colours in the order fills number them."""
    scheme: dict[str, str] = {}
    current = ""

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal current
        uri, _, tag = name.rpartition(" ")
        if uri != _DRAWING:
            return
        if tag in _THEME_ORDER:
            current = tag
        elif current and tag in ("srgbClr", "sysClr"):
            scheme[current] = attrs.get("val" if tag == "srgbClr" else "lastClr", "").upper()
            current = ""

    _parse(archive, part, start)
    return [scheme.get(key, "") for key in _THEME_ORDER]


class _XlsxCells:
    """The filled cells of one worksheet part that lie within the sheet's bounds. A sheet is
    streamed without resolving namespaces (its element names are matched with the prefix its
    root uses), as this handler runs for every element of the largest parts."""

    def __init__(self, filled: dict[str, str], rows: int, cols: int) -> None:
        self.filled = filled
        self.rows, self.cols = rows, cols
        self.fills: dict[tuple[int, int], str] = {}
        self._row = -1
        self._col = -1
        self._cell, self._row_tag = "", ""  # with the prefix the part uses, from its root

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """Follow each cell's position, and keep its colour when its style is filled."""
        if name == self._cell:
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                digits = ref[len(letters) :]
                # a reference that is none cannot be placed, by the spreadsheet reader either
                self._row = int(digits) - 1 if digits.isdigit() else self.rows
                self._col = _column(letters)
            else:  # writers that leave the reference out mean the next cell
                self._col += 1
            colour = self.filled.get(attrs.get("s", ""))
            if colour is not None and 0 <= self._row < self.rows and 0 <= self._col < self.cols:
                self.fills[(self._row, self._col)] = colour
        elif name == self._row_tag:
            number = attrs.get("r", "")
            self._row = int(number) - 1 if number.isdigit() else self._row + 1
            self._col = -1
        elif not self._cell:
            prefix = name[: name.rfind(":") + 1]  # "x:" of x:worksheet, or none
            self._cell, self._row_tag = f"{prefix}c", f"{prefix}row"


# --- OpenDocument (.ods) ---------------------------------------------------------------------


def _ods(archive: zipfile.ZipFile, sheets: list[Sheet]) -> None:
    """Fills through the cell styles' fo:background-color (common ones in styles.xml, automatic
    ones in content.xml, inherited through their parents) and each cell's or column's style."""
    names = set(archive.namelist())
    styles = _OdsStyles()
    if "styles.xml" in names:
        _parse(archive, "styles.xml", styles.start, styles.end)
    if "content.xml" in names:
        tables = _OdsTables(styles, {sheet.name: sheet for sheet in sheets})
        _parse(archive, "content.xml", tables.start, tables.end)


class _OdsStyles:
    """The table-cell styles of an OpenDocument file: their background colour and parent."""

    def __init__(self) -> None:
        self.background: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self._current: str | None = None
        self._resolved: dict[str, str | None] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """Take a cell style's name and parent, and its background colour."""
        if name == f"{_STYLE} style":
            family = attrs.get(f"{_STYLE} family")
            self._current = attrs.get(f"{_STYLE} name") if family == "table-cell" else None
            if self._current and f"{_STYLE} parent-style-name" in attrs:
                self.parent[self._current] = attrs[f"{_STYLE} parent-style-name"]
        elif name == f"{_STYLE} table-cell-properties" and self._current:
            background = attrs.get(f"{_FO} background-color")
            if background:
                self.background[self._current] = background

    def end(self, name: str) -> None:
        """Leave a style."""
        if name == f"{_STYLE} style":
            self._current = None

    def colour(self, style: str | None) -> str | None:
        """The background of a cell style, its own or inherited; None for none or white."""
        if not style:
            return None
        if style not in self._resolved:
            found, name = None, style
            for _ in range(_MAX_PARENTS):
                if name in self.background:
                    found = self.background[name]
                    break
                name = self.parent.get(name)
                if name is None:
                    break
            rgb = found.lstrip("#").upper() if found and found.startswith("#") else None
            self._resolved[style] = None if rgb in (None, WHITE) else rgb
        return self._resolved[style]


class _OdsTables:
    """The filled cells of every table of content.xml that is one of the sheets read."""

    def __init__(self, styles: _OdsStyles, sheets: dict[str, Sheet]) -> None:
        self.styles = styles
        self.sheets = sheets
        self._sheet: Sheet | None = None
        self._bounds = (0, 0)
        # the columns' default cell colours, as ranges starting at _col_starts
        self._col_starts: list[int] = []
        self._col_colours: list[str | None] = []
        self._row = 0
        self._col = 0
        self._repeat = 1
        self._row_fills: list[tuple[int, str]] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """Follow tables, columns, rows and cells, and keep the colour of filled cells; the
        automatic styles before the tables go to the styles."""
        if name.startswith(_STYLE):
            self.styles.start(name, attrs)
        elif name == f"{_TABLE} table":
            self._sheet = self.sheets.get(attrs.get(f"{_TABLE} name", ""))
            self._bounds = _bounds(self._sheet) if self._sheet else (0, 0)
            self._col_starts, self._col_colours, self._row, self._col = [], [], 0, 0
        elif self._sheet is None:
            return
        elif name == f"{_TABLE} table-column":
            # a column's default style is how LibreOffice writes the style most of its cells share
            self._col_starts.append(self._col)
            style = attrs.get(f"{_TABLE} default-cell-style-name")
            self._col_colours.append(self.styles.colour(style))
            self._col += _repeated(attrs.get(f"{_TABLE} number-columns-repeated"))
        elif name == f"{_TABLE} table-row":
            self._col, self._row_fills = 0, []
            self._repeat = _repeated(attrs.get(f"{_TABLE} number-rows-repeated"))
        elif name in (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell"):
            count = _repeated(attrs.get(f"{_TABLE} number-columns-repeated"))
            if self._row < self._bounds[0]:
                self._cells(attrs.get(f"{_TABLE} style-name"), count)
            self._col += count

    def _cells(self, style: str | None, count: int) -> None:
        """Keep the colour of count cells from the current column, of their style or else of
        their columns' default style."""
        columns = range(self._col, min(self._col + count, self._bounds[1]))
        if style is not None:
            colour = self.styles.colour(style)
            if colour is not None:
                self._row_fills.extend((col, colour) for col in columns)
        elif any(self._col_colours):
            for col in columns:
                index = bisect_right(self._col_starts, col) - 1
                colour = self._col_colours[index] if index >= 0 else None
                if colour is not None:
                    self._row_fills.append((col, colour))

    def end(self, name: str) -> None:
        """At a row's end, its filled cells go to every row it repeats, within the grid."""
        if name.startswith(_STYLE):
            self.styles.end(name)
        elif self._sheet is not None and name == f"{_TABLE} table-row":
            for row in range(self._row, min(self._row + self._repeat, self._bounds[0])):
                for col, colour in self._row_fills:
                    self._sheet.fills[(row, col)] = colour
            self._row += self._repeat
        elif name == f"{_TABLE} table":
            self._sheet = None


def _repeated(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


_READERS: dict[str, Callable[[zipfile.ZipFile, list[Sheet]], None]] = {
    "xlsx": _xlsx,
    "xlsm": _xlsx,
    "ods": _ods,
}
