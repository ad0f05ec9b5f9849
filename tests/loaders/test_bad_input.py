"""Bad input: every problem is named with its file, sheet and cell, and the other rows still load."""

import datetime as dt
import json

import pytest

from loaders import UnreadableFile, load
from loaders.__main__ import main
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"


def test_unknown_comuna_is_an_error_with_its_cell_and_other_rows_load():
    rows = [
        [DATE],
        ["Comuna", "DocDigital"],
        ["Villa Imaginaria", "En uso"],
        ["Valdivia", "En uso"],
    ]
    result = load(xlsx_bytes({"Los Ríos": rows}), name="t.xlsx")
    assert list(result.frame.comuna_code) == ["14101"]
    (error,) = result.errors
    assert (error.sheet, error.cell) == ("Los Ríos", "A3")
    assert "Villa Imaginaria" in error.message and "comuna desconocida" in error.message


def test_unreadable_status_is_an_error_never_a_guess():
    rows = [[DATE], ["Comuna", "DocDigital", "FirmaGob"], ["Valdivia", "Listo pronto", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert list(result.frame.platform) == ["firmagob"]
    (error,) = result.errors
    assert error.cell == "B3"
    assert "«Listo pronto»" in error.message and "se esperaba" in error.message


def test_a_number_in_a_status_cell_is_an_error():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Valdivia", 3]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert result.frame.empty and result.errors[0].cell == "B3"


def test_two_rows_that_disagree_are_errors_on_both_and_neither_is_kept():
    rows = [
        [DATE],
        ["Comuna", "DocDigital", "FirmaGob"],
        ["Valdivia", "En uso", "Habilitada"],
        ["Corral", "En uso", "En uso"],
        ["VALDIVIA", "Habilitada", "Habilitada"],
    ]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    valdivia = result.frame[result.frame.comuna_code == "14101"]
    assert list(valdivia.platform) == ["firmagob"]  # agreeing repeat counts once
    assert sorted(e.cell for e in result.errors) == ["B3", "B5"]
    assert len(result.frame[result.frame.comuna_code == "14102"]) == 2


def test_missing_date_is_an_error_and_rows_still_load():
    rows = [["Comuna", "DocDigital"], ["Valdivia", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert len(result.frame) == 1 and result.as_of is None
    assert "fecha de corte" in result.errors[0].message


def test_given_date_wins_over_the_workbook_and_says_so():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx", as_of=dt.date(2025, 10, 31))
    assert result.as_of == dt.date(2025, 10, 31)
    assert set(result.frame.as_of) == {dt.datetime(2025, 10, 31)}
    assert any("30-09-2025" in i.message for i in result.issues if i.severity == "warning")


def test_inexact_comuna_names_are_warnings_naming_what_they_became():
    rows = [[DATE], ["Comuna", "DocDigital"], ["Pto. Montt", "En uso"], ["Villarica", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert list(result.frame.comuna_code) == ["10101", "09120"]
    warnings = {i.cell: i.message for i in result.issues if i.severity == "warning"}
    assert "Puerto Montt (10101)" in warnings["A3"]
    assert "Villarrica (09120)" in warnings["A4"]


def test_los_lagos_in_a_comuna_column_is_the_comuna_of_los_rios():
    rows = [[DATE], ["Comuna", "FirmaGob"], ["Los Lagos", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert list(result.frame.comuna_code) == ["14104"]
    assert list(result.frame.region) == ["Los Ríos"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "vacío"),
        (b"%PDF-1.7 ...", "PDF"),
        (b"PK\x03\x04truncated", "dañado"),
        (bytes(range(256)) * 10, "no es una planilla"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_raises_a_spanish_reason(data, reason):
    with pytest.raises(UnreadableFile) as caught:
        load(data, name="malo.xlsx")
    assert reason in caught.value.reason


def test_command_line_exit_2_and_one_line_for_an_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "malo.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a sheet")
    assert main([str(bad)]) == 2
    out = capsys.readouterr()
    assert out.out.strip().count("\n") == 0 and "malo.xlsx" in out.out
    assert "Traceback" not in out.err


def test_command_line_json_and_csv_follow_the_contract(tmp_path, capsys):
    good = tmp_path / "bien.xlsx"
    good.write_bytes(
        xlsx_bytes(
            {"S": [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"], ["Nadie", "En uso"]]}
        )
    )
    out_csv = tmp_path / "out.csv"
    assert main([str(good), "--json", "--csv", str(out_csv), "--source", "Prueba"]) == 1
    report = json.loads(capsys.readouterr().out)
    (entry,) = report["files"]
    assert entry["rows"] == 1 and entry["as_of"] == "2025-09-30"
    assert entry["issues"][0]["cell"] == "A4"
    header, row = out_csv.read_text(encoding="utf-8").splitlines()
    assert (
        header
        == "region_code,region,comuna_code,comuna,platform,stage,alternative,status_raw,as_of,"
        "source,file,sheet,cell"
    )
    assert (
        row
        == "14,Los Ríos,14101,Valdivia,docdigital,en_uso,,En uso,2025-09-30,Prueba,bien.xlsx,S,B3"
    )


def test_csv_renamed_to_xlsx_is_read_as_csv_with_a_warning():
    text = "Fecha de corte;30-09-2025\n\nComuna;DocDigital\nValdivia;En uso\n".encode("latin-1")
    result = load(text, name="renombrado.xlsx")
    assert list(result.frame.stage) == ["en_uso"]
    assert any(".xlsx" in i.message for i in result.issues if i.severity == "warning")
