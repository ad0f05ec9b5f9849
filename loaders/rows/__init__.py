"""Reading the rows of a found table into records: the shared part, and one module per layout."""

from loaders.rows.cells import EXCEL_ERRORS, UNSAVED_FORMULA, Record
from loaders.rows.reader import LAYOUTS, Layout, RowReader

__all__ = ["EXCEL_ERRORS", "LAYOUTS", "UNSAVED_FORMULA", "Layout", "Record", "RowReader"]
