"""Logs and form exports: rows that carry their own date are history, each row at its date."""

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from loaders import load
from loaders.__main__ import main
from loaders.dates import date_column_role, row_date
from tests.conftest import xlsx_bytes

LOGS = Path(__file__).parents[1] / "fixtures" / "trackers" / "logs"
KEY = ["comuna_code", "platform", "stage", "as_of"]
LOG_HEADER = ["Fecha del registro", "Comuna", "Plataforma", "Estado"]
MAY_2, OCT_3 = dt.date(2025, 5, 2), dt.date(2025, 10, 3)


def history(result) -> list[tuple[str, str, str, dt.date]]:
    """The (comuna, platform, stage, date) rows of a load result, oldest first."""
    frame = result.frame.sort_values(["comuna_code", "platform", "as_of"], kind="stable")
    return [(r.comuna, r.platform, r.stage, r.as_of.date()) for r in frame.itertuples()]


def log(*rows: list[object], top: tuple[list[object], ...] = ()) -> bytes:
    """A one-sheet bitácora: optional rows above, the log's header, then its rows."""
    return xlsx_bytes({"Bitácora": [*top, LOG_HEADER, *rows]})


def variants() -> list[Path]:
    """The log fixtures, without their expected.csv."""
    return sorted(p for p in LOGS.iterdir() if p.name != "expected.csv")


def test_there_are_bitacoras_and_form_exports_in_xlsx_and_csv():
    names = {p.name for p in variants()}
    assert {"bitacora.xlsx", "formulario.xlsx", "formulario_grilla.csv"} <= names


@pytest.mark.parametrize("path", variants(), ids=lambda p: p.name)
def test_each_log_variant_gives_the_same_history(path):
    result = load(path)
    assert not result.errors, [f"{i.sheet}!{i.cell}: {i.message}" for i in result.errors]
    frame = result.frame.assign(as_of=result.frame.as_of.dt.strftime("%Y-%m-%d"))
    got = frame[KEY].astype(str).sort_values(KEY).reset_index(drop=True)
    expected = pd.read_csv(LOGS / "expected.csv", dtype=str).sort_values(KEY)
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))
    # a history: several dates for one comuna and platform, the file dated by its newest row
    assert frame.groupby(["comuna_code", "platform"])["as_of"].nunique().max() == 3
    assert result.as_of == max(dt.date.fromisoformat(d) for d in expected["as_of"])


def test_the_same_comuna_and_platform_on_two_dates_is_history_not_a_conflict():
    result = load(
        log(
            [dt.datetime(2025, 5, 2, 10, 3), "Temuco", "FirmaGob", "En proceso"],
            ["03/10/2025 16:15:22", "Temuco", "FirmaGob", "En uso"],
        ),
        name="b.xlsx",
    )
    assert not result.errors
    assert history(result) == [
        ("Temuco", "firmagob", "en_proceso", MAY_2),
        ("Temuco", "firmagob", "en_uso", OCT_3),
    ]
    assert list(result.frame.cell) == ["D2", "D3"]


def test_two_stages_on_the_same_day_are_a_conflict_on_both_rows_and_the_rest_loads():
    result = load(
        log(
            ["03/10/2025 09:00", "Temuco", "FirmaGob", "En proceso"],
            ["03/10/2025 16:15", "Temuco", "FirmaGob", "En uso"],
            ["02/05/2025", "Temuco", "FirmaGob", "No iniciado"],
        ),
        name="b.xlsx",
    )
    assert sorted(e.cell for e in result.errors) == ["D2", "D3"]
    assert "aparece más de una vez con estados distintos el mismo día (03-10-2025)" in (
        result.errors[0].message
    )
    assert history(result) == [("Temuco", "firmagob", "sin_iniciar", MAY_2)]


def test_a_timestamp_counts_for_its_day_and_a_repeat_that_agrees_counts_once():
    result = load(
        log(
            ["3/10/2025 9:01:00 a. m.", "Temuco", "FirmaGob", "En uso"],
            ["3/10/2025 4:15:22 p. m.", "Temuco", "FirmaGob", "En uso"],
        ),
        name="b.xlsx",
    )
    assert not result.errors
    assert history(result) == [("Temuco", "firmagob", "en_uso", OCT_3)]
    assert [i.cell for i in result.issues if "se cuenta una vez" in i.message] == ["D3"]


def test_the_files_date_is_its_newest_row_and_the_sheet_says_it_is_read_as_history():
    result = load(
        log(
            ["15 de mayo de 2025", "Temuco", "FirmaGob", "En proceso"],
            ["03-10-2025", "Temuco", "DocDigital", "Habilitada"],
            ["2025-07-01 08:30", "Temuco", "FirmaGob", "Habilitada"],
        ),
        name="b.xlsx",
    )
    assert result.as_of == OCT_3
    (note,) = [i for i in result.issues if i.severity == "info"]
    assert (note.sheet, note.cell) == ("Bitácora", "A1")
    assert "«Fecha del registro»" in note.message and "historia" in note.message


def test_a_date_given_at_load_dates_only_the_rows_without_one():
    result = load(
        log(
            [dt.datetime(2025, 5, 2), "Temuco", "FirmaGob", "En proceso"],
            [None, "Temuco", "FirmaGob", "En uso"],
            top=(["Fecha de corte: 30/09/2025"],),
        ),
        name="b.xlsx",
        as_of=OCT_3,
    )
    assert not result.errors
    assert history(result) == [
        ("Temuco", "firmagob", "en_proceso", MAY_2),
        ("Temuco", "firmagob", "en_uso", OCT_3),
    ]
    assert result.as_of == OCT_3
    messages = [i.message for i in result.issues]
    assert any("se usa solo en las filas sin fecha" in m for m in messages)
    assert any("el archivo dice 30-09-2025" in m for m in messages)  # the cut-off it replaced


def test_a_row_date_is_not_taken_for_the_cut_off_the_given_date_replaced():
    # «Fecha de actualización» is also a cut-off label; the dates under it are the rows'
    rows = [["Fecha de actualización", "Comuna", "Plataforma", "Estado"]]
    rows.append(["02/05/2025", "Temuco", "FirmaGob", "En proceso"])
    result = load(xlsx_bytes({"Registro": rows}), name="r.xlsx", as_of=OCT_3)
    assert history(result) == [("Temuco", "firmagob", "en_proceso", MAY_2)]
    assert not [i for i in result.issues if i.severity == "warning"]


def test_the_sheets_cut_off_dates_the_log_rows_without_one():
    result = load(
        log(
            ["02/05/2025", "Temuco", "FirmaGob", "En proceso"],
            ["", "Temuco", "DocDigital", "En uso"],
            top=(["Fecha de corte: 30/09/2025"], []),
        ),
        name="b.xlsx",
    )
    assert not result.errors
    assert history(result)[0] == ("Temuco", "docdigital", "en_uso", dt.date(2025, 9, 30))
    assert result.as_of == dt.date(2025, 9, 30)


# «Fecha de actualización» and a bare «Fecha» also read as cut-off labels, with the first
# row's date beside them: that date must not date the rows that have none
@pytest.mark.parametrize("header", ["Fecha del registro", "Fecha de actualización", "Fecha"])
def test_an_undated_log_row_without_a_cut_off_is_an_error_on_its_first_cell_and_the_rest_loads(
    header,
):
    rows = [
        [header, "Comuna", "Plataforma", "Estado"],
        ["02/05/2025", "Temuco", "FirmaGob", "En proceso"],
        [None, "Temuco", "DocDigital", "En uso"],
        ["03/10/2025", "Temuco", "FirmaGob", "En uso"],
    ]
    result = load(xlsx_bytes({"Bitácora": rows}), name="b.xlsx")
    (error,) = result.errors
    assert (error.sheet, error.cell) == ("Bitácora", "A3")
    assert f"la celda A3 («{header}») está vacía" in error.message
    assert "fecha de corte" in error.message
    assert [h[1:] for h in history(result)] == [
        ("firmagob", "en_proceso", MAY_2),
        ("firmagob", "en_uso", OCT_3),
    ]
    assert result.as_of == OCT_3


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("pendiente", "«pendiente»"),
        ("3/10", "«3/10»"),
        ("entre 1/10/2025 y 5/10/2025", "«entre 1/10/2025 y 5/10/2025»"),
        ("31/02/2025", "«31/02/2025»"),
        (2025, "«2025»"),
        (dt.time(16, 15), "«16:15:00»"),
    ],
)
def test_an_unreadable_date_is_an_error_naming_what_was_found_and_the_forms_expected(value, shown):
    result = load(
        log([value, "Temuco", "FirmaGob", "En uso"], ["02/05/2025", "Temuco", "CPAT", "En uso"]),
        name="b.xlsx",
    )
    (error,) = result.errors
    assert error.cell == "A2"
    assert f"fecha ilegible {shown} en «Fecha del registro»" in error.message
    assert "03/10/2025" in error.message and "15 de mayo de 2025" in error.message
    assert list(result.frame.platform) == ["cpat"]  # the row is left out, the rest loads


def test_a_date_written_month_first_is_an_error_that_says_so():
    result = load(log(["10/13/2025 4:15 PM", "Temuco", "FirmaGob", "En uso"]), name="b.xlsx")
    (error,) = result.errors
    assert "parece escrita mes/día" in error.message and result.frame.empty


def test_a_date_cell_and_a_status_problem_in_one_row_are_both_reported():
    result = load(log(["pendiente", "Temuco", "FirmaGob", "Lista pronto"]), name="b.xlsx")
    assert sorted(e.cell for e in result.errors) == ["A2", "D2"]


def test_a_date_a_stage_was_reached_neither_dates_the_row_nor_is_a_status():
    header = ["Comuna", "Plataforma", "Estado", "Fecha habilitación", "Fecha de capacitación"]
    rows = [["Fecha de corte: 30/09/2025"], header]
    rows += [["Temuco", "FirmaGob", "En uso", dt.datetime(2025, 3, 1), "04/02/2025"]]
    result = load(xlsx_bytes({"S": rows}), name="s.xlsx")
    assert not result.errors
    assert history(result) == [("Temuco", "firmagob", "en_uso", dt.date(2025, 9, 30))]
    assert not [i for i in result.issues if "historia" in i.message]


def test_a_date_under_a_platform_is_that_platforms_and_the_table_is_a_snapshot():
    top = ["Comuna", "FirmaGob", None]
    sub = [None, "Estado", "Fecha"]
    rows = [["Fecha de corte: 30/09/2025"], top, sub]
    rows += [["Temuco", "En uso", "02/05/2025"], ["Temuco", "En uso", "03/10/2025"]]
    result = load(xlsx_bytes({"S": rows}, {"S": ["A2:A3", "B2:C2"]}), name="s.xlsx")
    assert history(result) == [("Temuco", "firmagob", "en_uso", dt.date(2025, 9, 30))]


def test_two_repeated_rows_without_a_date_column_are_still_a_conflict():
    rows = [["Fecha de corte: 30/09/2025"], ["Comuna", "Plataforma", "Estado", "Fecha de visita"]]
    rows += [["Temuco", "FirmaGob", "En proceso", "02/05/2025"]]
    rows += [["Temuco", "FirmaGob", "En uso", "03/10/2025"]]
    result = load(xlsx_bytes({"S": rows}), name="s.xlsx")
    # «Fecha de visita» is no observation date (date_columns.csv), so nothing is guessed
    assert sorted(e.cell for e in result.errors) == ["C3", "C4"] and result.frame.empty


def test_two_observation_date_columns_warn_and_the_first_dates_the_rows():
    rows = [["Marca temporal", "Fecha de actualización", "Municipio", "Plataforma", "Estado"]]
    rows += [["02/05/2025 10:00", "03/10/2025", "Temuco", "FirmaGob", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="s.xlsx")
    assert history(result) == [("Temuco", "firmagob", "en_uso", MAY_2)]
    (warning,) = [i for i in result.issues if i.severity == "warning"]
    assert "se usa «Marca temporal»" in warning.message
    assert "«Fecha de actualización»" in warning.message


def test_a_wide_form_answer_dates_every_platform_of_its_row():
    question = "¿En qué etapa está su municipio en cada plataforma?"
    rows = [["Marca temporal", "Municipio", f"{question} [DocDigital]", f"{question} [FirmaGob]"]]
    rows += [["2025/10/03 4:15:22 p. m. GMT-3", "Municipalidad de Temuco", "En uso", ""]]
    result = load(xlsx_bytes({"Respuestas": rows}), name="f.xlsx")
    assert history(result) == [
        ("Temuco", "docdigital", "en_uso", OCT_3),
        ("Temuco", "firmagob", "sin_informacion", OCT_3),
    ]


def test_a_form_that_asks_for_the_platform_and_its_state_loads_as_history():
    header = ["Marca temporal", "¿A qué municipio representa?", "Plataforma"]
    rows = [[*header, "Estado de la plataforma"]]
    rows += [["02/05/2025 10:00", "Temuco", "FirmaGob", "En proceso"]]
    rows += [["03/10/2025 16:15", "Temuco", "FirmaGob", "En uso"]]
    result = load(xlsx_bytes({"Respuestas": rows}), name="f.xlsx")
    assert history(result) == [
        ("Temuco", "firmagob", "en_proceso", MAY_2),
        ("Temuco", "firmagob", "en_uso", OCT_3),
    ]


def test_an_e_mail_never_reaches_the_frame_or_a_message():
    address = "encargada.td@municipalidad.example"
    rows = [["Marca temporal", "Dirección de correo electrónico", "Municipio", "¿Qué plataforma?"]]
    rows[0].append("Estado")
    rows += [
        ["02/05/2025 10:00", address, "Temuco", "FirmaGob", "En proceso"],
        ["sin fecha", address, "Temuco", "FirmaGob", "En uso"],
        [None, address, "Temuco", "FirmaGob", "En uso"],
        ["03/10/2025", address, "Villa Imaginaria", "FirmaGob", "En uso"],
        ["03/10/2025", address, "Temuco", "Firma", "Casi"],
        ["04/10/2025", address, "Temuco", "FirmaGob", "En uso"],
        ["04/10/2025", address, "Temuco", "FirmaGob", "No iniciado"],
    ]
    result = load(xlsx_bytes({"Respuestas de formulario 1": rows}), name="f.xlsx")
    assert len(result.errors) >= 5
    assert not result.frame.isin([address]).any().any()
    assert all(address not in i.message for i in result.issues)
    assert address not in json.dumps(result.report(), ensure_ascii=False)


def test_command_line_writes_the_history_and_reports_the_newest_date(tmp_path, capsys):
    out_csv = tmp_path / "out.csv"
    assert main([str(LOGS / "formulario.xlsx"), "--json", "--csv", str(out_csv)]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    expected = pd.read_csv(LOGS / "expected.csv", dtype=str)
    assert entry["as_of"] == expected["as_of"].max()
    with out_csv.open(encoding="utf-8", newline="") as handle:
        written = {tuple(r[k] for k in KEY) for r in csv.DictReader(handle)}
    assert written == set(expected.itertuples(index=False, name=None))
    assert "@" not in out_csv.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text",
    [
        "03/10/2025 16:15:22",
        "2025-10-03 16:15",
        "3/10/2025 4:15:22 p. m.",
        "3/10/2025 4:15:22 p.\u00a0m.",
        "2025/10/03 4:15:22 p. m. GMT-3",
        "2025-10-03T16:15:22Z",
        "2025-10-03T16:15:22-03:00",
        "03-10-2025",
        "3 de octubre de 2025",
        "viernes, 3 de octubre de 2025",
        "3/10/2025, a las 16:15 hrs",
    ],
)
def test_a_row_date_is_read_from_every_form_tools_and_people_write(text):
    assert row_date(text) == OCT_3


@pytest.mark.parametrize(
    "value",
    [45933.677, 45933, dt.datetime(2025, 10, 3, 16, 15), OCT_3],
    ids=["day-number-with-time", "day-number", "datetime", "date"],
)
def test_a_row_date_cell_or_excel_day_number_gives_its_day(value):
    assert row_date(value) == OCT_3


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Fecha del registro", "observed"),
        ("Marca temporal", "observed"),
        ("Fecha", "observed"),
        ("FECHA (dd/mm/aaaa)", "observed"),
        ("Hora de finalización", "observed"),
        ("Fecha habilitación", "reached"),
        ("Fecha de inicio de uso", "reached"),
        ("Fecha de capacitación", "reached"),
        ("Hora de inicio", "other"),
        ("Fecha de visita", None),
        ("Comuna", None),
    ],
)
def test_a_date_columns_role_comes_from_its_header(header, role):
    assert date_column_role(header) == role
