"""Personal data stays out: names, RUT, e-mail and phone columns are dropped with a note, and
none of their values reaches the frame, the report or the command line's output."""

import json

import pytest

from loaders import load
from loaders.__main__ import main
from loaders.personal import personal_kind
from loaders.report import as_json, as_text
from loaders.vocabulary import vocabulary
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"
HEADER = [
    "Comuna",
    "Encargado/a",
    "DocDigital",
    "RUT",
    "Correo electrónico",
    "FirmaGob",
    "Teléfono",
    "",
    "Referencia",
    "Observaciones",
]
PEOPLE = [
    ["Valdivia", "Juana Pérez Soto", "En uso", "12.345.678-5", "jperez@munivaldivia.cl"],
    ["Temuco", "Pedro Rojas", "Solución propia", "9876543-K", "projas@temuco.cl"],
]
EXTRA = [
    ["Habilitada", "+56 9 8765 4321", "ana.diaz@gmail.com", "15.222.333-1", "llamar en octubre"],
    ["Pendiente", "987654321", "luis@correo.cl", "7.654.321-0", ""],
]
TRACKER_ROWS = [[DATE], HEADER, *(p + e for p, e in zip(PEOPLE, EXTRA, strict=True))]
VALUES = [v for p, e in zip(PEOPLE, EXTRA, strict=True) for v in p[1:2] + p[3:] + e[1:4]]


def tracker() -> bytes:
    """A tracker with a person, RUT, e-mail and phone per comuna, an untitled column of e-mails
    and a column titled «Referencia» holding RUTs."""
    return xlsx_bytes({"Seguimiento": TRACKER_ROWS})


def leaked(text: str) -> list[str]:
    """The personal values found in a text."""
    return [v for v in VALUES if v in text]


def test_personal_columns_are_dropped_with_one_note_naming_headers_not_values():
    result = load(tracker(), name="t.xlsx")
    assert sorted(result.frame[["comuna", "platform", "stage"]].values.tolist()) == [
        ["Temuco", "docdigital", "alternativa"],
        ["Temuco", "firmagob", "sin_iniciar"],
        ["Valdivia", "docdigital", "en_uso"],
        ["Valdivia", "firmagob", "habilitada"],
    ]
    assert not result.errors
    (note,) = result.issues
    assert (note.severity, note.sheet) == ("info", "Seguimiento")
    assert note.message.startswith("se omitieron 6 columnas con datos personales: ")
    for named in ("«Encargado/a» (B)", "«RUT» (D)", "«Correo electrónico» (E)", "«Teléfono» (G)"):
        assert named in note.message
    assert "columna H sin título (correo electrónico)" in note.message
    assert "«Referencia» (I: RUT)" in note.message
    assert result.personal_columns == 6
    assert not leaked(note.message)


def test_no_personal_value_reaches_the_frame_or_the_reports():
    result = load(tracker(), name="t.xlsx")
    assert not leaked(result.frame.to_csv())
    assert not leaked(as_json([result]))
    assert not leaked(as_text([result]))


def test_no_personal_value_reaches_the_command_line_output(tmp_path, capsys):
    path = tmp_path / "seguimiento.xlsx"
    path.write_bytes(tracker())
    out = tmp_path / "filas.csv"
    assert main([str(path), "--csv", str(out)]) == 0
    text = capsys.readouterr()
    assert main([str(path), "--json"]) == 0
    report = capsys.readouterr()
    assert "se omitieron 6 columnas" in text.out
    assert json.loads(report.out)["files"][0]["rows"] == 4
    printed = text.out + text.err + report.out + report.err
    assert not leaked(printed + out.read_text(encoding="utf-8"))


def test_an_e_mail_in_a_status_cell_is_an_error_that_does_not_quote_it():
    rows = [[DATE], ["Comuna", "DocDigital", "FirmaGob"], ["Valdivia", "En uso", "ana@muni.cl"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    (error,) = result.errors
    assert error.cell == "C3"
    assert "correo electrónico" in error.message and "ana@muni.cl" not in error.message
    assert list(result.frame.platform) == ["docdigital"]


def test_a_person_column_of_a_long_table_is_dropped_and_the_rest_is_read():
    rows = [
        [DATE],
        ["Marca temporal", "Dirección de correo electrónico", "Municipio", "Plataforma", "Estado"],
        ["03/10/2025 16:15:22", "rrpp@muni.cl", "Valdivia", "FirmaGob", "Empresa externa"],
    ]
    result = load(xlsx_bytes({"Respuestas": rows}), name="formulario.xlsx")
    assert result.frame[["stage", "alternative"]].values.tolist() == [["alternativa", "privada"]]
    notes = [i.message for i in result.issues if "datos personales" in i.message]
    assert notes == [
        "se omitió 1 columna con datos personales: «Dirección de correo electrónico» (B); "
        "sus valores no se leen, no se guardan ni se muestran"
    ]
    assert "rrpp@muni.cl" not in json.dumps([i.as_dict() for i in result.issues])


def test_a_person_per_platform_in_a_wide_table_is_not_read_as_its_status():
    rows = [[DATE], ["Comuna", "FirmaGob", "Responsable FirmaGob"], ["Valdivia", "En uso", "Ana"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert result.frame[["platform", "stage", "cell"]].values.tolist() == [
        ["firmagob", "en_uso", "B3"]
    ]
    assert not result.errors


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Nombre", "personal"),
        ("Nombre completo", "personal"),
        ("Apellidos", "personal"),
        ("Responsable", "personal"),
        ("Encargado/a", "personal"),
        ("Contacto", "personal"),
        ("RUN", "personal"),
        ("Rut funcionario", "personal"),
        ("E-mail", "personal"),
        ("Email", "personal"),
        ("Correo", "personal"),
        ("Celular", "personal"),
        ("Fono", "personal"),
        ("Encargado comuna", "personal"),  # a person, though it names the comuna too
        ("Correo municipio", "personal"),
        ("Nombre del municipio", "comuna"),
        ("Nombre de la comuna", "comuna"),
        ("Nombre región", "region"),
        ("Nombre de la plataforma", "platform"),
        ("Comuna", "comuna"),
    ],
)
def test_header_roles_of_people_and_of_the_columns_that_merely_say_nombre(header, role):
    assert vocabulary().header_role(header) == role


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("ana@muni.cl", "correo electrónico"),
        (" j.perez+mesa@gore-tarapaca.gob.cl ", "correo electrónico"),
        ("12.345.678-5", "RUT"),
        ("9876543-K", "RUT"),
        ("+56 9 8765 4321", "teléfono"),
        ("987654321", "teléfono"),
        ("En uso", None),
        ("Proveedor privado", None),
        ("01101", None),
        ("30-09-2025", None),
        ("ver correo de la municipalidad", None),
        (12345678, None),
    ],
)
def test_what_looks_like_personal_data(value, kind):
    assert personal_kind(value) == kind
