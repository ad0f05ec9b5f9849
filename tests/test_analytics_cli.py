"""`python -m analytics resumen` and `acompanamiento` on an SQLite store in a tmp folder, run in
this process (the accompaniment's figures also on hand-made frames); one run as a child process
checks the module's entry point."""

import datetime as dt
import json
import re

import pytest

from analytics.__main__ import accompaniment_report, accompaniment_text
from settings import load_settings
from store import Store, seed_samples
from tests.store.conftest import admin, module_runner, tracker
from tests.test_accompaniment import make_activities, make_history

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


# `python -m analytics acompanamiento`: its figures from the hand-made frames of
# tests/test_accompaniment.py, then the command on a store


def hand_report(regions=("01", "14"), as_of=None, days=60) -> dict:
    return accompaniment_report(make_activities(), make_history(), list(regions), as_of, days)


def test_accompaniment_json_keeps_stable_keys_and_the_counts_worked_out_by_hand():
    report = hand_report()
    assert list(report) == [
        "as_of",
        "regions",
        "activities",
        "coverage",
        "monthly",
        "training_without_use",
        "training_to_use",
    ]
    assert (report["as_of"], report["activities"]) == ("2025-09-30", 13)
    json.dumps(report, allow_nan=False)  # no NaN: a missing value is null
    coverage = {
        (r["region_code"], r["step"]): (r["reached"], r["share"]) for r in report["coverage"]
    }
    assert coverage[("01", "Mesa regional")] == (2, 2 / 7)
    assert coverage[("14", "Mesa regional")] == (0, None)
    assert report["monthly"][0] == {
        "month": "2025-03",
        "region_code": "01",
        "region": "Tarapacá",
        "activity": "reunion_inicial",
        "activities": 2,
        "participants": 8,
        "without_headcount": 1,
    }
    rows = report["training_without_use"]["rows"]
    assert [(r["comuna"], r["training_date"], r["days_since"], r["stage_now"]) for r in rows] == [
        ("Iquique", "2025-04-02", 181, "habilitada"),
        ("Alto Hospicio", "2025-07-01", 91, "habilitada"),
        ("Valdivia", "2025-06-10", 112, "en_proceso"),
        ("Los Lagos", "2025-05-05", 148, None),
    ]
    (firmagob,) = [p for p in report["training_to_use"]["platforms"] if p["platform"] == "firmagob"]
    assert (firmagob["days_to_enabled"], firmagob["n_to_enabled"], firmagob["window_start"]) == (
        113.5,
        2,
        "2025-05-15",
    )
    assert report["training_to_use"]["note"].startswith("Es una comparación, no una causa")


def test_accompaniment_of_one_region_and_an_earlier_cut_off():
    report = hand_report(regions=("14",), as_of=dt.date(2025, 6, 30), days=50)
    assert {r["region_code"] for r in report["coverage"]} == {"14"}
    assert report["activities"] == 5  # Valdivia 2, Los Lagos 3; Panguipulli's is in August
    assert report["training_without_use"]["headline"] == (
        "En Los Ríos, 1 comuna recibió capacitación técnica en PISEE hace al menos 50 días y aún "
        "no la usa."
    )


def test_accompaniment_text_reads_in_spanish_and_says_it_is_a_comparison():
    text = accompaniment_text(hand_report())
    lines = text.splitlines()
    assert lines[0] == "Acompañamiento al 30-09-2025 · Tarapacá, Los Ríos"
    assert "Los Ríos  Mesa regional" in text and text.count("no aplica") == 1
    assert re.search(r"mar 2025\s+Tarapacá\s+Reunión inicial\s+2\s+8", text)
    assert re.search(r"Los Lagos\s+PISEE\s+05-05-2025\s+148\s+sin dato\s+sin dato", text)
    assert "«sin dato»: no hay ninguna etapa registrada" in text
    assert re.search(
        r"FirmaGob\s+3\s+113,5 \(2\)\s+— \(0\)\s+67 % \(2 de 3\)\s+50 % \(1 de 2\)", text
    )
    assert lines[-1].startswith("Es una comparación, no una causa")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory):
    """A store holding the fictional samples, activities logs and attendance lists included."""
    path = tmp_path_factory.mktemp("ejemplo")
    store = Store(load_settings({"DATA_DIR": str(path), "SEED_SAMPLES": "0"}))
    seed_samples(store)
    store.engine.dispose()
    return path


def accompaniment(command, data_dir):
    env = {"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}
    return lambda *args: command("analytics", "acompanamiento", *args, env=env)


def test_accompaniment_command_reads_the_stores_activities_and_statuses(command, sample_dir):
    done = accompaniment(command, sample_dir)("--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["as_of"] == "2025-09-30"
    assert report["regions"] == ["01", "09", "10", "14"]
    assert report["activities"] > 0
    mesa = {r["region_code"]: r for r in report["coverage"] if r["activity"] == "mesa_regional"}
    assert mesa["01"]["reached"] > 0 and mesa["14"]["share"] is None  # only Tarapacá holds one
    rows = report["training_without_use"]["rows"]
    assert rows and all(r["days_since"] >= 60 and r["stage_now"] != "en_uso" for r in rows)
    assert report["training_without_use"]["headline"].startswith("En ")


def test_accompaniment_command_of_one_region_as_text(command, sample_dir):
    done = accompaniment(command, sample_dir)("--region", "14", "--as-of", "2025-08-31")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Acompañamiento al 31-08-2025 · Los Ríos"
    assert "Tarapacá" not in done.stdout
    assert "Cobertura del plan (comunas de la región con cada paso)" in lines
    assert any(line.startswith("Es una comparación, no una causa") for line in lines)


def test_accompaniment_command_on_a_store_without_activities_says_how_to_load_them(
    command, data_dir
):
    done = accompaniment(command, data_dir)()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "No hay actividades de acompañamiento cargadas. Cargue una planilla de actividades o "
        "una lista de asistencia con «python -m store load ARCHIVO»."
    )
    assert json.loads(accompaniment(command, data_dir)("--json").stdout)["activities"] == 0


def test_accompaniment_command_refuses_an_unknown_region_in_spanish(command, data_dir):
    done = accompaniment(command, data_dir)("--region", "99")
    assert done.returncode == 2
    assert "región desconocida «99»; use su código CUT (09 o 9)" in done.stderr
    assert "Traceback" not in done.stderr
