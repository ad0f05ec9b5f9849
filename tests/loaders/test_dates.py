"""Tests for finding a tracker's cut-off date in its workbook."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.dates import FoundDate, find_as_of, parse_date, resolve_as_of
from loaders.sheets import Sheet

SEP_30 = datetime.date(2025, 9, 30)
OCT_22 = datetime.date(2025, 10, 22)
MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
TABLE = [
    ["Comuna", "DocDigital", "Fecha habilitación"],
    ["Temuco", "En uso", datetime.date(2024, 5, 2)],
    ["Padre Las Casas", "Habilitada", "15/03/2024"],
]


def found_values(*sheets: Sheet) -> list[datetime.date]:
    return [item.value for item in find_as_of(list(sheets))]


@pytest.mark.parametrize(
    "text",
    [
        "30/09/2025",
        "30-09-2025",
        "30.09.2025",
        "2025-09-30",
        "30/9/25",
        "30 de septiembre de 2025",
        "30 de septiembre del 2025",
        "30 septiembre 2025",
        "30-sep-2025",
        "30 sept. 2025",
        "30 de Setiembre de 2025",
        "septiembre 30 de 2025",
        "SEPTIEMBRE 30, 2025",
        "Fecha de corte: 30/09/2025",
        "2025-09-30 00:00:00",
    ],
)
def test_each_written_form_is_read(text: str) -> None:
    assert parse_date(text) == SEP_30


def test_date_inside_a_sentence_is_read() -> None:
    assert parse_date("Actualizado al 22 de octubre de 2025 (versión 3)") == OCT_22


def test_numeric_dates_are_day_first_never_month_first() -> None:
    assert parse_date("03/04/2025") == datetime.date(2025, 4, 3)
    assert parse_date("09/30/2025") is None


def test_two_digit_years_are_this_century() -> None:
    assert parse_date("1/10/24") == datetime.date(2024, 10, 1)


@pytest.mark.parametrize("text", ["31/02/2025", "30/09/1999", "0/09/2025", "30/13/2025", ""])
def test_impossible_or_implausible_dates_are_rejected(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [45930, 45930.0, True, datetime.time(10, 30), None])
def test_numbers_and_times_are_not_dates(value: object) -> None:
    assert parse_date(value) is None


def test_date_and_datetime_cells_give_their_day() -> None:
    assert parse_date(datetime.datetime(2025, 9, 30, 14, 5)) == SEP_30
    assert parse_date(SEP_30) == SEP_30


@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_every_written_form_round_trips(day: datetime.date) -> None:
    name = MONTHS[day.month - 1]
    forms = [
        day.strftime("%d/%m/%Y"),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d.%m.%Y"),
        day.isoformat(),
        f"{day.day}/{day.month}/{day.year % 100:02d}",
        f"{day.day} de {name} de {day.year}",
        f"{day.day} de {name.capitalize()} del {day.year}",
        f"{day.day} {name.upper()} {day.year}",
        f"{day.day:02d}-{name[:3]}-{day.year}",
        f"{day.day} {name[:3]}. {day.year}",
        f"{name} {day.day} de {day.year}",
        f"Fecha de corte: {day.strftime('%d/%m/%Y')}",
    ]
    assert [parse_date(form) for form in forms] == [day] * len(forms)


def test_label_and_date_in_one_cell() -> None:
    sheet = Sheet("Resumen", [["Seguimiento plataformas"], ["", "Fecha de corte: 30/09/2025"]])
    assert find_as_of([sheet]) == [
        FoundDate(SEP_30, "Resumen", "B2", "Fecha de corte: 30/09/2025", 5)
    ]


def test_sentence_with_a_long_date() -> None:
    sheet = Sheet("Hoja1", [["Actualizado al 22 de octubre de 2025 (versión 3)"]])
    assert found_values(sheet) == [OCT_22]


def test_label_with_the_date_cell_to_its_right_even_past_empty_cells() -> None:
    sheet = Sheet("Hoja1", [["Título"], ["Fecha de corte:", "", datetime.datetime(2025, 9, 30)]])
    (found,) = find_as_of([sheet])
    assert (found.value, found.cell, found.text) == (SEP_30, "C2", "Fecha de corte: 30/09/2025")


def test_label_with_the_date_just_below() -> None:
    sheet = Sheet("Hoja1", [["Región", "Última actualización"], ["La Araucanía", "30-09-2025"]])
    (found,) = find_as_of([sheet])
    assert (found.value, found.cell) == (SEP_30, "B2")


def test_label_with_an_excel_day_number_beside_it() -> None:
    sheet = Sheet("Hoja1", [["Fecha de corte", 45930.0]])
    (found,) = find_as_of([sheet])
    assert (found.value, found.cell, found.text) == (SEP_30, "B1", "Fecha de corte 45930")


def test_day_numbers_out_of_range_beside_a_label_are_not_dates() -> None:
    assert find_as_of([Sheet("Hoja1", [["Fecha de corte", 2025], ["Fecha", 12]])]) == []


@pytest.mark.parametrize(
    "footer",
    [
        ["Fecha de corte: 30/09/2025"],
        ["ÚLTIMA ACTUALIZACIÓN", "", SEP_30],
        ["Información al 30 de septiembre de 2025"],
    ],
)
def test_strong_label_in_a_footer_is_found_below_the_top_rows(footer: list[object]) -> None:
    rows = [*TABLE, *[["Temuco", "En uso", ""]] * 30, footer]
    assert found_values(Sheet("Hoja1", rows)) == [SEP_30]


def test_weak_label_below_the_top_rows_is_ignored() -> None:
    rows = [*[["Temuco", "En uso", ""]] * 30, ["Fecha", "30/09/2025"]]
    assert found_values(Sheet("Hoja1", rows)) == []


def test_date_cell_beside_a_title_has_the_lowest_strength() -> None:
    sheet = Sheet("Hoja1", [["Seguimiento plataformas", datetime.datetime(2025, 9, 30)], *TABLE])
    assert find_as_of([sheet]) == [FoundDate(SEP_30, "Hoja1", "B1", "30/09/2025", 0)]


def test_date_cell_just_under_a_title_is_found() -> None:
    sheet = Sheet("Hoja1", [["Seguimiento plataformas"], [SEP_30], [], *TABLE])
    assert found_values(sheet) == [SEP_30]


def test_dates_inside_a_table_are_ignored() -> None:
    assert find_as_of([Sheet("Hoja1", [["Seguimiento DocDigital"], *TABLE])]) == []


def test_dates_of_a_two_column_table_are_ignored() -> None:
    rows = [["Comuna", "Fecha habilitación"], ["Temuco", datetime.date(2024, 5, 2)]]
    assert find_as_of([Sheet("Hoja1", rows)]) == []


def test_a_column_header_with_fecha_is_not_a_label() -> None:
    rows = [["Fecha habilitación", "Fecha de inicio: 01/03/2024"], ["02/05/2024"]]
    assert find_as_of([Sheet("Hoja1", rows)]) == []


def test_two_sheets_with_the_same_date_give_one_value() -> None:
    sheets = [Sheet(name, [["Fecha de corte: 30/09/2025"]]) for name in ("Araucanía", "Los Ríos")]
    found = find_as_of(sheets)
    assert [item.sheet for item in found] == ["Araucanía", "Los Ríos"]
    assert resolve_as_of(found) == (SEP_30, [])


def test_one_date_repeated_in_a_sheet_is_found_once() -> None:
    rows = [["Fecha de corte: 30/09/2025"], ["Fecha", SEP_30]]
    assert find_as_of([Sheet("Hoja1", rows)]) == [
        FoundDate(SEP_30, "Hoja1", "A1", "Fecha de corte: 30/09/2025", 5)
    ]


def test_equally_strong_dates_that_disagree_are_a_conflict() -> None:
    sheets = [
        Sheet("Araucanía", [["Fecha de corte: 30/09/2025"]]),
        Sheet("Los Ríos", [["Fecha de corte", "22/10/2025"]]),
    ]
    chosen, conflicts = resolve_as_of(find_as_of(sheets))
    assert chosen is None
    assert {(item.sheet, item.value) for item in conflicts} == {
        ("Araucanía", SEP_30),
        ("Los Ríos", OCT_22),
    }


def test_fecha_de_corte_beats_a_bare_fecha() -> None:
    rows = [["Fecha", "22/10/2025"], ["Informe de avance"], ["Fecha de corte", "30/09/2025"]]
    found = find_as_of([Sheet("Hoja1", rows)])
    assert [item.value for item in found] == [SEP_30, OCT_22]
    assert resolve_as_of(found) == (SEP_30, [])


def test_a_labelled_date_beats_a_date_beside_the_title() -> None:
    rows = [["Seguimiento", OCT_22], ["Fecha", "30/09/2025"]]
    assert resolve_as_of(find_as_of([Sheet("Hoja1", rows)])) == (SEP_30, [])


def test_nothing_found_resolves_to_no_date() -> None:
    assert resolve_as_of([]) == (None, [])
