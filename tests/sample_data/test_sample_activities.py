"""The samples' field work, read straight from the workbooks: activities logs that agree with the
status trackers, and attendance lists of fictional people."""

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import cache
from itertools import pairwise
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import load
from loaders.dates import parse_date
from loaders.gazetteer import gazetteer
from loaders.text import PhraseTable
from loaders.vocabulary import ON_SCALE, read_table
from settings import Settings

ROOT = Path(__file__).parents[2]
UFRO = sorted((ROOT / "sample_data").glob("ufro_seguimiento_*.xlsx"))
ATTENDANCE = sorted((ROOT / "sample_data").glob("tarapaca_mesa_asistencia_*.xlsx"))
SOUTH = ("09", "10", "14")
HEADER = (
    "Fecha",
    "Comuna(s)",
    "Actividad",
    "Plataforma",
    "Tema",
    "Modalidad",
    "N° participantes",
    "Observaciones",
)
ENABLED = ("habilitada", "en_uso")
WITHOUT_USE_DAYS = Settings().training_without_use_days


def spelled_date(text: str) -> date:
    """«15 de mayo de 2025» as a date (the loaders' one reading of dates); anything else fails
    the test that reads it."""
    found = parse_date(text)
    assert found is not None, text
    return found


def comuna_codes(cell: str) -> tuple[str, ...]:
    """The CUT codes a «Comuna(s)» cell names: one comuna, or «A, B y C»."""
    names = re.split(r", | y ", cell)
    found = [gazetteer().match_comuna(name, SOUTH) for name in names]
    assert all(match is not None and not match.other_region for match in found), cell
    return tuple(match.code for match in found)


@cache
def _phrases(table: str, key: str) -> PhraseTable:
    return PhraseTable((row["phrase"], row[key]) for row in read_table(table) if row["phrase"])


@cache
def log(path: Path) -> tuple[dict, ...]:
    """The rows of a tracker's «Actividades» sheet, each with what the loader is to read in it."""
    sheet = openpyxl.load_workbook(path, read_only=True)["Actividades"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Registro de actividades — Plan de Acompañamiento Municipal"
    assert not any(rows[1])
    assert rows[2] == HEADER
    read = []
    for values in rows[3:]:
        row = dict(zip(HEADER, values, strict=True))
        when = row["Fecha"]
        row["date"] = when.date() if isinstance(when, datetime) else spelled_date(when)
        row["comunas"] = comuna_codes(row["Comuna(s)"])
        row["activity"] = _phrases("activities.csv", "activity").one(row["Actividad"])
        words = row["Plataforma"] or row["Actividad"]
        row["platforms"] = _phrases("platforms.csv", "platform").find(words)
        read.append(row)
    return tuple(read)


@cache
def statuses() -> dict[tuple[str, str], list[tuple[date, str]]]:
    """Each southern comuna × platform's stage at every cut-off of the UFRO trackers."""
    history = defaultdict(list)
    for path in UFRO:
        frame = load(path).frame
        for row in frame.itertuples(index=False):
            history[(row.comuna_code, row.platform)].append((row.as_of.date(), row.stage))
    return {key: sorted(values) for key, values in history.items()}


@cache
def enablement_dates() -> dict[tuple[str, str], date]:
    """The «Fecha habilitación» the last UFRO tracker writes beside each enabled platform."""
    book = openpyxl.load_workbook(UFRO[-1], read_only=True)
    platforms = ("docdigital", "firmagob", "claveunica", "cpat", "pisee")
    dates = {}
    for region in ("La Araucanía", "Los Ríos", "Los Lagos"):
        for values in book[region].iter_rows(min_row=7, values_only=True):
            if not isinstance(values[0], int):
                continue
            code = comuna_codes(values[2].strip())[0]
            for index, platform in enumerate(platforms):
                if isinstance(values[4 + 2 * index], datetime):
                    dates[(code, platform)] = values[4 + 2 * index].date()
    return dates


def cut_off(path: Path) -> date:
    """A UFRO tracker's cut-off, as the loader finds it in the workbook."""
    return load(path).as_of


def trainings() -> list[tuple[date, str, str]]:
    """(date, comuna, platform) of every technical training in the last log."""
    return [
        (row["date"], code, platform)
        for row in log(UFRO[-1])
        if row["activity"] == "capacitacion_tecnica"
        for code in row["comunas"]
        for platform in row["platforms"]
    ]


def stage_at(key: tuple[str, str], day: date) -> str | None:
    """The stage at the newest cut-off on or before day, None before the first."""
    seen = [stage for as_of, stage in statuses().get(key, []) if as_of <= day]
    return seen[-1] if seen else None


def region_of(code: str) -> str:
    return code[:2]


@pytest.mark.parametrize("path", UFRO, ids=lambda p: p.name)
def test_every_log_row_names_known_comunas_an_activity_of_the_plan_and_a_modality(path):
    rows = log(path)
    assert len(rows) > 50
    assert all(row["activity"] not in (None, "otra") for row in rows)
    assert {row["Modalidad"] for row in rows} == {"Presencial", "Remota", "Videoconferencia"}
    for row in rows:
        count = row["N° participantes"]
        assert count is None or isinstance(count, int) or re.fullmatch(r"\d+ personas", count)
        assert (row["activity"] in ("capacitacion_tecnica", "asesoria_tecnica")) == bool(
            row["platforms"]
        ), row


def test_the_last_log_writes_activities_the_ways_teams_do():
    rows = log(UFRO[-1])
    assert sum(isinstance(row["Fecha"], str) for row in rows) >= 10
    assert sum(len(row["comunas"]) > 1 for row in rows) >= 10
    assert sum(" y " in (row["Plataforma"] or "") for row in rows) >= 3
    assert sum(not row["Plataforma"] and bool(row["platforms"]) for row in rows) >= 5
    assert sum(isinstance(row["N° participantes"], str) for row in rows) >= 10
    kinds = {row["activity"] for row in rows}
    assert kinds == {
        "reunion_inicial",
        "diagnostico",
        "capacitacion_teorica",
        "taller_practico",
        "capacitacion_tecnica",
        "asesoria_tecnica",
    }


@pytest.mark.parametrize("path", UFRO, ids=lambda p: p.name)
def test_no_activity_is_dated_before_the_plan_or_after_its_files_cut_off(path):
    days = [row["date"] for row in log(path)]
    assert min(days) >= date(2025, 3, 1)
    assert max(days) <= cut_off(path)
    assert max(days) > cut_off(path) - timedelta(days=31)


@pytest.mark.parametrize(
    ("earlier", "later"), list(pairwise(UFRO)), ids=[p.stem[-7:] for p in UFRO[1:]]
)
def test_each_months_log_repeats_the_earlier_activities_and_adds_that_months(earlier, later):
    def cells(path):
        return [tuple(row[h] for h in HEADER) for row in log(path)]

    before, after = cells(earlier), cells(later)
    assert after[: len(before)] == before
    added = log(later)[len(before) :]
    assert added and all(row["date"] > cut_off(earlier) for row in added)


def test_technical_training_comes_before_the_platform_is_enabled():
    checked = 0
    for day, code, platform in trainings():
        history = statuses()[(code, platform)]
        first_enabled = next((as_of for as_of, stage in history if stage in ENABLED), None)
        if first_enabled is not None:
            assert day < first_enabled, (code, platform, day, first_enabled)
            checked += 1
        enabled_on = enablement_dates().get((code, platform))
        if enabled_on is not None and enabled_on >= date(2025, 3, 1):
            assert day < enabled_on, (code, platform, day, enabled_on)
        # Training is part of «en proceso»: a trained platform is never «no iniciado» later.
        assert all(stage != "sin_iniciar" for as_of, stage in history if as_of >= day)
    assert checked >= 20


def test_every_comuna_with_a_technical_training_had_its_initial_meeting_before_it():
    rows = log(UFRO[-1])
    kickoff = {}
    for row in rows:
        if row["activity"] == "reunion_inicial":
            for code in row["comunas"]:
                kickoff.setdefault(code, row["date"])
    trained = {code: day for day, code, _ in sorted(trainings(), reverse=True)}
    assert len(trained) >= 30
    late = {code: day for code, day in trained.items() if kickoff.get(code, day) >= day}
    assert late == {}


def test_every_university_region_has_comunas_trained_long_ago_that_still_do_not_use_it():
    last = cut_off(UFRO[-1])
    waiting = defaultdict(set)
    for day, code, platform in trainings():
        stage = stage_at((code, platform), last)
        if (last - day).days >= WITHOUT_USE_DAYS and stage in ON_SCALE and stage != "en_uso":
            waiting[region_of(code)].add((code, platform))
    for region in SOUTH:
        comunas = {code for code, _ in waiting[region]}
        platforms = {platform for _, platform in waiting[region]}
        assert len(comunas) >= 3 and len(platforms) >= 2, (region, sorted(waiting[region]))


def test_some_trained_comunas_advanced_within_ninety_days():
    advanced = set()
    for day, code, platform in trainings():
        before = stage_at((code, platform), day)
        after = stage_at((code, platform), day + timedelta(days=90))
        if (
            before in ON_SCALE
            and after in ON_SCALE
            and ON_SCALE.index(after) > ON_SCALE.index(before)
        ):
            advanced.add((code, platform))
    assert len(advanced) >= 5
    assert {region_of(code) for code, _ in advanced} == set(SOUTH)


def test_a_few_comunas_of_each_university_region_had_no_activity_at_all():
    reached = {code for row in log(UFRO[-1]) for code in row["comunas"]}
    tracked = {code for code, _ in statuses()}
    idle = tracked - reached
    assert {region_of(code) for code in idle} == set(SOUTH)
    assert len(idle) <= 6
    assert reached <= tracked


MUNICIPALITIES = {
    "Municipalidad de Iquique",
    "I. Municipalidad de Alto Hospicio",
    "Municipalidad de Pozo Almonte",
    "Municipalidad de Pica",
    "Municipalidad de Huara",
    "Municipalidad de Camiña",
    "Municipalidad de Colchane",
}
OUTSIDERS = {"Gobierno Regional de Tarapacá", "SGD"}
ATTENDANCE_HEADER = ("N°", "Nombre", "RUT", "Institución", "Cargo", "Correo electrónico", "Firma")


def attendance(path: Path) -> tuple[list[tuple], list[dict]]:
    """An attendance list's title rows and its people."""
    rows = list(
        openpyxl.load_workbook(path, read_only=True)["Asistencia"].iter_rows(values_only=True)
    )
    assert rows[4] == ATTENDANCE_HEADER
    return rows[:4], [dict(zip(ATTENDANCE_HEADER, values, strict=True)) for values in rows[5:]]


def rut_is_valid(rut: str) -> bool:
    """Whether a RUT's check digit (module 11) agrees with its number."""
    body, digit = rut.replace(".", "").split("-")
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    expected = {11: "0", 10: "K"}.get(11 - total % 11, str(11 - total % 11))
    return digit == expected


def test_rut_check_digit_rule_accepts_a_known_valid_rut():
    assert rut_is_valid("11.111.111-1") and not rut_is_valid("11.111.111-2")


@pytest.mark.parametrize("path", ATTENDANCE, ids=lambda p: p.name)
def test_attendance_lists_name_only_fictional_people(path):
    _, people = attendance(path)
    assert people
    for number, person in enumerate(people, start=1):
        assert person["N°"] == number
        assert re.fullmatch(r"Persona Ficticia \d+", person["Nombre"])
        assert re.fullmatch(r"persona\.ficticia\d+@ejemplo\.cl", person["Correo electrónico"])
        assert re.fullmatch(r"\d{1,2}\.\d{3}\.\d{3}-[\dK]", person["RUT"])
        # A wrong check digit makes sure the number is nobody's RUT.
        assert not rut_is_valid(person["RUT"])


@pytest.mark.parametrize("path", ATTENDANCE, ids=lambda p: p.name)
def test_attendance_lists_bring_some_municipalities_and_the_gore_and_sgd(path):
    title, people = attendance(path)
    assert title[0][0] == "Mesa de Transformación Digital de Tarapacá — Lista de asistencia"
    assert title[2][0] in ("Modalidad: Presencial", "Modalidad: Videoconferencia")
    institutions = {person["Institución"] for person in people}
    assert institutions >= OUTSIDERS
    assert 3 <= len(institutions & MUNICIPALITIES) < len(MUNICIPALITIES)
    assert institutions <= MUNICIPALITIES | OUTSIDERS


def test_the_mesa_met_in_more_than_one_month():
    days = [spelled_date(attendance(path)[0][1][0].removeprefix("Fecha: ")) for path in ATTENDANCE]
    assert len({(day.year, day.month) for day in days}) >= 2
    assert all(date(2025, 3, 1) <= day <= date(2025, 9, 30) for day in days)


def expected_activity_rows(path: Path) -> list[tuple[str, str, str, object]]:
    """(comuna, date, activity, participants) per comuna × platform of a log, as the contract
    reads it: a headcount shared by several comunas is left empty on each."""
    expected = []
    for row in log(path):
        count = row["N° participantes"]
        if isinstance(count, str):
            count = int(count.split()[0])
        if len(row["comunas"]) > 1:
            count = None
        for code in row["comunas"]:
            for _ in row["platforms"] or ("",):
                expected.append((code, row["date"].isoformat(), row["activity"], count))
    return sorted(expected, key=str)


@pytest.mark.parametrize("path", UFRO, ids=lambda p: p.name)
def test_the_loader_reads_each_log_as_the_contract_says(path):
    result = load(path)
    frame = result.activities
    assert not [i for i in result.issues if i.severity == "error"]
    read = [
        (
            row.comuna_code,
            row.date.date().isoformat(),
            row.activity,
            None if row.participants is pd.NA else int(row.participants),
        )
        for row in frame.itertuples(index=False)
    ]
    assert sorted(read, key=str) == expected_activity_rows(path)
    assert set(frame.source) == {"UFRO"} and set(frame.sheet) == {"Actividades"}


@pytest.mark.parametrize("path", ATTENDANCE, ids=lambda p: p.name)
def test_the_loader_counts_each_municipalitys_people_and_keeps_no_name(path):
    result = load(path)
    frame = result.activities
    assert not [i for i in result.issues if i.severity == "error"]
    _, people = attendance(path)
    municipal = [p for p in people if p["Institución"] in MUNICIPALITIES]
    by_comuna = defaultdict(int)
    for person in municipal:
        by_comuna[gazetteer().match_comuna(person["Institución"], ["01"]).code] += 1
    assert dict(zip(frame.comuna_code, frame.participants.astype(int), strict=True)) == by_comuna
    assert set(frame.activity) == {"mesa_regional"}
    shown = frame.astype(str).to_csv() + repr([i.message for i in result.issues])
    for person in people:
        assert person["Nombre"] not in shown and person["RUT"] not in shown
        assert person["Correo electrónico"] not in shown


def test_no_activity_is_logged_twice_for_one_comuna_and_platform_on_one_day():
    keys = [
        (code, row["date"], row["activity"], platform)
        for row in log(UFRO[-1])
        for code in row["comunas"]
        for platform in row["platforms"] or ("",)
    ]
    assert len(keys) == len(set(keys))
