"""`python -m analytics resumen` on an SQLite store in a tmp folder, run in this process; one run
as a child process checks the module's entry point."""

import json
import re

import pytest

from settings import load_settings
from store import Store
from tests.store.conftest import admin, module_runner, tracker

# June: Iquique, Alto Hospicio, Valdivia; September: Iquique again and Panguipulli (new).
JUNE = [
    ["Iquique", "Habilitada", "No iniciado"],
    ["Alto Hospicio", "En uso", "Habilitada"],
    ["Valdivia", "En proceso", "En uso"],
]
SEPTEMBER = [["Iquique", "En uso", "Habilitada"], ["Panguipulli", "No aplica", "Habilitada"]]
UPLOADS = [("jun.xlsx", JUNE, "30/06/2025"), ("sep.xlsx", SEPTEMBER, "30/09/2025")]


def runner(command, data_dir):
    """A function that runs `python -m analytics resumen ARGS` on the store in data_dir."""
    env = {"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}
    return lambda *args: command("analytics", "resumen", *args, env=env)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A store holding the June and September trackers."""
    data_dir = tmp_path_factory.mktemp("datos")
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    for name, rows, as_of in UPLOADS:
        store.save(store.prepare(tracker(rows, as_of=as_of), name), user=admin("test"))
    store.engine.dispose()
    return data_dir


@pytest.fixture
def cli(command, data_dir):
    """The command on the store holding the June and September trackers."""
    return runner(command, data_dir)


def summary(done) -> dict[tuple[str, str], list]:
    assert done.returncode == 0, done.stderr
    fields = ("region", "on_scale", "enabled", "en_uso", "brecha_uso")
    rows = json.loads(done.stdout)
    return {(row["region_code"], row["platform"]): [row[f] for f in fields] for row in rows}


def test_json_gives_counts_and_brecha_of_the_newest_state(cli):
    # Tarapacá DocDigital: Iquique en uso (Sep), Alto Hospicio en uso; FirmaGob: both habilitada
    # Los Ríos DocDigital: Valdivia en proceso, Panguipulli no aplica (off the scale);
    # FirmaGob: Valdivia en uso, Panguipulli habilitada
    assert summary(cli("--json")) == {
        ("01", "docdigital"): ["Tarapacá", 2, 2, 2, 0.0],
        ("01", "firmagob"): ["Tarapacá", 2, 2, 0, 1.0],
        ("14", "docdigital"): ["Los Ríos", 1, 0, 0, 0.0],
        ("14", "firmagob"): ["Los Ríos", 2, 2, 1, 0.5],
    }


def test_as_of_gives_the_state_on_that_date(cli):
    # on 15 July only June counts: Iquique DocDigital habilitada and FirmaGob no iniciado
    assert summary(cli("--as-of", "2025-07-15", "--json")) == {
        ("01", "docdigital"): ["Tarapacá", 2, 2, 1, 0.5],
        ("01", "firmagob"): ["Tarapacá", 2, 1, 0, 0.5],
        ("14", "docdigital"): ["Los Ríos", 1, 0, 0, 0.0],
        ("14", "firmagob"): ["Los Ríos", 1, 1, 1, 0.0],
    }


def test_text_table_has_spanish_headers_labels_and_percentages(cli):
    done = cli()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Estado al 30-09-2025"
    assert lines[1] == ""
    assert [re.split(r"\s{2,}", line) for line in lines[2:]] == [
        [
            "Región",
            "Plataforma",
            "Comunas en escala",
            "Habilitada o más",
            "En uso",
            "Brecha de uso",
        ],
        ["Tarapacá", "DocDigital", "2", "2", "2", "0,0 %"],
        ["Tarapacá", "FirmaGob", "2", "2", "0", "100,0 %"],
        ["Los Ríos", "DocDigital", "1", "0", "0", "0,0 %"],
        ["Los Ríos", "FirmaGob", "2", "2", "1", "50,0 %"],
    ]
    # numbers are right-aligned under their headers
    assert len({len(line) for line in lines[2:]}) == 1


def test_as_of_before_any_data_says_there_is_none(cli):
    done = cli("--as-of", "2025-01-01")
    assert (done.returncode, done.stdout.strip()) == (0, "No hay datos cargados al 01-01-2025.")
    assert json.loads(cli("--as-of", "2025-01-01", "--json").stdout) == []


def test_empty_store_says_there_is_no_data(command, tmp_path):
    done = runner(command, tmp_path / "vacio")()
    assert (done.returncode, done.stdout.strip()) == (0, "No hay datos cargados.")


def test_invalid_date_is_a_spanish_error_without_traceback(command, tmp_path):
    done = runner(command, tmp_path)("--as-of", "2025-13-01")
    assert done.returncode == 2
    assert "fecha inválida «2025-13-01»; use AAAA-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_python_m_analytics_prints_the_summary_as_json(data_dir):
    done = module_runner("analytics", data_dir, "resumen")("--json")
    assert summary(done)[("14", "firmagob")] == ["Los Ríos", 2, 2, 1, 0.5]
