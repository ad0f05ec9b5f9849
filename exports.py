"""Tables that leave the dashboard as CSV or Excel, with text from trackers kept as text."""

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def priorities_table(priorities: pd.DataFrame) -> pd.DataFrame:
    """The comunas prioritarias with Spanish headers, as shown and downloaded."""
    return pd.DataFrame(
        {
            "Región": priorities["region"],
            "Provincia": priorities["province"],
            "Comuna": priorities["comuna"],
            "Código": priorities["comuna_code"],
            "Habilitadas sin uso": priorities["habilitada_sin_uso"],
            "Sin iniciar": priorities["sin_iniciar"],
            "Índice de adopción": priorities["index"].round(0),
        }
    )


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (Excel opens it with accents right); a cell that a spreadsheet would
    read as a formula gets a leading apostrophe."""
    safe = table.map(
        lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
    )
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per table; every string is written as text, never a formula."""
    book = Workbook()
    book.remove(book.active)
    for name, table in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append([str(c) for c in table.columns])
        for row in table.itertuples(index=False):
            sheet.append([None if v is None or v != v else v for v in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for index, column in enumerate(table.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
