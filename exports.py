"""Tables that leave the dashboard as CSV or Excel, with text from trackers kept as text."""

import datetime as dt
import io
import re
import unicodedata
from pathlib import PurePath

import pandas as pd

import analytics
import views
from formats import DAY, day
from loaders import Issue
from loaders.vocabulary import alternative_label, platform_label, stage_label

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


NO_STAGE = "Sin dato"
"""A platform with no status datum for the comuna: listed as such, never dropped."""
NO_STAGE_THEN = "Sin dato a esa fecha"
"""No status datum for the comuna and platform on or before the training."""


def _stage_on(
    stages: pd.Series, alternatives: pd.Series, dates: pd.Series, missing: str
) -> list[str]:
    """Each stage as people read it with the cut-off it comes from: «En proceso (31-03-2025)»."""
    return [
        missing if pd.isna(stage) else f"{stage_label(stage, alternative)} ({day(date)})"
        for stage, alternative, date in zip(stages, alternatives, dates, strict=True)
    ]


def without_use_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The «capacitación sin uso» list (analytics.training_without_use) with Spanish headers, as
    shown and downloaded: the stage at the cut-off first, the training's date kept a date so the
    table sorts by it."""
    return pd.DataFrame(
        {
            "Región": rows["region"],
            "Provincia": rows["province"],
            "Comuna": rows["comuna"],
            "Plataforma": rows["platform"].map(platform_label),
            "Capacitación técnica": rows["training_date"].astype("datetime64[s]"),
            "Días desde la capacitación": rows["days_since"].astype("int64"),
            "Etapa al corte": _stage_on(
                rows["stage_now"], rows["alternative_now"], rows["stage_now_as_of"], NO_STAGE
            ),
            "Etapa al capacitar (último dato a esa fecha)": _stage_on(
                rows["stage_then"],
                rows["alternative_then"],
                rows["stage_then_as_of"],
                NO_STAGE_THEN,
            ),
            "Código": rows["comuna_code"],
        }
    )


def data_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The normalized rows as people read them: Spanish headers, the stages and platforms by
    their names, the cut-off kept a date (the contract's codes stay for scripts: python -m store
    current --csv)."""
    return pd.DataFrame(
        {
            "Región": rows["region"],
            "Código región": rows["region_code"],
            "Comuna": rows["comuna"],
            "Código comuna": rows["comuna_code"],
            "Plataforma": rows["platform"].map(platform_label),
            "Etapa": [stage_label(s) for s in rows["stage"]],
            "Alternativa": rows["alternative"].map(alternative_label),
            "Escrito en la planilla": rows["status_raw"],
            "Fecha de corte": rows["as_of"].astype("datetime64[s]"),
            "Fuente": rows["source"],
            "Archivo": rows["file"],
            "Hoja": rows["sheet"],
            "Celda": rows["cell"],
        }
    )


SAMPLE_NOTICE = (
    "Datos de ejemplo ficticios: no describen a ningún municipio real. Cargue las planillas "
    "reales para obtener cifras verdaderas."
)
"""What every report or export made from the sample data says first."""
NOTICE_SHEET = "Aviso"


def data_workbook(rows: pd.DataFrame, *, samples: bool = False) -> bytes:
    """The filtered data as Excel: a summary per region and platform, the SGD's platform against
    own and private solutions, then the rows with Spanish headers and real dates; made from the
    sample data, a first sheet says so."""
    notice = {NOTICE_SHEET: pd.DataFrame({"Aviso": [SAMPLE_NOTICE]})} if samples else {}
    return to_xlsx(
        {
            **notice,
            "Resumen": summary_table(analytics.shares(rows)),
            "Soluciones": solutions_table(analytics.solutions(rows)),
            "Datos": data_table(rows),
        }
    )


def to_csv(table: pd.DataFrame) -> bytes:
    """CSV as Excel set up for Chile opens it in columns: fields split by «;», decimal comma,
    dates as dd-mm-aaaa, UTF-8 with BOM (so accents read right); a cell that a spreadsheet would
    read as a formula gets a leading apostrophe."""
    safe = table.map(
        lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
    )
    for column in safe.columns[safe.dtypes.map(pd.api.types.is_datetime64_any_dtype)]:
        safe[column] = safe[column].dt.strftime(DAY)
    # CRLF line ends make the writer quote any field holding a CR or LF of its own
    return safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n").encode("utf-8-sig")


def _keep_text(sheet, min_row: int) -> None:
    """From min_row down, every string stays text (openpyxl would write one starting with "="
    as a formula) and every date reads dd-mm-yyyy."""
    for cells in sheet.iter_rows(min_row=min_row):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif cell.is_date:
                cell.number_format = "dd-mm-yyyy"


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
        _keep_text(sheet, 2)
        for index, column in enumerate(table.columns, start=1):
            width = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


REPORT_SHEET = "Informe"
REPORT_WIDTHS = {
    "Archivo": 24,
    "Hoja": 18,
    "Celda": 8,
    "Encontrado": 24,
    "Esperado": 40,
    "Mensaje": 70,
    "Gravedad": 10,
}
"""The validation report's columns, in order, and their widths in characters (long text wraps)."""
SEVERITY_COUNTS = {"Error": "Errores", "Aviso": "Avisos", "Nota": "Notas"}
"""Each severity as the report's table says it, and as its counts above the table say it."""


def report_workbook(
    issues: list[Issue] | list[dict], file_name: str, as_of: dt.date | None
) -> bytes:
    """A file's validation report as Excel, to send back to whoever made the file: a block with
    the file, its cut-off and its counts, then one row per issue (errors first) with its sheet,
    cell, what was found, what was expected, the message and its severity; every text is text,
    never a formula."""
    from openpyxl import Workbook  # imported here: the pages start without it in memory
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    report = views.report_table(issues)
    counts = report["Gravedad"].value_counts()
    book = Workbook()
    sheet = book.active
    sheet.title = REPORT_SHEET
    block = [
        ["Informe de validación"],
        ["Archivo", file_name],
        ["Fecha de corte", day(as_of) if as_of else "sin fecha"],
        *([plural, int(counts.get(label, 0))] for label, plural in SEVERITY_COUNTS.items()),
        [],
    ]
    for row in block:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=13)
    header = len(block) + 1
    sheet.append(list(REPORT_WIDTHS))
    for row in report.itertuples(index=False):
        values = dict(zip(report.columns, row, strict=True), Archivo=file_name)
        sheet.append([values.get(c, "") for c in REPORT_WIDTHS])
    _keep_text(sheet, 1)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=header + 1):
        for cell in cells:
            cell.alignment = wrap
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for index, width in enumerate(REPORT_WIDTHS.values(), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(REPORT_WIDTHS))
    sheet.auto_filter.ref = f"A{header}:{last}{max(sheet.max_row, header)}"
    sheet.freeze_panes = f"A{header + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_file_name(file_name: str, as_of: dt.date | None) -> str:
    """The report's file name: informe_<the file's name without extension>_<dd-mm-aaaa>.xlsx
    («sin-fecha» without a cut-off), in letters, digits, «-» and «_» only."""
    stem = unicodedata.normalize("NFKD", PurePath(file_name).stem)
    stem = "".join(c for c in stem if not unicodedata.combining(c))
    stem = re.sub(r"[^A-Za-z0-9-]+", "_", stem).strip("_-")[:80] or "archivo"
    return f"informe_{stem}_{day(as_of) if as_of else 'sin-fecha'}.xlsx"
