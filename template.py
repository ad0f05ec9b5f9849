"""The update template of a region: its current state in the wide layout the loaders read, with
drop-down lists of the stages and an activities sheet, to fill in and upload back."""

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import absolute_coordinate, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from formats import day
from loaders.gazetteer import gazetteer
from loaders.vocabulary import (
    ACTIVITIES,
    ALTERNATIVES,
    OTHER_ACTIVITY,
    PLATFORMS,
    STAGES,
    activity_label,
    platform_label,
    read_table,
    stage_label,
)
from views import MODALITY_LABELS

CUT_OFF_CELL = "B3"
SOURCE_CELL = "B4"
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
STATUS_COLUMN = 3  # C: the first platform; A holds the CUT code and B the comuna's name
ACTIVITY_ROWS = 500
"""Rows of the activities sheet that carry its drop-down lists."""
ACTIVITY_HEADERS = (
    "Fecha",
    "Comuna",
    "Tipo de actividad",
    "Plataforma",
    "Tema",
    "Participantes",
    "Modalidad",
)
"""Headers the activity-log loader knows (loaders/layouts/activity_headers.csv)."""
MAX_SHEET_NAME = 31  # what Excel allows

STAGE_MEANINGS = {
    "sin_iniciar": "Aún no se ha hecho nada para usar la plataforma.",
    "en_proceso": "Hay pasos en curso: capacitación, convenio, decretos o un ambiente de pruebas.",
    "habilitada": "La plataforma está en producción, pero no se usa regularmente.",
    "en_uso": "La plataforma está en producción y se usa regularmente.",
    "propia": "La municipalidad usa un sistema propio en vez de la plataforma.",
    "privada": "La municipalidad usa un proveedor privado en vez de la plataforma.",
    "alternativa": "La municipalidad usa otra solución y no se sabe si es propia o privada.",
    "no_aplica": "La plataforma no corresponde a esta municipalidad.",
    "sin_informacion": "No se sabe en qué estado está.",
}
"""What each choice of the stage list means, for the instructions sheet (stage or alternative)."""

_TO_FILL = PatternFill("solid", start_color="FFF2CC")  # the cells a person fills, in yellow
_HEADER = PatternFill("solid", start_color="D9E2F3")
_BOLD = Font(bold=True)
_OPEN = Protection(locked=False)
_DAY_FORMAT = "DD-MM-YYYY"
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class UnknownRegion(ValueError):
    """A region code that is none of Chile's, with a Spanish message."""


def sheet_name(region_code: str) -> str:
    """The region sheet's name: the region's official name, or else the first of its other
    names (loaders/layouts/region_aliases.csv) that fits in a sheet name and still names the
    region for the loaders («O'Higgins»)."""
    places = gazetteer()
    names = dict(zip(places.regions["region_code"], places.regions["region"], strict=True))
    if region_code not in names:
        known = ", ".join(sorted(names))
        raise UnknownRegion(
            f"región desconocida: «{region_code}»; se esperaba un código CUT de región de dos "
            f"cifras ({known})"
        )
    aliases = [
        r["alias"] for r in read_table("region_aliases.csv") if r["region_code"] == region_code
    ]
    for name in (names[region_code], *aliases):
        if len(name) <= MAX_SHEET_NAME and places.find_region_in(name) == region_code:
            return name
    return f"Región {region_code}"


def current_source(current: pd.DataFrame, region_code: str) -> str:
    """The source most of the region's current rows come from, or empty text when it has none."""
    sources = current.loc[current["region_code"] == region_code, "source"]
    sources = sources[sources.astype(bool)]
    return str(sources.value_counts().index[0]) if not sources.empty else ""


def update_template(
    current: pd.DataFrame, region_code: str, *, source: str = "", as_of: dt.date | None = None
) -> bytes:
    """An .xlsx for updating one region: every comuna of the region (in official order) with the
    current stage of each platform pre-filled and a drop-down list of the stages, a cut-off cell
    (empty unless as_of is given) and a source cell to fill, an instructions sheet and an empty
    activities sheet; read back unchanged, it gives the same stages. Names and codes are locked
    (sheet protection without a password)."""
    name = sheet_name(region_code)
    comunas = gazetteer().comunas
    comunas = comunas[comunas["region_code"] == region_code].sort_values("comuna_code")
    rows = current[current["region_code"] == region_code]
    book = Workbook()
    region = book.active
    region.title = name
    notes = book.create_sheet("Instrucciones")
    activities = book.create_sheet("Actividades")
    last_row = FIRST_ROW + len(comunas) - 1
    comuna_range = f"{quote_sheetname(name)}!{absolute_coordinate(f'B{FIRST_ROW}:B{last_row}')}"
    lists = _instructions(notes, name, rows)
    lists["Comunas"] = comuna_range
    for list_name, ref in lists.items():
        book.defined_names[list_name] = DefinedName(list_name, attr_text=ref)
    _region_sheet(region, name, comunas, rows, source, as_of)
    _activities_sheet(activities)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(sheet: Worksheet, ref: str, value: str) -> None:
    """A text cell, kept as text even when it starts with «=» (never a formula)."""
    sheet[ref] = value
    sheet[ref].data_type = "s"


def _region_sheet(
    sheet: Worksheet,
    name: str,
    comunas: pd.DataFrame,
    rows: pd.DataFrame,
    source: str,
    as_of: dt.date | None,
) -> None:
    """The region's table in the wide layout: code, comuna, one column per platform."""
    _text(sheet, "A1", f"Planilla de actualización — {name}")
    sheet["A1"].font = Font(bold=True, size=14)
    _text(
        sheet,
        "A2",
        "Elija el estado de cada comuna y plataforma en su lista; no cambie nombres ni códigos. "
        "Vea la hoja «Instrucciones».",
    )
    _text(sheet, "A3", "Fecha de corte:")
    _text(sheet, "C3", "← el día al que corresponden los estados (dd-mm-aaaa)")
    cut_off = sheet[CUT_OFF_CELL]
    cut_off.value = as_of
    cut_off.number_format = _DAY_FORMAT
    dates = _dates("Escriba la fecha de corte como dd-mm-aaaa.")
    dates.add(CUT_OFF_CELL)
    sheet.add_data_validation(dates)
    _text(sheet, "A4", "Fuente:")
    _text(sheet, SOURCE_CELL, source)
    _text(sheet, "C4", "← quién reúne los datos (el equipo o la institución)")
    for ref in (CUT_OFF_CELL, SOURCE_CELL):
        sheet[ref].fill = _TO_FILL
        sheet[ref].protection = _OPEN
        sheet[ref].font = _BOLD
    for label in ("A3", "A4"):
        sheet[label].font = _BOLD
    headers = ["Código", "Comuna", *(platform_label(p) for p in PLATFORMS)]
    for col, header in enumerate(headers, 1):
        cell = sheet.cell(HEADER_ROW, col, header)
        cell.font, cell.fill = _BOLD, _HEADER
        cell.alignment = Alignment(horizontal="center")
    stages = rows.set_index(["comuna_code", "platform"])[["stage", "alternative"]]
    for r, comuna in enumerate(comunas.itertuples(), FIRST_ROW):
        _text(sheet, f"A{r}", comuna.comuna_code)
        _text(sheet, f"B{r}", comuna.comuna)
        for col, platform in enumerate(PLATFORMS, STATUS_COLUMN):
            cell = sheet.cell(r, col)
            cell.protection = _OPEN
            key = (comuna.comuna_code, platform)
            if key in stages.index:
                stage, alternative = stages.loc[key]
                cell.value = stage_label(stage, alternative)
    last_col = get_column_letter(STATUS_COLUMN + len(PLATFORMS) - 1)
    last_row = FIRST_ROW + len(comunas) - 1
    statuses = _choice("Estados", "Estado no válido", "Elija un estado de la lista.")
    statuses.add(f"{get_column_letter(STATUS_COLUMN)}{FIRST_ROW}:{last_col}{last_row}")
    sheet.add_data_validation(statuses)
    sheet.freeze_panes = f"{get_column_letter(STATUS_COLUMN)}{FIRST_ROW}"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 24
    for col in range(STATUS_COLUMN, STATUS_COLUMN + len(PLATFORMS)):
        sheet.column_dimensions[get_column_letter(col)].width = 20
    sheet.protection.sheet = True  # no password: it guards against slips, not people


def _dates(error: str) -> DataValidation:
    """A date from 2020 to 2100: the plan's years (the loader warns of an activity before 2020)."""
    return DataValidation(
        type="date",
        operator="between",
        formula1=str((dt.date(2020, 1, 1) - _EXCEL_EPOCH).days),
        formula2=str((dt.date(2100, 12, 31) - _EXCEL_EPOCH).days),
        showErrorMessage=True,
        errorTitle="Fecha no válida",
        error=error,
    )


def _choice(list_name: str, title: str, error: str, *, strict: bool = True) -> DataValidation:
    """A drop-down list of a defined name's cells; strict refuses other values, else warns."""
    return DataValidation(
        type="list",
        formula1=list_name,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=title,
        error=error,
    )


def _instructions(sheet: Worksheet, name: str, rows: pd.DataFrame) -> dict[str, str]:
    """How to fill the template, and the lists its drop-downs offer (with what each stage
    means); the defined names of those lists -> their cells. The loader skips this sheet by its
    name (loaders/layouts/skip_sheets.csv)."""
    newest = rows["as_of"].max() if not rows.empty else None
    state = (
        f"Los estados escritos son los que tiene el tablero, con corte del {day(newest)}."
        if newest is not None and pd.notna(newest)
        else "El tablero aún no tiene estados de esta región."
    )
    lines = [
        "Cómo llenar esta planilla",
        state,
        f"1. En la hoja «{name}», escriba en la celda amarilla {CUT_OFF_CELL} la fecha de corte "
        "(dd-mm-aaaa): el día al que corresponden los estados que anota.",
        f"2. En {SOURCE_CELL}, escriba la fuente: quién reúne los datos (p. ej. UFRO).",
        "3. Para cada comuna y plataforma, elija el estado en la lista desplegable de su celda. "
        "Deje como está lo que no cambió.",
        "4. No cambie los nombres ni los códigos de las comunas, ni los encabezados: la hoja está "
        "protegida para evitar cambios por error (sin contraseña).",
        "5. Anote las actividades del Plan de Acompañamiento en la hoja «Actividades», una fila "
        "por actividad: fecha, comuna, tipo, plataforma (si es de una), tema, participantes y "
        "modalidad. Una actividad con varias comunas va en una fila por comuna.",
        "6. Suba la planilla en la página «Cargar planillas» del tablero. Antes de guardarla verá "
        "qué se leyó y qué cambiaría.",
    ]
    for r, line in enumerate(lines, 1):
        _text(sheet, f"A{r}", line)
    sheet["A1"].font = Font(bold=True, size=14)
    r = len(lines) + 2
    lists: dict[str, str] = {}
    choices = {
        "Estados": [
            (stage_label(stage, alternative), STAGE_MEANINGS[alternative or stage])
            for stage, alternative in _stage_choices()
        ],
        "Plataformas": [(platform_label(p), "") for p in PLATFORMS],
        "TiposDeActividad": [(activity_label(a), "") for a in ACTIVITIES if a != OTHER_ACTIVITY],
        "Modalidades": [(label, "") for label in MODALITY_LABELS.values()],
    }
    titles = {
        "Estados": ("Estado", "Qué significa"),
        "Plataformas": ("Plataforma", ""),
        "TiposDeActividad": ("Tipo de actividad", ""),
        "Modalidades": ("Modalidad", ""),
    }
    for list_name, entries in choices.items():
        for col, title in enumerate(titles[list_name], 1):
            if title:
                _text(sheet, f"{get_column_letter(col)}{r}", title)
                sheet.cell(r, col).font = _BOLD
        first = r + 1
        for r, (label, meaning) in enumerate(entries, first):
            _text(sheet, f"A{r}", label)
            if meaning:
                _text(sheet, f"B{r}", meaning)
        lists[list_name] = f"Instrucciones!{absolute_coordinate(f'A{first}:A{r}')}"
        r += 2
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 80
    sheet.protection.sheet = True
    return lists


def _stage_choices() -> list[tuple[str, str]]:
    """The stage list's entries as (stage, alternative), in the scale's order; the kinds of
    alternative come before the stage alternativa whose kind is not known."""
    choices = []
    for stage in STAGES:
        if stage == "alternativa":
            choices += [(stage, alternative) for alternative in ALTERNATIVES]
        choices.append((stage, ""))
    return choices


def _activities_sheet(sheet: Worksheet) -> None:
    """An empty activity log with the loader's headers and drop-downs for comuna, activity,
    platform and modality."""
    for col, header in enumerate(ACTIVITY_HEADERS, 1):
        cell = sheet.cell(1, col, header)
        cell.font, cell.fill = _BOLD, _HEADER

    dates = _dates("Escriba la fecha de la actividad como dd-mm-aaaa.")
    dates.add(_log_column("Fecha"))
    people = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        showErrorMessage=True,
        errorTitle="Cifra no válida",
        error="Escriba cuántas personas participaron, como número entero.",
    )
    people.add(_log_column("Participantes"))
    lists = (
        ("Comuna", "Comunas", "Comuna no válida", "Elija una comuna de la región.", True),
        (
            "Tipo de actividad",
            "TiposDeActividad",
            "Actividad no listada",
            "Otra actividad se leerá como «Otra actividad», con un aviso.",
            False,
        ),
        ("Plataforma", "Plataformas", "Plataforma no válida", "Elija una plataforma.", True),
        ("Modalidad", "Modalidades", "Modalidad no válida", "Elija presencial o remota.", True),
    )
    for header, list_name, title, error, strict in lists:
        chosen = _choice(list_name, title, error, strict=strict)
        chosen.add(_log_column(header))
        sheet.add_data_validation(chosen)
    for validation in (dates, people):
        sheet.add_data_validation(validation)
    for r in range(2, ACTIVITY_ROWS + 2):
        sheet.cell(r, 1).number_format = _DAY_FORMAT
    widths = (14, 24, 26, 16, 40, 14, 14)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"


def _log_column(header: str) -> str:
    """The cells of the activities sheet's rows under one header («D2:D501»)."""
    letter = get_column_letter(ACTIVITY_HEADERS.index(header) + 1)
    return f"{letter}2:{letter}{ACTIVITY_ROWS + 1}"
