"""Layout detection: wherever the table is and however it is laid out, the same rows come out."""

import datetime as dt
import io

import pytest
import xlsxwriter

from loaders import load
from tests.conftest import xlsx_bytes

DATE = "Fecha de corte: 30/09/2025"
HEADER = ["Comuna", "DocDigital", "FirmaGob", "ClaveÚnica", "CPAT", "PISEE"]
VALDIVIA = ["Valdivia", "En uso", "Habilitada", "En proceso", "No iniciado", ""]


def stages(result, comuna_code="14101"):
    """Platform -> stage of one comuna in a load result."""
    rows = result.frame[result.frame.comuna_code == comuna_code]
    return dict(zip(rows.platform, rows.stage, strict=True))


EXPECTED = {
    "docdigital": "en_uso",
    "firmagob": "habilitada",
    "claveunica": "en_proceso",
    "cpat": "sin_iniciar",
    "pisee": "sin_informacion",
}


def test_wide_table_below_title_rows_and_offset_columns():
    rows = [
        ["Seguimiento de plataformas"],
        [DATE],
        [],
        [None, *HEADER],
        [None, *VALDIVIA],
    ]
    result = load(xlsx_bytes({"Hoja1": rows}), name="t.xlsx")
    assert stages(result) == EXPECTED
    assert result.as_of == dt.date(2025, 9, 30)
    assert result.frame.loc[0, "cell"] == "C5"


def test_two_row_merged_header_reads_state_and_ignores_the_date_column():
    top = ["Comuna"]
    sub = [None]
    row = ["Valdivia"]
    merges = ["A2:A3"]
    for i, (platform, status) in enumerate(zip(HEADER[1:], VALDIVIA[1:], strict=True)):
        col = 2 + 2 * i
        top += [platform, None]
        sub += ["Estado", "Fecha habilitación"]
        row += [status, dt.datetime(2025, 1, 15) if status else None]
        letter = chr(64 + col)
        merges.append(f"{letter}2:{chr(65 + col)}2")
    result = load(xlsx_bytes({"S": [[DATE], top, sub, row]}, {"S": merges}), name="t.xlsx")
    assert stages(result) == EXPECTED
    assert not result.errors


def test_platform_names_merged_above_the_comuna_row():
    top = [None, "DocDigital", None]
    second = ["Comuna", "Estado", "Fecha"]
    result = load(
        xlsx_bytes(
            {"S": [[DATE], top, second, ["Valdivia", "En uso", dt.datetime(2024, 5, 1)]]},
            {"S": ["B2:C2"]},
        ),
        name="t.xlsx",
    )
    assert stages(result) == {"docdigital": "en_uso"}


def test_long_layout_one_row_per_comuna_and_platform():
    rows = [
        ["Actualizado al 30 de septiembre de 2025"],
        ["Municipio", "Plataforma", "Estado", "Comentarios"],
    ]
    for platform, status in zip(
        ["Doc Digital", "Firma Gob", "Clave Única", "CPAT", "PISEE 2.0"], VALDIVIA[1:], strict=True
    ):
        rows.append(["Municipalidad de Valdivia", platform, status, "en uso según encargado"])
    result = load(xlsx_bytes({"Mesa": rows}), name="t.xlsx")
    assert stages(result) == EXPECTED
    assert not result.errors


def test_yes_no_pairs_combine_into_a_stage():
    header = [
        "Comuna",
        "¿DocDigital habilitado?",
        "¿DocDigital en uso?",
        "¿FirmaGob habilitado?",
        "¿FirmaGob en uso?",
        "¿CPAT habilitado?",
        "¿CPAT en uso?",
    ]
    row = ["Valdivia", "Sí", "SI", "si", "No", "NO", "no"]
    result = load(xlsx_bytes({"S": [[DATE], header, row]}), name="t.xlsx")
    assert stages(result) == {
        "docdigital": "en_uso",
        "firmagob": "habilitada",
        "cpat": "sin_iniciar",
    }


def test_yes_no_contradiction_is_an_error_not_a_guess():
    header = ["Comuna", "¿FirmaGob habilitado?", "¿FirmaGob en uso?"]
    result = load(xlsx_bytes({"S": [[DATE], header, ["Valdivia", "No", "Sí"]]}), name="t.xlsx")
    assert result.frame.empty
    assert [(e.sheet, e.cell) for e in result.errors] == [("S", "B3")]


def test_instruction_and_summary_sheets_are_skipped_with_a_note():
    book = xlsx_bytes(
        {
            "Instrucciones": [
                ["Complete una fila por comuna"],
                ["Estados válidos: En uso, Habilitada"],
            ],
            "Datos": [[DATE], HEADER, VALDIVIA],
            "Resumen": [["Comuna", "DocDigital"], ["Total", 3]],
        }
    )
    result = load(book, name="t.xlsx")
    assert stages(result) == EXPECTED
    notes = {(i.sheet, i.severity) for i in result.issues}
    assert ("Instrucciones", "info") in notes and ("Resumen", "info") in notes
    assert not result.errors


def test_totals_footer_and_notes_columns_are_not_read_as_data():
    rows = [
        [DATE],
        [*HEADER, "Observaciones"],
        [*VALDIVIA, "En uso desde marzo"],
        [],
        ["Total", 1, 1, 1, 1, 0],
        ["Fuente: equipo regional"],
    ]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert stages(result) == EXPECTED
    assert len(result.frame) == 5
    assert not result.errors


def test_formulas_are_read_through_their_cached_values():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out)
    sheet = book.add_worksheet("S")
    sheet.write_row(0, 0, [DATE])
    sheet.write_row(1, 0, ["Comuna", "DocDigital"])
    sheet.write(2, 0, "Valdivia")
    sheet.write_formula(2, 1, '=IF(1=1,"En uso","")', None, "En uso")
    book.close()
    result = load(out.getvalue(), name="f.xlsx")
    assert stages(result) == {"docdigital": "en_uso"}


def test_sheet_per_region_scopes_names_to_the_sheet_region():
    # "Los Lagos" inside the Los Ríos sheet is the comuna 14104, without any warning
    book = xlsx_bytes(
        {
            "Los Ríos": [[DATE], ["Comuna", "DocDigital"], ["Los Lagos", "En uso"]],
            "Tarapacá": [[DATE], ["Comuna", "DocDigital"], ["Pica", "Habilitada"]],
        }
    )
    result = load(book, name="t.xlsx")
    assert set(result.frame.comuna_code) == {"14104", "01405"}
    assert not [i for i in result.issues if i.severity != "info"]


def test_comuna_code_column_is_used_and_zero_padded():
    rows = [[DATE], ["Código comuna", "Comuna", "DocDigital"], [9101, "TEMUCO", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert list(result.frame.comuna_code) == ["09101"]


def test_comuna_code_and_name_that_disagree_are_an_error():
    rows = [[DATE], ["Código comuna", "Comuna", "DocDigital"], ["09101", "Pucón", "En uso"]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert result.frame.empty
    assert result.errors[0].cell == "B3"


def test_region_separator_rows_scope_the_rows_below():
    rows = [
        [DATE],
        ["Comuna", "DocDigital"],
        ["Región de Los Ríos"],
        ["Los Lagos", "En uso"],
        ["Región de Los Lagos"],
        ["Puerto Montt", "Habilitada"],
    ]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert list(result.frame.comuna_code) == ["14104", "10101"]


@pytest.mark.parametrize(
    ("written", "stage"),
    [
        ("Habilitada, sin uso", "habilitada"),
        ("HABILITADO", "habilitada"),
        ("Habilitada y en uso", "en_uso"),
        ("Uso continuo", "en_uso"),
        ("En proceso (migración a Red de Interoperabilidad)", "en_proceso"),
        ("No iniciado", "sin_iniciar"),
        ("Solución propia", "alternativa"),
        ("N/A", "no_aplica"),
        ("-", "sin_informacion"),
    ],
)
def test_status_words_are_matched_as_phrases(written, stage):
    rows = [[DATE], ["Comuna", "PISEE"], ["Valdivia", written]]
    result = load(xlsx_bytes({"S": rows}), name="t.xlsx")
    assert stages(result) == {"pisee": stage}
    assert result.frame.loc[0, "status_raw"] == written
