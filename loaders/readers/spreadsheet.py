"""The spreadsheet formats (.xlsx, .xlsm, .ods, .xls) through calamine, each sheet measured before
calamine builds it: in this process when the file can be measured cheaply, otherwise (and always
for the binary .xls) in a child process with a memory and a time ceiling."""

import io

import python_calamine

from formats import number
from loaders.guard import PASSWORD, ZIP_ERRORS, open_container
from loaders.isolation import isolated
from loaders.issues import Issue, UnreadableFile
from loaders.readers.ods import OdsTable, read_content
from loaders.readers.ooxml import Parts, Unmeasurable, main_part, read_package, with_standard_book
from loaders.readers.workbook import FORMAT_NAMES, MAX_CELLS_PER_SHEET, Budget, Workbook, too_large
from loaders.readers.xls import password_protected
from loaders.readers.xlsx_bounds import measure_sheet, shared_text
from loaders.sheets import Sheet
from loaders.unread_cells import SheetScan, TooManyMarks, mark_unread_cells, scan_sheet
from loaders.xmlstream import XmlRefused

CALAMINE_ERRORS = (python_calamine.CalamineError, OSError)
"""What calamine raises for a file it cannot read: its own errors (password, XML, zip, a missing
sheet) and OSError for what it could not read inside the archive."""

_WORKSHEET = python_calamine.SheetTypeEnum.WorkSheet
_VISIBLE = python_calamine.SheetVisibleEnum.Visible


def read_xlsx(data: bytes, name: str, fmt: str) -> Workbook:
    """An .xlsx or .xlsm: shared strings and every sheet measured before calamine reads them."""
    parts = Parts(open_container(data, name))
    try:
        main = main_part(parts, name) or "xl/workbook.xml"
        moved = with_standard_book(parts, name, main)
        if moved is not None:
            data, parts = moved, Parts(open_container(moved, name))
        package = read_package(parts, name, main)
        shared = shared_text(parts, package.shared_strings, name)
        budget = Budget(name)
        book = _open(data, name, fmt)
        workbook = Workbook(format=fmt, sheets=[])
        scanned: list[tuple[Sheet, SheetScan]] = []
        for sheet_name in _wanted(book, workbook):
            if sheet_name not in package.sheets:
                raise Unmeasurable
            measure = measure_sheet(parts, package.sheets[sheet_name], sheet_name, shared, budget)
            sheet = _sheet(book, sheet_name, name)
            workbook.sheets.append(sheet)
            if measure.scan is not None:
                scanned.append((sheet, measure.scan))
    except Unmeasurable:
        return isolated(read_unmeasured, data, name, fmt)
    mark_unread_cells(scanned)
    return _checked(workbook, name)


def read_ods(data: bytes, name: str, fmt: str) -> Workbook:
    """An .ods: content.xml measured (and its values kept) before calamine reads it; a file
    calamine rejects is read from those values."""
    archive = open_container(data, name)
    try:
        tables = read_content(archive, name, Budget(name))
    except XmlRefused:
        return isolated(read_unmeasured, data, name, fmt)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UnreadableFile(name, PASSWORD) from exc
    except CALAMINE_ERRORS:
        # calamine refuses what it does not expect between cells (Gnumeric's line breaks)
        return _from_tables(tables, name, fmt)
    workbook = Workbook(format=fmt, sheets=[])
    for sheet_name in _wanted(book, workbook):
        workbook.sheets.append(_sheet(book, sheet_name, name))
    return _checked(workbook, name)


def read_xls(data: bytes, name: str, fmt: str) -> Workbook:
    """An .xls, whose binary records cannot be measured cheaply: read in a child process."""
    if password_protected(data):
        raise UnreadableFile(name, PASSWORD)
    return isolated(read_unmeasured, data, name, fmt)


def read_unmeasured(data: bytes, name: str, fmt: str) -> Workbook:
    """Any spreadsheet format through calamine with only the checks calamine's own answers
    allow; meant for a child process with a memory ceiling."""
    book = _open(data, name, fmt)
    budget = Budget(name)
    workbook = Workbook(format=fmt, sheets=[])
    for sheet_name in _wanted(book, workbook):
        workbook.sheets.append(_sheet(book, sheet_name, name, budget))
    if fmt in ("xlsx", "xlsm"):
        mark_unread_cells(_scans(data, name, workbook.sheets))
    return _checked(workbook, name)


def _scans(data: bytes, name: str, sheets: list[Sheet]) -> list[tuple[Sheet, SheetScan]]:
    """The error values and unsaved formulas of the sheets whose parts can be followed."""
    parts = Parts(open_container(data, name))
    try:
        package = read_package(parts, name, main_part(parts, name) or "xl/workbook.xml")
    except (Unmeasurable, UnreadableFile):
        return []  # calamine read the sheets: what cannot be followed stays as it read them
    scans = []
    for sheet in sheets:
        info = parts.find(package.sheets.get(sheet.name, ""))
        if info is None:
            continue
        try:
            scans.append((sheet, scan_sheet(parts.archive.read(info), [])))
        except (XmlRefused, TooManyMarks, *ZIP_ERRORS):
            continue
    return scans


def _open(data: bytes, name: str, fmt: str) -> python_calamine.CalamineWorkbook:
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UnreadableFile(name, PASSWORD) from exc
    except CALAMINE_ERRORS as exc:
        raise UnreadableFile(name, _damaged(fmt)) from exc


def _damaged(fmt: str) -> str:
    return (
        f"el archivo {FORMAT_NAMES[fmt]} está dañado; ábralo en Excel o LibreOffice y guárdelo "
        "de nuevo"
    )


def _wanted(book: python_calamine.CalamineWorkbook, workbook: Workbook):
    """The names of the sheets to read (shown worksheets); a note for each one skipped."""
    for meta in book.sheets_metadata:
        if meta.typ != _WORKSHEET:
            workbook.notes.append(Issue("info", meta.name, "", "hoja de gráfico o macro; se omite"))
        elif meta.visible != _VISIBLE:
            workbook.notes.append(
                Issue("warning", meta.name, "", "hoja oculta; se omite (muéstrela si tiene datos)")
            )
        else:
            yield meta.name


def _sheet(
    book: python_calamine.CalamineWorkbook, sheet_name: str, name: str, budget: Budget | None = None
) -> Sheet:
    """One sheet as a grid from A1; its size is checked again against calamine's own answer
    before the grid is built, and its merged ranges are clipped to it."""
    try:
        sheet = book.get_sheet_by_name(sheet_name)
        end = sheet.end
        rows, cols = (end[0] + 1, end[1] + 1) if end else (0, 0)
        if budget is not None:
            budget.add(sheet_name, rows, cols, 0)
        elif rows * cols > MAX_CELLS_PER_SHEET:
            raise too_large(name, sheet_name, rows, cols)
        values = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except CALAMINE_ERRORS as exc:
        raise UnreadableFile(
            name, f"no se pudo leer la hoja «{sheet_name}»: el archivo está dañado"
        ) from exc
    return Sheet(
        name=sheet_name, rows=values, merged=_clipped(merged, rows, cols, name, sheet_name)
    )


def _clipped(merged, rows: int, cols: int, name: str, sheet_name: str):
    """The merged ranges inside the grid; ranges that cover more cells than the grid has
    overlap, which no spreadsheet program writes."""
    inside = []
    covered = 0
    for (r0, c0), (r1, c1) in merged:
        r1, c1 = min(r1, rows - 1), min(c1, cols - 1)
        if r0 <= r1 and c0 <= c1:
            inside.append((r0, c0, r1, c1))
            covered += (r1 - r0 + 1) * (c1 - c0 + 1)
    if covered > max(rows * cols, 1):
        raise UnreadableFile(
            name,
            f"la hoja «{sheet_name}» declara {number(len(inside))} rangos de celdas combinadas que "
            "se superponen; el archivo está dañado",
        )
    return inside


def _from_tables(tables: list[OdsTable], name: str, fmt: str) -> Workbook:
    workbook = Workbook(format=fmt, sheets=[])
    for table in tables:
        if table.visible:
            workbook.sheets.append(table.sheet())
        else:
            workbook.notes.append(
                Issue("warning", table.name, "", "hoja oculta; se omite (muéstrela si tiene datos)")
            )
    return _checked(workbook, name)


def _checked(workbook: Workbook, name: str) -> Workbook:
    if not workbook.sheets:
        skipped = "; ".join(f"«{note.sheet}»: {note.message}" for note in workbook.notes)
        raise UnreadableFile(
            name, f"el libro no tiene ninguna hoja de datos legible ({skipped or 'sin hojas'})"
        )
    return workbook
