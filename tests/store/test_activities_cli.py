"""`python -m store activities`: the active activities, each counted once, as the contract's CSV
or as a summary per region; run in this process on an SQLite store in a tmp folder."""

import csv

import pytest

from loaders import ACTIVITY_COLUMNS
from settings import load_settings
from store import Store
from tests.store.conftest import activity_frame, admin, tracker, with_activities

JUNE = [
    ("Temuco", "2025-06-03", "reunion_inicial", "", 8),
    ("Vilcún", "2025-06-11", "capacitacion_tecnica", "firmagob", None),
]
JULY = [*JUNE, ("Iquique", "2025-07-04", "mesa_regional", "", 21)]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """The settings of this test's own store."""
    return {"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "0"}


@pytest.fixture
def cli(command, env):
    """A function that runs `python -m store ARGS` on this test's store, in this process."""
    return lambda *args: command("store", "--user", "operadora", *args, env=env)


def save_logs(env: dict[str, str]) -> None:
    """Save June's activities log and July's, which repeats June's two activities."""
    store = Store(load_settings(env))
    for month, rows in (("junio", JUNE), ("julio", JULY)):
        prepared = store.prepare(tracker([["Temuco", "En uso"]], title=month), f"{month}.xlsx")
        store.save(
            with_activities(prepared, activity_frame(rows, file=f"{month}.xlsx")),
            user=admin("ana"),
        )
    store.engine.dispose()


def read_csv(path) -> list[list[str]]:
    """The rows of a CSV file, its header first."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_activities_csv_has_the_contracts_columns_and_each_activity_once(cli, env, tmp_path):
    save_logs(env)
    out = tmp_path / "actividades.csv"
    done = cli("activities", "--csv", str(out))
    assert (done.returncode, done.stdout.strip()) == (0, f"3 actividades escritas en {out}")
    header, *rows = read_csv(out)
    assert tuple(header) == ACTIVITY_COLUMNS
    assert rows == [
        [
            "09",
            "La Araucanía",
            "09101",
            "Temuco",
            "2025-06-03",
            "reunion_inicial",
            "",
            "Tema de la fila 2",
            "8",
            "remota",
            "UFRO",  # the upload's source, as its tracker names it
            "julio.xlsx",
            "Actividades",
            "A2",
        ],
        [
            "09",
            "La Araucanía",
            "09119",
            "Vilcún",
            "2025-06-11",
            "capacitacion_tecnica",
            "firmagob",
            "Tema de la fila 3",
            "",  # a headcount that was a total of several comunas
            "presencial",
            "UFRO",
            "julio.xlsx",
            "Actividades",
            "A3",
        ],
        [
            "01",
            "Tarapacá",
            "01101",
            "Iquique",
            "2025-07-04",
            "mesa_regional",
            "",
            "Tema de la fila 4",
            "21",
            "remota",
            "UFRO",
            "julio.xlsx",
            "Actividades",
            "A4",
        ],
    ]


def test_activities_without_csv_says_how_many_per_region(cli, env):
    save_logs(env)
    done = cli("activities")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "3 actividades en las cargas activas:",
        "  Tarapacá: 1 actividad en 1 comuna, del 04-07-2025 al 04-07-2025",
        "  La Araucanía: 2 actividades en 2 comunas, del 03-06-2025 al 11-06-2025",
    ]


def test_activities_of_a_retired_upload_leave_the_export(cli, env, tmp_path):
    save_logs(env)
    cli("retire", "2")
    out = tmp_path / "actividades.csv"
    cli("activities", "--csv", str(out))
    assert [(r[3], r[11]) for r in read_csv(out)[1:]] == [
        ("Temuco", "junio.xlsx"),
        ("Vilcún", "junio.xlsx"),
    ]


def test_activities_of_an_empty_store_is_a_header_and_a_plain_message(cli, tmp_path):
    out = tmp_path / "actividades.csv"
    done = cli("activities", "--csv", str(out))
    assert (done.returncode, done.stdout.strip()) == (0, f"0 actividades escritas en {out}")
    assert read_csv(out) == [list(ACTIVITY_COLUMNS)]
    said = cli("activities")
    assert (said.returncode, said.stdout.strip()) == (0, "no hay actividades en las cargas activas")


def test_the_uploads_listing_counts_each_uploads_activities(cli, env):
    save_logs(env)
    done = cli("uploads")
    assert done.returncode == 0, done.stderr
    header, newest, oldest = done.stdout.splitlines()
    assert header.split()[4:6] == ["rows", "activities"]
    assert (newest.split()[:2], newest.split()[5]) == (["2", "julio.xlsx"], "3")
    assert (oldest.split()[:2], oldest.split()[5]) == (["1", "junio.xlsx"], "2")


def test_activities_help_is_in_spanish(cli):
    done = cli("activities", "--help")
    assert done.returncode == 0
    assert "uso: python -m store activities [-h] [--csv SALIDA.csv]" in done.stdout
    assert "sin él, un resumen por región" in done.stdout
    listed = cli("--help")
    assert "resume o exporta las actividades de acompañamiento" in listed.stdout
