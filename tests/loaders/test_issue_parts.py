"""Every issue says what its cell held and what was expected there, as parts of its own: the
message is composed from them, so a page and a downloaded report cannot disagree."""

import datetime as dt
import json

import pytest

from loaders import Issue, load
from tests.conftest import xlsx_bytes
from tests.loaders.test_activities import log, one
from tests.loaders.test_attendance import HEADER, TITLE, attendance, person

DATE = "Fecha de corte: 30/09/2025"
STAGES = "No iniciado, En proceso, Habilitada, En uso, Solución alternativa, No aplica"


def tracker(*rows, header=("Comuna", "DocDigital", "FirmaGob"), sheet="Los Ríos"):
    """Load a tracker of one sheet with a cut-off, a header and the given rows."""
    return load(xlsx_bytes({sheet: [[DATE], list(header), *rows]}), name="t.xlsx")


def only_error(result) -> Issue:
    (error,) = result.errors
    return error


def test_unknown_comuna_is_found_as_written_and_expects_a_comuna_of_the_region():
    error = only_error(tracker(["Villa Imaginaria", "En uso", "En uso"]))
    assert (error.cell, error.found) == ("A3", "Villa Imaginaria")
    assert error.expected == "el nombre de una comuna de la región de Los Ríos"
    assert error.message == (
        "comuna desconocida: «Villa Imaginaria»; se esperaba el nombre de una comuna de la región "
        "de Los Ríos"
    )


def test_unknown_status_is_found_as_written_and_expects_the_stages():
    error = only_error(tracker(["Valdivia", "Listo pronto", "En uso"]))
    assert (error.cell, error.found) == ("B3", "Listo pronto")
    assert error.expected == f"uno de: {STAGES} (o la celda vacía)"
    assert error.message.endswith(f"; se esperaba {error.expected}")


def test_a_date_in_a_status_cell_is_found_as_dd_mm_yyyy():
    error = only_error(tracker(["Valdivia", dt.datetime(2025, 9, 30), "En uso"]))
    assert (error.cell, error.found) == ("B3", "30-09-2025")


def test_an_ambiguous_status_says_what_to_do_instead_of_a_value():
    error = only_error(tracker(["Valdivia", "No iniciado / en uso", "En uso"]))
    assert (error.expected, error.fix) == ("", "escriba uno solo")
    assert error.expectation == "escriba uno solo"
    assert error.message.endswith("; escriba uno solo")


def test_an_unreadable_date_in_a_log_is_found_as_written_and_expects_a_day():
    error = only_error(one("31/02/2025", "Temuco", "Taller"))
    assert (error.cell, error.found) == ("A2", "31/02/2025")
    assert error.expected.startswith("el día de la actividad, como ")


def test_an_unreadable_headcount_is_found_as_written_and_expects_a_number():
    error = only_error(one(dt.datetime(2025, 6, 11), "Temuco", "Taller", "", "", "", "doce"))
    assert (error.cell, error.found) == ("G2", "doce")
    assert error.expected == "un número entero (12 o «12 personas») o la celda vacía"
    assert error.problem.endswith("; la actividad se carga sin cantidad")


def test_an_issue_about_a_row_or_a_table_quotes_no_cell():
    error = only_error(log(["Temuco", "Taller"], header=["Comuna", "Actividad"]))
    assert error.found == ""
    undated = load(
        xlsx_bytes({"S": [["Comuna", "DocDigital", "Fecha del registro"], ["Valdivia", "En uso"]]}),
        name="t.xlsx",
    )
    (row,) = [i for i in undated.errors if i.problem.startswith("la fila no tiene fecha")]
    assert (row.cell, row.found) == ("A2", "")


def test_a_yes_no_contradiction_is_found_as_both_answers():
    header = ("Comuna", "¿FirmaGob habilitado?", "¿FirmaGob en uso?")
    error = only_error(tracker(["Valdivia", "No", "Sí"], header=header))
    assert (error.found, error.expected) == ("No / Sí", "Sí/Sí, Sí/No o No/No")


BAD_TRACKERS = {
    "comuna desconocida": [["Villa Imaginaria", "En uso", "En uso"]],
    "estado ilegible": [["Valdivia", "Listo pronto", "En uso"]],
    "estado ambiguo": [["Valdivia", "No iniciado / en uso", "En uso"]],
    "otra región": [["Temuco", "En uso", "En uso"]],
    "comuna vacía": [["Valdivia", "En uso", "En uso"], [None, "En uso", "En uso"]],
    "error de fórmula": [["Valdivia", "#REF!", "En uso"]],
    "filas que no coinciden": [["Valdivia", "En uso", "En uso"], ["Valdivia", "Habilitada", ""]],
}


@pytest.mark.parametrize("rows", BAD_TRACKERS.values(), ids=BAD_TRACKERS.keys())
def test_every_error_says_what_was_expected_or_what_to_do(rows):
    errors = tracker(*rows).errors
    assert errors
    assert all(e.expectation for e in errors), [e.message for e in errors]


def test_errors_of_a_whole_file_say_what_was_expected_too():
    undated = xlsx_bytes({"S": [["Comuna", "DocDigital"], ["Valdivia", "En uso"]]})
    no_date = load(undated, name="t.xlsx")
    no_table = load(xlsx_bytes({"S": [["Notas"], ["nada"]]}), name="t.xlsx")
    two_dates = load(
        xlsx_bytes(
            {
                "S": [
                    [DATE],
                    ["Fecha de corte: 31/10/2025"],
                    ["Comuna", "DocDigital"],
                    ["Valdivia", "En uso"],
                ]
            }
        ),
        name="t.xlsx",
    )
    for result in (no_date, no_table, two_dates):
        assert result.errors
        assert all(e.expectation and not e.found for e in result.errors), result.errors


def test_the_json_report_carries_found_and_expected_beside_the_message():
    (issue,) = tracker(["Villa Imaginaria", "En uso", "En uso"]).report()["issues"]
    assert set(issue) == {"severity", "sheet", "cell", "message", "found", "expected"}
    assert (issue["found"], issue["expected"]) == (
        "Villa Imaginaria",
        "el nombre de una comuna de la región de Los Ríos",
    )


def test_what_to_do_is_the_expected_column_when_there_is_no_value_to_expect():
    issue = Issue("error", "S", "B3", "estado ambiguo «x»", found="x", fix="escriba uno solo")
    assert issue.as_dict()["expected"] == "escriba uno solo"
    assert issue.message == "estado ambiguo «x»; escriba uno solo"
    both = Issue("warning", "S", "", "p", expected="e", fix="f")
    assert (both.message, both.expectation) == ("p; se esperaba e; f", "e; f")


def test_personal_data_never_reaches_found():
    ruts = [["Valdivia", "12.345.678-5", "ana@muni.cl"], ["Corral", "+56 9 5555 0001", "En uso"]]
    status = tracker(*ruts)
    people = attendance(
        rows=[
            [
                1,
                *person(1)[:2],
                "Municipalidad de Villa Imaginaria",
                "Profesional",
                person(1)[2],
                "",
            ],
            [2, *person(2)[:2], "", "Profesional", person(2)[2], ""],
            [3, *person(3)[:2], "Municipalidad de Iquique", "Profesional", person(3)[2], "x"],
        ]
    )
    headcount = one(dt.datetime(2025, 6, 11), "Temuco", "Taller", "", "", "", "ana@muni.cl")
    undated = attendance(title=TITLE[2:], header=[*HEADER])
    found = [i.found for r in (status, people, headcount, undated) for i in r.issues]
    assert "(correo electrónico: dato personal omitido)" in found
    assert "(RUT: dato personal omitido)" in found
    written = json.dumps([i.as_dict() for r in (status, people, headcount) for i in r.issues])
    for secret in ("12.345.678-5", "ana@muni.cl", "5555 0001", *person(1), *person(2), *person(3)):
        assert secret not in written
        assert all(secret not in f for f in found)
