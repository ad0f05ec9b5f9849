"""Bad input: every problem is named with its file, sheet and cell, and the other rows still load."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import UnreadableFile, load
from loaders.__main__ import main
from store.__main__ import main as store_main
from tests.conftest import xlsx_bytes
from tests.loaders import hostile

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


def test_a_device_a_pipe_or_a_folder_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "tuberia.xlsx"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    for path, kind in (
        ("/dev/zero", "un dispositivo"),
        (fifo, "una tubería"),
        (tmp_path, "carpeta"),
    ):
        with pytest.raises(UnreadableFile, match=kind):
            load(path)


def bytes_read() -> int:
    """Bytes this process has read from files so far, as the kernel counts them."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise RuntimeError("no rchar")


def test_a_file_over_the_limit_on_disk_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "grande.xlsx"
    with big.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: nothing written
    before = bytes_read()
    with pytest.raises(UnreadableFile, match=r"pesa 25\.0 MB y el límite es 20 MB"):
        load(big)
    assert bytes_read() - before < 1024 * 1024


def test_a_stream_is_read_no_further_than_the_limit():
    asked: list[int] = []

    class Endless(io.RawIOBase):
        def read(self, size=-1):
            asked.append(size)
            return b"x" * (size if size >= 0 else 10**9)

    with pytest.raises(UnreadableFile, match="el límite es 20 MB"):
        load(Endless(), name="sin_fin.csv")
    assert asked == [20 * 1024 * 1024 + 1]


def test_a_file_name_that_is_not_utf8_loads_and_is_shown_with_replacement_marks(tmp_path, capsys):
    # as unzipped from an old Windows archive: «Región» in code page 850
    path = Path(os.fsdecode(bytes(tmp_path) + b"/Regi\xa2n.xlsx"))
    path.write_bytes(xlsx_bytes({"S": [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"]]}))
    result = load(path)
    assert result.file == "Regi\ufffdn.xlsx" and list(result.frame.file) == ["Regi\ufffdn.xlsx"]
    assert main([str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"][0]["file"] == "Regi\ufffdn.xlsx"


HOSTILE_FOR_BOTH_COMMANDS = {
    "xfd.xlsx": hostile.xlsx(
        hostile.sheet_xml(
            hostile.TRACKER_ROWS + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        )
    ),
    "macro.ods": hostile.ods(hostile.with_doctype_after_comment(hostile.ods_content())),
    "clave.xls": hostile.xls_with_filepass(hostile.fixture("wide.xls")),
    "ancha.csv": b"Comuna" + b"," * 20_000 + b"\n",
}


@pytest.mark.parametrize("name", HOSTILE_FOR_BOTH_COMMANDS)
def test_both_command_lines_give_the_same_reason_for_the_same_file(
    name, tmp_path, monkeypatch, capsys
):
    path = tmp_path / name
    path.write_bytes(HOSTILE_FOR_BOTH_COMMANDS[name])
    with pytest.raises(UnreadableFile) as caught:
        load(path)
    reason = caught.value.reason
    assert main([str(path)]) == 2
    assert f"{name}: no se pudo leer: {reason}" in capsys.readouterr().out
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "datos"))
    monkeypatch.setenv("SEED_SAMPLES", "0")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert store_main(["load", str(path)]) == 2
    assert f"{name}: no se pudo leer: {reason}" in capsys.readouterr().out


def test_output_piped_to_a_reader_that_leaves_ends_without_a_traceback(tmp_path):
    good = tmp_path / "bien.xlsx"
    good.write_bytes(xlsx_bytes({"S": [[DATE], ["Comuna", "DocDigital"], ["Valdivia", "En uso"]]}))
    # the reader of the pipe is gone before anything is written: python -m loaders … | head
    read, write = os.pipe()
    os.close(read)
    done = subprocess.run(
        [sys.executable, "-m", "loaders", str(good), "--json"],
        stdout=write,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).parents[2],
        text=True,
        check=False,
    )
    os.close(write)
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
