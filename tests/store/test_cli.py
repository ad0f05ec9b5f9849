"""The operators' command line (`python -m store`) on an SQLite store in a tmp folder, run in
this process; one run as a child process checks the module's entry point."""

import csv
import json

import pytest

from loaders import COLUMNS
from settings import load_settings
from store import Store
from tests.store.conftest import ROOT, module_runner, tracker

WIDE = ROOT / "tests" / "fixtures" / "trackers" / "wide_simple.xlsx"


@pytest.fixture
def cli(command, tmp_path):
    """A function that runs `python -m store ARGS` on this test's own store, in this process."""
    env = {"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "0"}
    return lambda *args: command("store", "--user", "operadora", *args, env=env)


def listed(cli) -> list[dict]:
    """The uploads, as `uploads --json` gives them."""
    done = cli("uploads", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_load_saves_a_clean_file_and_exits_0(cli):
    done = cli("load", str(WIDE), "--source", "UFRO")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "guardado como carga n.º 1 (40 filas, revisión 1)" in done.stdout
    (upload,) = listed(cli)
    assert {k: upload[k] for k in ("id", "file_name", "rows", "errors", "as_of")} == {
        "id": 1,
        "file_name": "wide_simple.xlsx",
        "rows": 40,
        "errors": 0,
        "as_of": "2025-09-30",
    }
    assert (upload["active"], upload["is_sample"], upload["uploaded_by"]) == (
        True,
        False,
        "operadora",
    )


def test_loading_the_same_file_again_is_not_counted_twice(cli):
    cli("load", str(WIDE), "--source", "UFRO")
    again = cli("load", str(WIDE))
    assert again.returncode == 0
    assert "ya estaba cargado como carga n.º 1; no se cuenta dos veces" in again.stdout
    assert len(listed(cli)) == 1


def test_load_date_given_wins_over_the_files(cli):
    done = cli("load", str(WIDE), "--as-of", "2025-10-15", "--source", "Mesa regional")
    assert done.returncode == 0, done.stdout
    (upload,) = listed(cli)
    assert (upload["as_of"], upload["source"]) == ("2025-10-15", "Mesa regional")


def test_a_file_naming_no_source_needs_one_until_its_regions_have_an_upload(cli, tmp_path):
    refused = cli("load", str(WIDE))
    assert refused.returncode == 1
    assert "indíquela con --source (p. ej. --source UFRO)" in refused.stdout
    assert listed(cli) == []
    first = tmp_path / "valdivia.xlsx"
    first.write_bytes(tracker([["Valdivia", "En uso"]], source=None, title="Valdivia"))
    assert cli("load", str(first), "--source", "Municipalidad de Valdivia").returncode == 0
    done = cli("load", str(WIDE))  # it has comunas of Los Ríos too
    assert done.returncode == 0, done.stdout
    assert (
        "se usa «Municipalidad de Valdivia», la de la última carga de sus regiones" in done.stdout
    )
    assert [u["source"] for u in listed(cli)] == ["Municipalidad de Valdivia"] * 2


def test_load_with_errors_exits_1_and_saves_only_with_accept_errors(cli, tmp_path):
    path = tmp_path / "con_errores.xlsx"
    path.write_bytes(
        tracker([["Villa Imaginaria", "En uso"], ["Valdivia", "Lista"], ["Corral", "En uso"]])
    )
    refused = cli("load", str(path))
    assert refused.returncode == 1
    assert "no se guardó: con_errores.xlsx: tiene 2 errores" in refused.stdout
    assert "Villa Imaginaria" in refused.stdout  # the report lists what is wrong
    assert listed(cli) == []
    accepted = cli("load", str(path), "--accept-errors")
    assert accepted.returncode == 1
    assert "guardado como carga n.º 1 (1 filas" in accepted.stdout
    (upload,) = listed(cli)
    assert (upload["rows"], upload["errors"]) == (1, 2)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "informe.xlsx: no se pudo leer: es un PDF"),
        (None, "informe.xlsx: no se pudo leer: no se pudo abrir el archivo: no existe"),
    ],
    ids=["pdf", "missing"],
)
def test_load_of_something_that_is_not_a_spreadsheet_exits_2_and_saves_nothing(
    cli, tmp_path, content, message
):
    path = tmp_path / "informe.xlsx"
    if content is not None:
        path.write_bytes(content)
    done = cli("load", str(path))
    assert done.returncode == 2
    assert message in done.stdout
    assert "Traceback" not in done.stderr
    assert listed(cli) == []


def test_retire_and_restore_switch_an_upload_off_and_on(cli):
    cli("load", str(WIDE), "--source", "UFRO")
    retired = cli("retire", "1")
    assert (retired.returncode, retired.stdout.strip()) == (0, "carga n.º 1 retirada")
    assert [u["active"] for u in listed(cli)] == [False]
    restored = cli("restore", "1")
    assert (restored.returncode, restored.stdout.strip()) == (0, "carga n.º 1 restaurada")
    assert [u["active"] for u in listed(cli)] == [True]


def test_retiring_an_unknown_upload_exits_1_with_a_spanish_message(cli):
    done = cli("retire", "7")
    assert done.returncode == 1
    assert done.stderr.strip() == "no existe la carga n.º 7"


def test_current_writes_the_contract_columns_as_csv(cli, tmp_path):
    cli("load", str(WIDE), "--source", "UFRO")
    out = tmp_path / "estado.csv"
    done = cli("current", "--csv", str(out))
    assert done.returncode == 0, done.stderr
    assert "40 filas del estado actual" in done.stdout
    with out.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert tuple(header) == COLUMNS
    assert len(rows) == 40
    with (WIDE.parent / "expected.csv").open(encoding="utf-8", newline="") as handle:
        expected = {tuple(r.values()) for r in csv.DictReader(handle)}
    picked = [
        COLUMNS.index(c) for c in ("comuna_code", "platform", "stage", "alternative", "as_of")
    ]
    assert {tuple(r[i] for i in picked) for r in rows} == expected


def test_python_m_store_loads_a_file(tmp_path):
    run = module_runner("store", tmp_path / "datos", "--user", "operadora")
    done = run("load", str(WIDE), "--source", "UFRO")
    assert (done.returncode, done.stderr) == (0, "")
    assert "guardado como carga n.º 1 (40 filas, revisión 1)" in done.stdout
    store = Store(load_settings({"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "0"}))
    assert store.uploads()[["file_name", "uploaded_by"]].values.tolist() == [
        ["wide_simple.xlsx", "operadora"]
    ]
    store.engine.dispose()


def test_load_refuses_a_device_without_reading_it(cli):
    done = cli("load", "/dev/zero")
    assert done.returncode == 2
    assert "zero: no se pudo leer: no es un archivo sino un dispositivo" in done.stdout
    assert listed(cli) == []


def test_load_keeps_a_file_whose_name_is_not_utf8(cli, tmp_path):
    odd = tmp_path / "seguimiento_\udcf1o.xlsx"  # how Python sees b"\xf1" from an old zip
    odd.write_bytes(WIDE.read_bytes())
    done = cli("load", str(odd), "--source", "UFRO")
    assert done.returncode == 0, done.stdout + done.stderr
    (upload,) = listed(cli)
    assert upload["file_name"] == "seguimiento_\ufffdo.xlsx"


def test_a_mistyped_setting_stops_the_command_naming_it(command, tmp_path):
    env = {"DATA_DIR": str(tmp_path), "STORE_BUSY_TIMEOUT": "15s"}
    done = command("store", "uploads", env=env)
    assert done.returncode == 2
    assert "STORE_BUSY_TIMEOUT=«15s» no es válido: se esperaba un número de segundos" in done.stderr
