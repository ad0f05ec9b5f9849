"""Tables that leave the dashboard as CSV or Excel, with text from trackers kept as text."""

import io

import pandas as pd

import analytics
from loaders import COLUMNS
from loaders.vocabulary import alternative_label, platform_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def summary_table(shares: pd.DataFrame) -> pd.DataFrame:
    """Per region and platform, the counts and shares of analytics.shares with Spanish headers."""
    return pd.DataFrame(
        {
            "Región": shares["region"],
            "Plataforma": shares["platform"].map(platform_label),
            "Comunas en la escala": shares["on_scale"],
            "Habilitada o más": shares["enabled"],
            "En uso": shares["en_uso"],
            "% habilitada o más": (shares["pct_enabled"] * 100).round(1),
            "% en uso": (shares["pct_en_uso"] * 100).round(1),
            "Brecha de uso (%)": (shares["brecha_uso"] * 100).round(1),
            "Brecha de habilitación (%)": (shares["brecha_habilitacion"] * 100).round(1),
        }
    )


def solutions_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Per region and platform, the comunas on the SGD platform's scale, with their own solution
    or a private provider (analytics.solutions), with Spanish headers."""
    table = pd.DataFrame(
        {"Región": counts["region"], "Plataforma": counts["platform"].map(platform_label)}
    )
    for kind in analytics.SOLUTION_COLUMNS:
        table[analytics.solution_label(kind)] = counts[kind]
    return table


def alternatives_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The comunas at an alternative solution (analytics.alternative_rows): which one, «Propia»
    or «Privada» (empty when the tracker does not say), and the words written for it."""
    return pd.DataFrame(
        {
            "Región": rows["region"],
            "Comuna": rows["comuna"],
            "Código": rows["comuna_code"],
            "Plataforma": rows["platform"].map(platform_label),
            "Alternativa": rows["alternative"].map(alternative_label),
            "Escrito en la planilla": rows["status_raw"],
        }
    )


def data_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The normalized rows with exactly the contract's columns, dates as ISO text."""
    out = rows[list(COLUMNS)].copy()
    out["as_of"] = out["as_of"].dt.strftime("%Y-%m-%d")
    return out


def data_workbook(rows: pd.DataFrame) -> bytes:
    """The filtered data as Excel: a summary per region and platform, the SGD's platform against
    own and private solutions, then the normalized rows."""
    return to_xlsx(
        {
            "Resumen": summary_table(analytics.shares(rows)),
            "Soluciones": solutions_table(analytics.solutions(rows)),
            "Datos": data_frame(rows),
        }
    )


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (Excel opens it with accents right); a cell that a spreadsheet would
    read as a formula gets a leading apostrophe."""
    safe = table.map(
        lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
    )
    # CRLF line ends make the writer quote any field holding a CR or LF of its own
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per table; every string is written as text, never a formula."""
    from openpyxl import Workbook  # imported here: the pages start without it in memory
    from openpyxl.utils import get_column_letter

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
