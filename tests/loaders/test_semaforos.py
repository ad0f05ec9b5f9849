"""Semáforos and marks: a fill colour is read through the sheet's legend, a mark as the word it
stands for, and anything else a cell holds is an error on that cell, never «sin información»."""

import io
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableCellProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import P
from openpyxl.styles import Color, PatternFill

from loaders import load
from loaders.fills import attach_fills
from loaders.gazetteer import gazetteer
from loaders.sheets import Sheet, cell_ref, transposed
from loaders.vocabulary import PLATFORMS, vocabulary

DATE = "Fecha de corte: 30/09/2025"
GREEN, AMBER, RED = "00B050", "FFC000", "FF0000"
HEADER = ["Comuna", "DocDigital", "FirmaGob"]


def painted(sheets: dict[str, tuple[list[list[object]], dict[str, object]]]) -> bytes:
    """An .xlsx with the given rows on each sheet and solid fills on the given cells."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (rows, fills) in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for ref, colour in fills.items():
            sheet[ref].fill = PatternFill("solid", fgColor=colour)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def loaded(rows, fills, name="S"):
    """One painted sheet, loaded."""
    return load(painted({name: (rows, fills)}), name="semaforo.xlsx")


def by_cell(result, severity="error"):
    """Issues of one severity by cell."""
    return {i.cell: i.message for i in result.issues if i.severity == severity}


def stages(result):
    """Cell -> (stage, status_raw) of the rows read."""
    frame = result.frame
    return dict(zip(frame.cell, zip(frame.stage, frame.status_raw, strict=True), strict=True))


LEGEND = [["Simbología"], [None, "En uso"], [None, "En proceso"]]
LEGEND_FILLS = {"E3": GREEN, "E4": AMBER}


def with_legend(rows: list[list[object]]) -> list[list[object]]:
    """The rows with the two-colour legend of LEGEND from E2 on (green En uso, amber En
    proceso)."""
    out = [list(row) + [None] * (4 - len(row)) for row in rows]
    out += [[None] * 4 for _ in range(len(LEGEND) + 1 - len(out))]
    for k, entry in enumerate(LEGEND):
        out[1 + k] = out[1 + k][:4] + entry
    return out


# --- reading colours through the legend ------------------------------------------------------


def test_an_empty_painted_cell_is_the_stage_its_colour_has_in_the_legend():
    rows = with_legend([[DATE], HEADER, ["Valdivia"], ["Corral", "En uso"]])
    result = loaded(rows, {"B3": GREEN, "C3": AMBER, **LEGEND_FILLS})
    assert not result.errors
    assert stages(result) == {
        "B3": ("en_uso", "En uso (color)"),
        "C3": ("en_proceso", "En proceso (color)"),
        "B4": ("en_uso", "En uso"),
        "C4": ("sin_informacion", ""),
    }


def test_the_legend_is_no_data_even_below_the_table_in_its_columns():
    rows = [[DATE], HEADER, ["Valdivia"], [], ["Leyenda"], [None, "En uso"], ["Habilitada"]]
    fills = {"B3": GREEN, "C3": "92D050", "A6": GREEN, "B7": "92D050"}
    result = loaded(rows, fills)
    assert not [i for i in result.issues if i.severity != "info"]
    assert stages(result) == {
        "B3": ("en_uso", "En uso (color)"),
        "C3": ("habilitada", "Habilitada (color)"),
    }


def test_a_painted_cell_without_a_legend_is_an_error_naming_its_colour_and_gives_no_row():
    result = loaded([[DATE], HEADER, ["Valdivia", None, "En uso"]], {"B3": AMBER})
    assert list(result.frame.cell) == ["C3"]
    message = by_cell(result)["B3"]
    assert message.startswith("DocDigital: color de relleno #FFC000 sin leyenda")
    assert "«Simbología»" in message and "se esperaba un estado en la celda" in message


def test_a_colour_the_legend_lacks_is_an_error_naming_it_and_the_legend():
    rows = with_legend([[DATE], HEADER, ["Valdivia"]])
    result = loaded(rows, {"B3": RED, "C3": GREEN, **LEGEND_FILLS})
    assert list(result.frame.cell) == ["C3"]
    message = by_cell(result)["B3"]
    assert "color de relleno #FF0000 sin leyenda: la leyenda (S!E2) no tiene ese color" in message
    assert "#00B050 «En uso», #FFC000 «En proceso»" in message


def test_a_legend_colour_given_two_stages_is_an_error_on_the_legend_and_on_its_cells():
    rows = [[DATE], [*HEADER, None, "Simbología"], ["Valdivia", None, "En uso"]]
    rows += [[None, None, None, None, None, "En uso"], [None] * 5 + ["Habilitada"]]
    fills = {"B3": GREEN, "E3": GREEN, "E4": GREEN, "E5": GREEN}
    result = loaded(rows, fills)
    errors = by_cell(result)
    assert "el color #00B050 está para estados distintos" in errors["F5"]
    assert "«En uso» (F4) y «Habilitada» (F5)" in errors["F5"]
    assert "más de un significado («En uso» y «Habilitada»)" in errors["B3"]
    assert list(result.frame.cell) == ["C3"]


def test_a_legend_word_that_is_no_status_is_an_error_on_the_legend_and_its_cells():
    rows = with_legend([[DATE], HEADER, ["Valdivia"]])
    rows[2][5] = "Atrasado"
    result = loaded(rows, {"B3": GREEN, "C3": AMBER, **LEGEND_FILLS})
    errors = by_cell(result)
    assert errors["F3"].startswith("leyenda: «Atrasado», junto al color #00B050, no es un estado")
    assert "lo llama «Atrasado» (F3), que no es un estado" in errors["B3"]
    assert list(result.frame.cell) == ["C3"]


def test_text_wins_over_its_colour_and_a_disagreement_is_a_warning_naming_both():
    rows = with_legend([[DATE], HEADER, ["Valdivia", "Habilitada", "En proceso"]])
    result = loaded(rows, {"B3": GREEN, "C3": AMBER, **LEGEND_FILLS})
    assert stages(result) == {
        "B3": ("habilitada", "Habilitada"),
        "C3": ("en_proceso", "En proceso"),
    }
    assert not result.errors
    assert by_cell(result, "warning") == {
        "B3": "DocDigital: la celda dice «Habilitada» pero su color #00B050 es «En uso» en la "
        "leyenda (F3); se usa el texto"
    }


def test_painted_text_without_a_legend_is_read_as_its_text_quietly():
    result = loaded([[DATE], HEADER, ["Valdivia", "En uso", "Pendiente"]], {"B3": GREEN})
    assert stages(result) == {"B3": ("en_uso", "En uso"), "C3": ("sin_iniciar", "Pendiente")}
    assert not [i for i in result.issues if i.severity != "info"]


def test_a_long_table_reads_its_status_column_through_the_legend():
    header = ["Comuna", "Plataforma", "Estado"]
    rows = with_legend([[DATE], header, ["Valdivia", "FirmaGob"], ["Valdivia", "PISEE"]])
    result = loaded(rows, {"C3": AMBER, "C4": RED, **LEGEND_FILLS})
    assert stages(result) == {"C3": ("en_proceso", "En proceso (color)")}
    assert "color de relleno #FF0000 sin leyenda" in by_cell(result)["C4"]


def test_decoration_is_no_colour_banded_rows_a_painted_header_and_white():
    rows = [[DATE], HEADER, ["Valdivia"], ["Corral"], ["Lanco"]]
    fills = {"A3": "F2F2F2", "B3": "F2F2F2", "C1": "1F4E78", "C2": "1F4E78", "C4": "1F4E78"}
    fills |= {"B5": "FFFFFF"}
    result = loaded(rows, fills)
    assert not result.errors
    assert set(result.frame.stage) == {"sin_informacion"} and len(result.frame) == 6


def test_a_legend_on_its_own_sheet_reads_a_sheet_without_one_and_says_so():
    book = painted(
        {
            "Simbología": ([["Simbología"], [None, "En uso"]], {"A2": GREEN}),
            "Datos": ([[DATE], HEADER, ["Valdivia"]], {"B3": GREEN}),
        }
    )
    result = load(book, name="semaforo.xlsx")
    assert stages(result) == {"B3": ("en_uso", "En uso (color)"), "C3": ("sin_informacion", "")}
    notes = [i for i in result.issues if i.sheet == "Datos" and i.severity == "info"]
    assert any("la de la hoja «Simbología» (A1)" in i.message for i in notes)
    assert not result.errors


def test_a_transposed_semaforo_names_the_sheets_own_cells():
    rows = [[DATE], ["Plataforma", "Valdivia", "Corral"], ["DocDigital"], ["FirmaGob"]]
    rows += [[], ["Simbología"], ["En uso"]]
    result = loaded(rows, {"B3": GREEN, "C4": RED, "B7": GREEN})
    assert stages(result) == {
        "B3": ("en_uso", "En uso (color)"),
        "C3": ("sin_informacion", ""),
        "B4": ("sin_informacion", ""),
    }
    assert "#FF0000 sin leyenda" in by_cell(result)["C4"]


# --- marks and content that is no answer -----------------------------------------------------


YESNO = ["Comuna", "¿FirmaGob habilitada?", "¿FirmaGob en uso?"]


@pytest.mark.parametrize(
    ("enabled", "in_use", "stage"),
    [
        ("✓", "✓", "en_uso"),
        ("✔️", "✘", "habilitada"),
        ("☑", "☐", "habilitada"),
        ("X", "x", "en_uso"),
        ("✗", "✗", "sin_iniciar"),
        ("☐", None, "sin_iniciar"),
        (None, None, "sin_informacion"),
    ],
)
def test_marks_answer_yes_no_columns(enabled, in_use, stage):
    result = loaded([[DATE], YESNO, ["Valdivia", enabled, in_use]], {})
    assert list(result.frame.stage) == [stage]
    assert not result.errors


@pytest.mark.parametrize("found", ["◯", "?", "tal vez", 3, "✕"])
def test_an_unknown_mark_is_an_error_on_its_cell_never_sin_informacion(found):
    result = loaded([[DATE], YESNO, ["Valdivia", found, "✓"], ["Corral", "✓", "✓"]], {})
    assert list(result.frame.cell) == ["B4"]
    message = by_cell(result)["B3"]
    assert message.startswith(f"FirmaGob: respuesta ilegible «{found}» en «¿FirmaGob habilitada?»")
    assert "se esperaba Sí (✓ ✔ 🗸 √ ☑ ✅ x X) o No (✗ ✘ ☐ ❌) o la celda vacía" in message


@pytest.mark.parametrize("found", ["◯", "?", "tal vez", "✓", "..."])
def test_content_that_is_no_status_is_an_error_in_wide_and_long_tables(found):
    wide = loaded([[DATE], HEADER, ["Valdivia", found, "En uso"]], {})
    long = loaded([[DATE], ["Comuna", "Plataforma", "Estado"], ["Valdivia", "PISEE", found]], {})
    assert list(wide.frame.cell) == ["C3"] and long.frame.empty
    for result, cell in ((wide, "B3"), (long, "C3")):
        assert f"estado ilegible «{found}»; se esperaba uno de:" in by_cell(result)[cell]


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_dash_says_there_is_no_data(dash):
    result = loaded([[DATE], HEADER, ["Valdivia", dash, "En uso"]], {})
    assert stages(result)["B3"] == ("sin_informacion", dash)


def test_a_yes_no_cell_painted_with_a_stage_colour_needs_an_answer_in_the_legend():
    rows = with_legend([[DATE], YESNO, ["Valdivia", None, "No"]])
    result = loaded(rows, {"B3": AMBER, **LEGEND_FILLS})
    assert result.frame.empty
    assert "lo llama «En proceso» (F4), que no es una respuesta (Sí o No)" in by_cell(result)["B3"]


# --- reading the fills themselves -------------------------------------------------------------


def test_theme_indexed_and_argb_colours_resolve_to_rgb():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["a", "b", "c", "d", "e"])
    colours = [
        Color(theme=0, tint=-0.25),  # Excel's «Blanco, Fondo 1, oscuro 25 %»
        Color(theme=4),
        Color(indexed=46),
        Color(rgb="8000B050"),
        Color(theme=99),
    ]
    for col, colour in enumerate(colours, start=1):
        sheet.cell(1, col).fill = PatternFill("solid", fgColor=colour)
    out = io.BytesIO()
    book.save(out)
    grid = Sheet("Sheet", [["a", "b", "c", "d", "e"]])
    attach_fills(out.getvalue(), "xlsx", [grid], [])
    assert grid.fills == {
        (0, 0): "BFBFBF",
        (0, 1): "4F81BD",
        (0, 2): "CC99FF",
        (0, 3): "00B050",
        (0, 4): "color n.º 99 del tema",
    }


def test_fills_past_the_grid_are_not_kept():
    data = painted({"S": ([["a", "b"]], {"A1": GREEN, "D1": GREEN, "A5000": GREEN, "Z9": RED})})
    grid = Sheet("S", [["a", "b"]])
    attach_fills(data, "xlsx", [grid], [])
    assert grid.fills == {(0, 0): GREEN, (0, 3): GREEN}  # two columns beside the grid are kept


def test_a_styles_part_with_a_doctype_is_refused_with_a_note():
    data = painted({"S": ([["a"]], {"A1": GREEN})})
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "xl/styles.xml":
                part = b'<!DOCTYPE x [<!ENTITY a "b">]>' + part.split(b"?>", 1)[-1]
            target.writestr(info, part)
    grid, notes = Sheet("S", [["a"]]), []
    attach_fills(out.getvalue(), "xlsx", [grid], notes)
    assert grid.fills == {}
    assert [n.message for n in notes] == [
        "no se pudieron leer los colores de relleno de las celdas: una parte trae una declaración "
        "DOCTYPE, que ninguna planilla usa; una celda que solo tiene color se lee como vacía"
    ]


def test_ods_cells_take_their_columns_default_style_as_libreoffice_writes_it():
    doc = OpenDocumentSpreadsheet()
    green = Style(name="ce1", family="table-cell")
    green.addElement(TableCellProperties(backgroundcolor="#00b050"))
    plain = Style(name="ce2", family="table-cell")
    plain.addElement(TableCellProperties(backgroundcolor="transparent"))
    for style in (green, plain):
        doc.automaticstyles.addElement(style)
    table = Table(name="S")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    table.addElement(TableColumn(defaultcellstylename=green, numbercolumnsrepeated=1024))
    row = TableRow(numberrowsrepeated=3)
    first = TableCell(valuetype="string")
    first.addElement(P(text="Valdivia"))
    row.addElement(first)
    row.addElement(TableCell(numbercolumnsrepeated=2))  # B and C: their columns' default styles
    row.addElement(TableCell(stylename=plain, numbercolumnsrepeated=1021))
    table.addElement(row)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    grid = Sheet("S", [["Valdivia", "", ""], ["", "", ""]])
    attach_fills(out.getvalue(), "ods", [grid], [])
    assert grid.fills == {(0, 2): GREEN, (1, 2): GREEN}


def test_a_turned_view_turns_the_fills_too():
    sheet = Sheet("S", [["x", "y"], ["a", "b"], ["c", "d"]], fills={(1, 0): RED, (2, 1): GREEN})
    view, _ = transposed(sheet, 1, 2)
    assert view.rows == [["a", "c"], ["b", "d"]]
    assert view.fills == {(0, 0): RED, (1, 1): GREEN}


# --- property: any semáforo reads back its truth ----------------------------------------------


COMUNAS = gazetteer().comunas.query("region_code == '14'")
OFFICIAL = list(zip(COMUNAS.comuna_code, COMUNAS.comuna, strict=True))
PAINT = {
    "sin_iniciar": RED,
    "en_proceso": AMBER,
    "habilitada": "92D050",
    "en_uso": GREEN,
    "alternativa": "CC99FF",
    "no_aplica": "BFBFBF",
}


@st.composite
def semaforos(draw):
    """Comunas × platforms × stages (sin_informacion as an unpainted cell), upright or on its
    side, with the legend right of the table or below it, its words beside or inside the colour."""
    comunas = draw(st.lists(st.sampled_from(OFFICIAL), min_size=1, max_size=5, unique=True))
    platforms = draw(st.lists(st.sampled_from(PLATFORMS), min_size=1, max_size=5, unique=True))
    stages = st.sampled_from([*PAINT, "sin_informacion"])
    truth = {(code, p): draw(stages) for code, _ in comunas for p in platforms}
    return comunas, platforms, truth, draw(st.booleans()), draw(st.booleans()), draw(st.booleans())


def render(semaforo) -> tuple[bytes, dict]:
    """The semáforo as an .xlsx, and the cell each status was painted in."""
    comunas, platforms, truth, turned, below, inside = semaforo
    labels = vocabulary().platform_labels
    across = [name for _, name in comunas] if turned else [labels[p] for p in platforms]
    down = [labels[p] for p in platforms] if turned else [name for _, name in comunas]
    rows = [[DATE], ["Plataforma" if turned else "Comuna", *across]]
    rows += [[name] for name in down]
    fills, where = {}, {}
    for c, (code, _) in enumerate(comunas):
        for r, p in enumerate(platforms):
            row, col = (2 + r, 1 + c) if turned else (2 + c, 1 + r)
            where[code, p] = cell_ref(row, col)
            if truth[code, p] in PAINT:
                fills[where[code, p]] = PAINT[truth[code, p]]
    top, left = (len(rows) + 1, 0) if below else (1, len(across) + 2)
    entries = [("Simbología", None)]
    entries += [(vocabulary().stage_labels[s], colour) for s, colour in PAINT.items()]
    for k, (word, colour) in enumerate(entries):
        row = top + k
        rows += [[] for _ in range(row + 1 - len(rows))]
        rows[row] = rows[row] + [None] * (left + 2 - len(rows[row]))
        if colour is None or inside:
            rows[row][left] = word
        else:
            rows[row][left + 1] = word
        if colour is not None:
            fills[cell_ref(row, left)] = colour
    return painted({"Datos": (rows, fills)}), where


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(semaforos())
def test_a_semaforo_reads_back_its_truth_from_the_cells_it_was_painted_in(semaforo):
    data, where = render(semaforo)
    result = load(data, name="semaforo.xlsx")
    assert not result.errors, [f"{i.cell}: {i.message}" for i in result.errors]
    frame = result.frame
    read = dict(zip(zip(frame.comuna_code, frame.platform, strict=True), frame.stage, strict=True))
    cells = dict(zip(zip(frame.comuna_code, frame.platform, strict=True), frame.cell, strict=True))
    assert read == semaforo[2]
    assert cells == where


def test_a_shaded_legend_box_pairs_each_swatch_with_the_word_beside_it():
    rows = [[DATE], [*HEADER, None, "Leyenda"], ["Valdivia", None, None, None, None, "En uso"]]
    rows += [[None] * 5 + ["No iniciado"], [None] * 4 + ["En proceso"]]
    fills = {"B3": GREEN, "C3": AMBER, "E3": GREEN, "F3": "D9D9D9", "E4": RED, "F4": "D9D9D9"}
    fills |= {"F5": AMBER, "E5": "D9D9D9"}  # the last word left of its swatch
    result = loaded(rows, fills)
    assert not result.errors
    assert stages(result) == {
        "B3": ("en_uso", "En uso (color)"),
        "C3": ("en_proceso", "En proceso (color)"),
    }


def test_painted_cells_under_a_title_that_only_looks_like_a_legend_are_no_legend():
    rows = [["Leyenda"], ["Comuna", "DocDigital"], ["Valdivia"], [DATE]]
    result = loaded(rows, {"A2": "1F4E78", "B2": "1F4E78", "B3": AMBER})
    assert list(result.frame.cell) == []
    assert "#FFC000 sin leyenda: la celda no tiene texto" in by_cell(result)["B3"]


def test_swatches_left_of_the_legend_title_pair_with_the_words_under_it():
    rows = [
        [DATE],
        [*HEADER, None, None, "Simbología"],
        ["Valdivia", None, None, None, None, "En uso"],
    ]
    result = loaded(rows, {"B3": GREEN, "E3": GREEN})
    assert stages(result)["B3"] == ("en_uso", "En uso (color)")
    assert not result.errors
