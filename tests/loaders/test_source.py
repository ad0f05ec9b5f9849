"""The source of a file: given, named by the workbook, or none (never the file's name)."""

import io

from loaders import load
from loaders.__main__ import main
from tests.conftest import xlsx_bytes

ROWS = [["Fecha de corte: 30/09/2025"], ["Comuna", "DocDigital"], ["Temuco", "En uso"]]


def test_a_workbook_naming_no_source_has_an_empty_one_not_its_file_name():
    result = load(io.BytesIO(xlsx_bytes({"Seguimiento": ROWS})), name="seguimiento_temuco.xlsx")
    assert result.source == ""
    assert set(result.frame["source"]) == {""}


def test_a_source_named_in_the_title_or_the_file_name_is_found_and_a_given_one_wins():
    titled = xlsx_bytes({"Seguimiento": [["Seguimiento Universidad de la Frontera"], *ROWS]})
    assert load(io.BytesIO(titled), name="a.xlsx").source == "UFRO"
    plain = xlsx_bytes({"Seguimiento": ROWS})
    assert load(io.BytesIO(plain), name="uach_septiembre.xlsx").source == "UACh"
    given = load(io.BytesIO(titled), name="a.xlsx", source_label="Mesa regional")
    assert set(given.frame["source"]) == {given.source} == {"Mesa regional"}


def test_the_report_says_when_no_source_is_named(tmp_path, capsys):
    path = tmp_path / "seguimiento_temuco.xlsx"
    path.write_bytes(xlsx_bytes({"Seguimiento": ROWS}))
    assert main([str(path)]) == 0
    assert "fecha de corte 30-09-2025, fuente no indicada;" in capsys.readouterr().out
