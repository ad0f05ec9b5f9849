"""Attendance lists: one row per person becomes one activity per comuna with its number of
people; nobody's name, RUT, e-mail or phone reaches any output."""

import datetime as dt
import json

import pandas as pd
import pytest

from loaders import load
from loaders.__main__ import main
from loaders.report import as_json, as_text
from tests.conftest import xlsx_bytes

TITLE = [
    ["Mesa de Transformación Digital de Tarapacá — Lista de asistencia"],
    ["Fecha: 12 de septiembre de 2025"],
    ["Modalidad: Presencial"],
    [],
]
HEADER = ["N°", "Nombre", "RUT", "Institución", "Cargo", "Correo electrónico", "Firma"]
INSTITUTIONS = (
    "Municipalidad de Iquique",
    "I. Municipalidad de Iquique",
    "Iquique",
    "I. Municipalidad de Alto Hospicio",
    "Muni. Pozo Almonte",
    "Municipalidad de Pica - SECPLAN",
    "DIDECO, Municipalidad de Pica",
    "Gobierno Regional de Tarapacá",
    "GORE Tarapacá",
    "SGD",
    "Subdere",
    "Universidad Arturo Prat",
)


def person(n: int) -> tuple[str, str, str, str]:
    """A clearly fictional person: name, RUT, e-mail, phone."""
    return (
        f"Persona Ficticia {n}",
        f"1{n}.{n:03d}.{n:03d}-{n % 10}",
        f"p{n}@example.cl",
        (f"+56 9 5555 {n:04d}"),
    )


def people_rows(institutions=INSTITUTIONS) -> list[list[object]]:
    rows = []
    for n, institution in enumerate(institutions, start=1):
        name, rut, mail, _ = person(n)
        rows.append([n, name, rut, institution, "Profesional", mail, ""])
    return rows


def attendance(rows=None, title=TITLE, header=HEADER, sheet="Asistencia"):
    """Load a workbook holding one attendance list."""
    rows = people_rows() if rows is None else rows
    return load(xlsx_bytes({sheet: [*title, header, *rows]}), name="asistencia.xlsx")


def counts(result) -> list[list[object]]:
    frame = result.activities
    return (
        frame[["comuna", "date", "activity", "platform", "participants", "modality"]]
        .astype(object)
        .values.tolist()
    )


SEPT_12 = pd.Timestamp("2025-09-12")


def test_an_attendance_list_is_one_activity_per_comuna_with_its_number_of_people():
    result = attendance()
    assert counts(result) == [
        ["Iquique", SEPT_12, "mesa_regional", "", 3, "presencial"],
        ["Alto Hospicio", SEPT_12, "mesa_regional", "", 1, "presencial"],
        ["Pozo Almonte", SEPT_12, "mesa_regional", "", 1, "presencial"],
        ["Pica", SEPT_12, "mesa_regional", "", 2, "presencial"],
    ]
    # each row points at the institution cell of the comuna's first person
    assert result.activities.cell.tolist() == ["D6", "D9", "D10", "D11"]
    assert result.source == "GORE Tarapacá"
    assert result.as_of == dt.date(2025, 9, 12)
    assert not result.errors


def test_people_of_other_institutions_are_counted_for_no_comuna_and_the_note_says_how_many():
    result = attendance()
    (note,) = [i for i in result.issues if "instituciones" in i.message]
    assert (note.severity, note.cell) == ("info", "D13")
    assert note.message == (
        "5 personas de instituciones que no son municipalidades no se cuentan en ninguna comuna "
        "(filas 13, 14, 15, 16, 17)"
    )
    assert result.activities.participants.sum() == 7


def test_a_person_without_institution_is_a_warning_and_numbered_blank_rows_are_no_one():
    rows = [*people_rows(("Iquique", "")), [3], [4], ["Total asistentes", "", "", "", "", "", ""]]
    result = attendance(rows)
    assert counts(result) == [["Iquique", SEPT_12, "mesa_regional", "", 1, "presencial"]]
    warnings = [(i.cell, i.message) for i in result.issues if i.severity == "warning"]
    assert warnings == [
        ("D7", "1 persona sin institución («Institución» vacía) no se cuenta en ninguna comuna "
         "(fila 7)")
    ]  # fmt: skip


def test_the_title_line_naming_what_was_done_at_the_mesa_gives_activity_and_platform():
    title = [TITLE[0], ["Capacitación técnica FirmaGob"], TITLE[1], []]
    result = attendance(people_rows(("Iquique", "Pica")), title=title)
    assert counts(result) == [
        ["Iquique", SEPT_12, "capacitacion_tecnica", "firmagob", 1, ""],
        ["Pica", SEPT_12, "capacitacion_tecnica", "firmagob", 1, ""],
    ]


def test_a_date_label_may_say_more_than_the_day():
    title = [TITLE[0], ["Fecha: viernes 12/09/2025, 10:00 horas, salón del GORE"], []]
    result = attendance(people_rows(("Iquique",)), title=title)
    assert counts(result) == [["Iquique", SEPT_12, "mesa_regional", "", 1, ""]]
    assert not result.issues[1:]  # only the note on personal columns


def test_labels_may_have_their_value_in_the_next_cell():
    title = [
        ["Lista de asistencia"],
        ["Actividad:", "Taller práctico"],
        ["Fecha", dt.datetime(2025, 8, 5)],
        ["Modalidad", "Online"],
    ]
    result = attendance(people_rows(("Iquique",)), title=title, sheet="Tarapacá")
    assert counts(result) == [
        ["Iquique", pd.Timestamp("2025-08-05"), "taller_practico", "", 1, "remota"]
    ]
    assert result.as_of == dt.date(2025, 8, 5)


def test_a_list_with_date_and_activity_columns_is_one_activity_per_date_activity_and_comuna():
    header = ["N°", "Fecha", "Actividad", "Nombre completo", "RUN", "Municipalidad", "Teléfono"]
    day1, day2 = dt.datetime(2025, 9, 12), "13/09/2025"
    people = [
        (day1, "Mesa de Transformación Digital", "Iquique"),
        (day1, "Mesa de Transformación Digital", "Municipalidad de Iquique"),
        (day2, "Capacitación técnica FirmaGob", "Iquique"),
        (day1, "Mesa de Transformación Digital", "Pica"),
        (day2, "Capacitación técnica FirmaGob", "Alto Hospicio"),
        (day2, "Capacitación técnica FirmaGob", "GORE Tarapacá"),
    ]
    rows = []
    for n, (day, activity, municipality) in enumerate(people, start=1):
        name, rut, _, phone = person(n)
        rows.append([n, day, activity, name, rut, municipality, phone])
    title = [["Registro de asistencia — Región de Tarapacá"]]
    result = attendance(rows, title=title, header=header, sheet="Registro")
    sept_13 = pd.Timestamp("2025-09-13")
    assert counts(result) == [
        ["Iquique", SEPT_12, "mesa_regional", "", 2, ""],
        ["Iquique", sept_13, "capacitacion_tecnica", "firmagob", 1, ""],
        ["Pica", SEPT_12, "mesa_regional", "", 1, ""],
        ["Alto Hospicio", sept_13, "capacitacion_tecnica", "firmagob", 1, ""],
    ]
    assert result.personal_columns == 3
    assert [i.cell for i in result.issues if "no es una municipalidad" in i.message] == ["F8"]


def test_a_municipality_that_does_not_exist_is_an_error_on_its_cell():
    result = attendance(people_rows(("Municipalidad de Villa Imaginaria", "Iquique")))
    (error,) = result.errors
    assert (error.cell, error.message) == (
        "D6",
        "municipalidad desconocida: «Municipalidad de Villa Imaginaria»; se esperaba el nombre de "
        "una comuna de la región de Tarapacá",
    )
    assert counts(result) == [["Iquique", SEPT_12, "mesa_regional", "", 1, "presencial"]]


def test_a_municipality_of_another_region_is_an_error_on_its_cell():
    result = attendance(people_rows(("Municipalidad de Temuco", "Iquique")))
    (error,) = result.errors
    assert error.cell == "D6"
    assert "la comuna Temuco (09101), de la región de La Araucanía" in error.message
    assert len(result.activities) == 1


def test_a_list_that_does_not_say_its_date_is_one_error():
    result = attendance(title=[["Lista de asistencia — Mesa regional"]])
    assert result.activities.empty
    assert [(i.cell, i.message[:45]) for i in result.errors] == [
        ("A2", "la lista de asistencia no dice su fecha; se e")
    ]


def test_a_list_that_does_not_say_its_activity_is_otra_with_a_warning_on_the_header():
    title = [["Lista de asistencia"], ["Fecha: 12/09/2025"]]
    result = attendance(people_rows(("Iquique",)), title=title, sheet="Tarapacá")
    assert counts(result)[0][2] == "otra"
    (warning,) = [i for i in result.issues if i.severity == "warning"]
    assert warning.cell == "A3"
    assert warning.message.startswith("la lista de asistencia no dice qué actividad fue")


def test_an_activity_log_with_a_person_in_charge_is_still_a_log():
    header = ["Fecha", "Comuna", "Actividad", "Responsable", "N° participantes"]
    rows = [[dt.datetime(2025, 6, 3), "Iquique", "Taller", "Persona Ficticia 1", 8]]
    result = load(xlsx_bytes({"Actividades": [header, *rows]}), name="a.xlsx")
    assert result.activities[["comuna", "participants"]].values.tolist() == [["Iquique", 8]]
    assert result.personal_columns == 1


# Personal data: nobody's name, RUT, e-mail or phone leaves the file.
PERSONAL = [v for n in range(1, len(INSTITUTIONS) + 1) for v in person(n)]


def leaked(text: str) -> list[str]:
    return [v for v in PERSONAL if v in text]


def test_the_personal_columns_of_a_list_are_counted_and_named_by_their_headers_only():
    result = attendance()
    assert result.personal_columns == 3
    (note,) = [i for i in result.issues if "datos personales" in i.message]
    assert note.message.startswith(
        "se omitieron 3 columnas con datos personales: «Nombre» (B), «RUT» (C), "
        "«Correo electrónico» (F)"
    )


def test_no_name_rut_or_e_mail_of_a_list_reaches_the_frames_issues_or_reports():
    result = attendance()
    assert not leaked(result.activities.to_csv() + result.frame.to_csv())
    assert not leaked(json.dumps([i.as_dict() for i in result.issues], ensure_ascii=False))
    assert not leaked(as_json([result]) + as_text([result]))


@pytest.mark.parametrize("mistake", ["persona@example.cl", "12.345.678-5", "Persona Ficticia 99"])
def test_a_personal_datum_written_as_an_institution_is_left_out_unquoted(mistake):
    result = attendance(people_rows(("Iquique", mistake)))
    assert counts(result) == [["Iquique", SEPT_12, "mesa_regional", "", 1, "presencial"]]
    assert mistake not in json.dumps([i.as_dict() for i in result.issues], ensure_ascii=False)


def test_no_personal_value_reaches_the_command_lines_outputs(tmp_path, capsys):
    path = tmp_path / "tarapaca_mesa_asistencia.xlsx"
    path.write_bytes(xlsx_bytes({"Asistencia": [*TITLE, HEADER, *people_rows()]}))
    activities, rows = tmp_path / "actividades.csv", tmp_path / "filas.csv"
    assert main([str(path), "--activities", str(activities), "--csv", str(rows)]) == 0
    text = capsys.readouterr()
    assert main([str(path), "--json"]) == 0
    report = capsys.readouterr()
    assert json.loads(report.out)["files"][0]["activities"] == 4
    assert "4 actividades" in text.out
    printed = text.out + text.err + report.out + report.err
    written = activities.read_text(encoding="utf-8") + rows.read_text(encoding="utf-8")
    assert not leaked(printed + written)


def test_a_day_after_the_cut_off_repeated_on_every_row_is_one_warning():
    header = ["N°", "Fecha", "Nombre", "Institución"]
    late = dt.datetime(2025, 10, 9)
    rows = [[n, late, f"Persona Ficticia {n}", "Iquique"] for n in range(1, 6)]
    title = [["Fecha de corte: 30/09/2025"], ["Mesa de Transformación Digital de Tarapacá"]]
    result = attendance(rows, title=title, header=header)
    assert counts(result) == [["Iquique", pd.Timestamp("2025-10-09"), "mesa_regional", "", 5, ""]]
    warnings = [i.cell for i in result.issues if i.severity == "warning"]
    assert warnings == ["B4"]
