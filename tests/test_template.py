"""The update template: read back unchanged (also after LibreOffice re-saves it) it gives the
current state; its lists, frozen headers and locks are there; a changed one still reads."""

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import column_index_from_string

from loaders import empty_frame, load
from loaders.gazetteer import gazetteer
from loaders.vocabulary import ACTIVITIES, OTHER_ACTIVITY, activity_label
from settings import load_settings
from store import Store, seed_samples
from template import (
    CUT_OFF_CELL,
    FIRST_ROW,
    SOURCE_CELL,
    UnknownRegion,
    current_source,
    sheet_name,
    update_template,
)
from tests.conftest import xlsx_bytes

REGIONS = ("01", "09", "10", "14")
KEY = ["comuna_code", "platform", "stage", "alternative"]
NEXT_CUT_OFF = dt.date(2025, 10, 31)
LOS_RIOS_COMUNAS = 12
LOS_RIOS = [  # nine comunas of Los Ríos, one per choice of the stage list
    "Valdivia",
    "Corral",
    "Lanco",
    "Los Lagos",
    "Máfil",
    "Mariquina",
    "Paillaco",
    "Panguipulli",
    "La Unión",
]


@pytest.fixture(scope="module")
def sample_state(tmp_path_factory) -> pd.DataFrame:
    """The current state of a store holding the sample trackers."""
    store = Store(load_settings({"DATA_DIR": str(tmp_path_factory.mktemp("datos"))}))
    seed_samples(store)
    current = store.current()
    store.engine.dispose()
    return current


def pairs(frame: pd.DataFrame, region_code: str | None = None) -> pd.DataFrame:
    """Comuna, platform, stage and alternative of a frame (of one region), in one order."""
    if region_code is not None:
        frame = frame[frame["region_code"] == region_code]
    return frame[KEY].sort_values(KEY, ignore_index=True).astype("str")


def problems(result) -> list[str]:
    """The errors and warnings of a load result, as «sheet!cell message»."""
    return [
        f"{i.sheet}!{i.cell} {i.message}"
        for i in result.issues
        if i.severity in ("error", "warning")
    ]


@pytest.mark.parametrize("region_code", REGIONS)
def test_an_unchanged_template_reads_back_as_the_current_state(sample_state, region_code):
    source = current_source(sample_state, region_code)
    data = update_template(sample_state, region_code, source=source)
    result = load(data, name="planilla.xlsx", as_of=NEXT_CUT_OFF)
    assert problems(result) == []
    assert pairs(result.frame).equals(pairs(sample_state, region_code))
    assert result.source == source and source in ("UFRO", "GORE Tarapacá")
    assert result.activities.empty
    assert set(result.frame["sheet"]) == {sheet_name(region_code)}


def test_the_samples_hold_every_kind_of_alternative_the_round_trip_checks(sample_state):
    alternatives = sample_state.loc[sample_state["stage"] == "alternativa", "alternative"]
    assert {"propia", "privada"} <= set(alternatives)


def test_every_stage_and_alternative_reads_back_as_written():
    statuses = [
        "No iniciado",
        "En proceso",
        "Habilitada",
        "En uso",
        "Sistema propio",
        "Proveedor privado",
        "Solución alternativa",
        "No aplica",
        "Sin información",
    ]
    rows = [["Comuna", "DocDigital"], *([c, s] for c, s in zip(LOS_RIOS, statuses, strict=True))]
    current = load(xlsx_bytes({"Los Ríos": [["Fecha de corte: 30/09/2025"], *rows]})).frame
    result = load(update_template(current, "14"), as_of=NEXT_CUT_OFF)
    assert problems(result) == []
    back = result.frame[result.frame["comuna"].isin(LOS_RIOS)]
    assert pairs(back[back["platform"] == "docdigital"]).equals(pairs(current))
    assert set(current["alternative"]) == {"", "propia", "privada"}


def test_every_comuna_of_the_region_is_listed_in_official_order_even_without_data():
    book = openpyxl.load_workbook(io.BytesIO(update_template(empty_frame(), "14")))
    sheet = book["Los Ríos"]
    codes = [sheet.cell(r, 1).value for r in range(FIRST_ROW, FIRST_ROW + LOS_RIOS_COMUNAS)]
    official = gazetteer().comunas.query("region_code == '14'")["comuna_code"]
    assert codes == sorted(official) and len(codes) == LOS_RIOS_COMUNAS
    assert sheet.cell(FIRST_ROW + LOS_RIOS_COMUNAS, 2).value is None
    result = load(update_template(empty_frame(), "14"), as_of=NEXT_CUT_OFF)
    # an empty status cell is «sin información», as in any tracker
    assert set(result.frame["stage"]) == {"sin_informacion"}
    assert result.frame["comuna_code"].nunique() == LOS_RIOS_COMUNAS


def test_an_unfilled_cut_off_is_an_error_and_the_dashboards_date_is_not_taken(sample_state):
    result = load(update_template(sample_state, "09"), name="planilla.xlsx")
    assert result.as_of is None
    assert any("no se encontró la fecha de corte" in p for p in problems(result))


def test_the_cut_off_written_in_its_cell_is_the_files_date(sample_state):
    result = load(update_template(sample_state, "09", as_of=NEXT_CUT_OFF), name="planilla.xlsx")
    assert result.as_of == NEXT_CUT_OFF and problems(result) == []
    assert set(result.frame["as_of"].dt.date) == {NEXT_CUT_OFF}


def test_the_source_cell_is_read_as_the_source_and_a_formula_stays_text(sample_state):
    for source in ("Equipo regional de Los Ríos", '=HYPERLINK("x")'):
        data = update_template(sample_state, "14", source=source)
        assert load(data, name="planilla.xlsx", as_of=NEXT_CUT_OFF).source == source
        cell = openpyxl.load_workbook(io.BytesIO(data))["Los Ríos"][SOURCE_CELL]
        assert cell.data_type == "s"
    # with the cell left empty, the source is the file's, as for any tracker
    empty = load(update_template(sample_state, "14"), name="ufro_planilla.xlsx", as_of=NEXT_CUT_OFF)
    assert empty.source == "UFRO"


def test_status_cells_carry_one_list_of_the_spanish_stage_names(sample_state):
    book = openpyxl.load_workbook(io.BytesIO(update_template(sample_state, "09")))
    sheet = book["La Araucanía"]
    (statuses,) = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert str(statuses.sqref) == f"C{FIRST_ROW}:G{FIRST_ROW + 31}"
    assert statuses.formula1 == "Estados" and statuses.showErrorMessage
    listed = [cell.value for (cell,) in _named_cells(book, "Estados")]
    assert listed[:4] == ["No iniciado", "En proceso", "Habilitada", "En uso"]
    assert {"Solución propia", "Proveedor privado", "Solución alternativa"} <= set(listed)
    assert {"No aplica", "Sin información"} <= set(listed)
    assert all(
        sheet[f"{c}{r}"].value in listed for c in "CDEFG" for r in range(FIRST_ROW, FIRST_ROW + 32)
    )
    (dates,) = [v for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert str(dates.sqref) == CUT_OFF_CELL
    assert sheet[CUT_OFF_CELL].fill.start_color.rgb.endswith("FFF2CC")


def _named_cells(book, name: str):
    """The cells a defined name of the workbook points at."""
    ((title, ref),) = book.defined_names[name].destinations
    return book[title][ref]


def test_headers_are_frozen_and_names_locked_while_the_cells_to_fill_are_open(sample_state):
    book = openpyxl.load_workbook(io.BytesIO(update_template(sample_state, "09")))
    sheet = book["La Araucanía"]
    assert sheet.freeze_panes == f"C{FIRST_ROW}"
    assert sheet.protection.sheet and not sheet.protection.password
    assert [sheet.cell(FIRST_ROW - 1, c).value for c in range(1, 8)] == [
        "Código",
        "Comuna",
        "DocDigital",
        "FirmaGob",
        "ClaveÚnica",
        "CPAT",
        "PISEE",
    ]
    assert (sheet["A7"].value, sheet["B7"].value) == ("09101", "Temuco")
    assert sheet["A7"].protection.locked and sheet["B7"].protection.locked
    assert sheet["D6"].protection.locked  # a header
    for ref in ("C7", "G38", CUT_OFF_CELL, SOURCE_CELL):
        assert not sheet[ref].protection.locked, ref
    assert book["Instrucciones"].protection.sheet


def test_the_instructions_sheet_is_there_in_spanish_and_never_read_as_data(sample_state):
    data = update_template(sample_state, "09")
    notes = openpyxl.load_workbook(io.BytesIO(data))["Instrucciones"]
    text = "\n".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    for words in ("fecha de corte", "fuente", "No cambie los nombres", "Actividades", "En uso"):
        assert words in text
    assert "corte del 30-09-2025" in text  # the state written is the dashboard's newest
    result = load(data, name="planilla.xlsx", as_of=NEXT_CUT_OFF)
    assert "Instrucciones" not in result.sheets_read
    assert "Instrucciones" not in set(result.frame["sheet"])


def test_the_activities_sheet_has_the_loaders_headers_and_drop_downs(sample_state):
    book = openpyxl.load_workbook(io.BytesIO(update_template(sample_state, "09")))
    sheet = book["Actividades"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "Fecha",
        "Comuna",
        "Tipo de actividad",
        "Plataforma",
        "Tema",
        "Participantes",
        "Modalidad",
    ]
    lists = {
        headers[column_index_from_string(str(v.sqref)[0]) - 1]: v.formula1
        for v in sheet.data_validations.dataValidation
        if v.type == "list"
    }
    assert lists == {
        "Comuna": "Comunas",
        "Tipo de actividad": "TiposDeActividad",
        "Plataforma": "Plataformas",
        "Modalidad": "Modalidades",
    }
    comunas = [cell.value for (cell,) in _named_cells(book, "Comunas")]
    assert comunas[0] == "Temuco" and len(comunas) == 32
    kinds = [cell.value for (cell,) in _named_cells(book, "TiposDeActividad")]
    assert kinds == [activity_label(a) for a in ACTIVITIES if a != OTHER_ACTIVITY]
    assert [cell.value for (cell,) in _named_cells(book, "Modalidades")] == ["Presencial", "Remota"]


def test_an_activity_written_in_the_template_is_read_with_the_status_rows(sample_state):
    book = openpyxl.load_workbook(io.BytesIO(update_template(sample_state, "09")))
    row = [dt.date(2025, 10, 8), "Lautaro", "Capacitación técnica", "FirmaGob", "", 9, "Remota"]
    for col, value in enumerate(row, 1):
        book["Actividades"].cell(2, col, value)
    out = io.BytesIO()
    book.save(out)
    result = load(out.getvalue(), name="planilla.xlsx", as_of=NEXT_CUT_OFF)
    assert problems(result) == []
    (activity,) = result.activities.itertuples()
    assert (activity.comuna, activity.activity, activity.platform) == (
        "Lautaro",
        "capacitacion_tecnica",
        "firmagob",
    )
    assert (activity.participants, activity.modality, activity.cell) == (9, "remota", "A2")
    assert pairs(result.frame).equals(pairs(sample_state, "09"))


def test_moved_columns_and_a_platform_renamed_to_a_known_spelling_still_read(sample_state):
    book = openpyxl.load_workbook(io.BytesIO(update_template(sample_state, "10")))
    sheet = book.worksheets[0]
    sheet.protection.sheet = False
    last = FIRST_ROW + 29
    firmagob = [sheet.cell(r, 4).value for r in range(FIRST_ROW - 1, last + 1)]
    docdigital = [sheet.cell(r, 3).value for r in range(FIRST_ROW - 1, last + 1)]
    for offset, (first, second) in enumerate(zip(firmagob, docdigital, strict=True)):
        sheet.cell(FIRST_ROW - 1 + offset, 3).value = first
        sheet.cell(FIRST_ROW - 1 + offset, 4).value = second
    sheet.cell(FIRST_ROW - 1, 3).value = "Firma Gob"
    out = io.BytesIO()
    book.save(out)
    result = load(out.getvalue(), name="planilla.xlsx", as_of=NEXT_CUT_OFF)
    assert problems(result) == []
    assert pairs(result.frame).equals(pairs(sample_state, "10"))
    assert set(result.frame.loc[result.frame["platform"] == "firmagob", "cell"].str[0]) == {"C"}


def test_a_region_name_too_long_for_a_sheet_name_is_written_shorter_and_still_read():
    assert sheet_name("06") == "O'Higgins" and sheet_name("09") == "La Araucanía"
    result = load(update_template(empty_frame(), "06"), as_of=NEXT_CUT_OFF)
    assert set(result.frame["region_code"]) == {"06"} and problems(result) == []


def test_an_unknown_region_is_refused_in_spanish():
    with pytest.raises(UnknownRegion, match="región desconocida: «99»"):
        update_template(empty_frame(), "99")


# -- LibreOffice re-saves the template ---------------------------------------------------------


@pytest.fixture(scope="module")
def resaved(sample_state, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Each region's template, its cut-off filled in, re-saved by LibreOffice as .xlsx and .ods:
    (region, extension) -> the file."""
    if shutil.which("soffice") is None:
        reason = "LibreOffice (soffice) no está instalado"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason}; con CI=true esta prueba no se puede omitir")
        pytest.skip(f"{reason}; se omite la prueba de la planilla guardada por LibreOffice")
    work = tmp_path_factory.mktemp("libreoffice")
    written = []
    for code in REGIONS:
        path = work / f"planilla_{code}.xlsx"
        source = current_source(sample_state, code)
        path.write_bytes(update_template(sample_state, code, source=source, as_of=NEXT_CUT_OFF))
        written.append(str(path))
    profile = f"-env:UserInstallation={(work / 'perfil').as_uri()}"
    for extension in ("xlsx", "ods"):
        command = ["soffice", profile, "--headless", "--calc", "--convert-to", extension]
        command += ["--outdir", str(work / extension), *written]
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {
        (code, ext): work / ext / f"planilla_{code}.{ext}"
        for code in REGIONS
        for ext in ("xlsx", "ods")
    }


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
@pytest.mark.parametrize("region_code", REGIONS)
def test_a_template_resaved_by_libreoffice_reads_back_as_the_current_state(
    sample_state, resaved, region_code, extension
):
    result = load(resaved[region_code, extension])
    assert problems(result) == []
    assert result.as_of == NEXT_CUT_OFF
    assert result.source == current_source(sample_state, region_code)
    assert pairs(result.frame).equals(pairs(sample_state, region_code))
    assert result.activities.empty


# -- the command line ---------------------------------------------------------------------------


def test_the_command_writes_a_regions_template_with_its_source(command, tmp_path):
    out = tmp_path / "planilla.xlsx"
    env = {"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "1"}
    done = command("store", "template", "--region", "09", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"planilla para actualizar La Araucanía escrita en {out}"
    result = load(out, as_of=NEXT_CUT_OFF)
    assert problems(result) == []
    assert (len(result.frame), result.source) == (32 * 5, "UFRO")


def test_the_command_refuses_an_unknown_region_in_spanish_and_writes_nothing(command, tmp_path):
    out = tmp_path / "planilla.xlsx"
    env = {"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "0"}
    done = command("store", "template", "--region", "99", "--out", str(out), env=env)
    assert done.returncode == 1
    assert "región desconocida: «99»" in done.stderr
    assert not out.exists()
