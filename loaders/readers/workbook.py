"""What every reader gives (the sheets of one file, its format, notes) and the bounds they share."""

from dataclasses import dataclass, field

from formats import number
from loaders.issues import Issue, UnreadableFile
from loaders.sheets import Sheet

FORMAT_NAMES = {
    "xlsx": "Excel (.xlsx)",
    "xlsm": "Excel con macros (.xlsm)",
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "csv": "texto separado por comas o punto y coma (.csv)",
}

MAX_CELLS_PER_SHEET = 2_000_000  # far above any tracker; a larger grid is a broken or hostile file
MAX_CELLS_PER_WORKBOOK = 4_000_000  # a national tracker of 24 monthly sheets holds 170.000
MAX_TEXT_BYTES = 100 * 1024 * 1024  # text the reader would copy into cells, the whole workbook
MAX_COLUMNS = 16_384  # Excel's and LibreOffice's last column, XFD
MAX_ROWS = 1_048_576  # Excel's last row


@dataclass
class Workbook:
    """The sheets read from one file, its real format, and notes about what was not read."""

    format: str
    sheets: list[Sheet]
    notes: list[Issue] = field(default_factory=list)


def unknown_reason() -> str:
    """Why a file is no spreadsheet at all, naming the formats that are read."""
    known = ", ".join(FORMAT_NAMES.values())
    return f"no es una planilla reconocible; se esperaba uno de estos formatos: {known}"


def too_large(file: str, sheet: str, rows: int, cols: int) -> UnreadableFile:
    """The refusal of a sheet whose grid would hold more cells than any tracker."""
    return UnreadableFile(
        file,
        f"la hoja «{sheet}» ocupa {number(rows)} filas × {number(cols)} columnas "
        f"({number(rows * cols)} celdas; límite {number(MAX_CELLS_PER_SHEET)}), un tamaño "
        "absurdo para un seguimiento: revise si hay un dato perdido muy abajo o muy a la derecha",
    )


class Budget:
    """What the sheets of one workbook would take once read: cells and copied text, counted
    before the reader builds them, and refused past the bounds above."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.cells = 0
        self.text = 0

    def fits(self, text: int) -> bool:
        """Whether text more bytes stay within the workbook's bound."""
        return self.text + text <= MAX_TEXT_BYTES

    def check(self, sheet: str, rows: int, cols: int, text: int) -> None:
        """UnreadableFile if one more sheet of rows × cols and text bytes passes a bound."""
        if rows * cols > MAX_CELLS_PER_SHEET:
            raise too_large(self.file, sheet, rows, cols)
        if self.cells + rows * cols > MAX_CELLS_PER_WORKBOOK:
            raise UnreadableFile(
                self.file,
                f"el libro suma más de {number(MAX_CELLS_PER_WORKBOOK)} celdas entre sus hojas, "
                "mucho más que cualquier seguimiento; divídalo o quite las hojas que no son datos",
            )
        if not self.fits(text):
            raise UnreadableFile(
                self.file,
                f"el texto de sus celdas suma más de {number(MAX_TEXT_BYTES / 1024 / 1024)} MB "
                f"(la hoja «{sheet}» lo supera): es un archivo dañado o malicioso, no se abre",
            )

    def add(self, sheet: str, rows: int, cols: int, text: int) -> None:
        """Count one sheet; UnreadableFile past a bound."""
        self.check(sheet, rows, cols, text)
        self.cells += rows * cols
        self.text += text
