"""Plan the fictional field work: activities that agree with the simulated rollout, and mesa attendance."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Protocol

PLAN_START = date(2025, 3, 3)
"""The Plan de Acompañamiento Municipal starts its field work in the first week of March."""
LAST_KICKOFF = date(2025, 5, 30)
"""Comunas that need a technical training had their initial meeting by the end of May."""
ENABLED_IN_PLAN = timedelta(days=21)
"""Enabled at least this long after the plan started: trained by the plan beforehand."""
TRAINING_LEAD = (timedelta(days=45), timedelta(days=5))
"""A technical training happens between 45 and 5 days before the platform is enabled."""
KICKOFF_LEAD = timedelta(days=14)
"""The initial meeting comes at least this long before the latest day a training could be."""
AFTER_KICKOFF = timedelta(days=7)
"""No training or visit in a comuna sooner than this after its initial meeting."""
LATE_JOINERS = 0.3
"""Share of comunas without a training to give that joined the plan in its last months."""

SCALE = ("sin_iniciar", "en_proceso", "habilitada", "en_uso")
ENABLED = ("habilitada", "en_uso")
PLATFORMS = ("docdigital", "firmagob", "claveunica", "cpat", "pisee")
# Chance that a comuna stuck «en proceso» (or just moved there) already had its training:
# CPAT and PISEE wait on the municipality's own procedures and network, so a bit fewer.
TRAINED_WHILE_IN_PROCESS = {
    "docdigital": 0.4,
    "firmagob": 0.4,
    "claveunica": 0.4,
    "cpat": 0.35,
    "pisee": 0.35,
}
TRAINED_ON_ARRIVAL = 0.6
IDLE_PER_REGION = {"09": 2, "10": 1, "14": 1}
"""Comunas the plan has not reached yet: no activity at all."""
GROUP_SIZES = (1, 1, 2, 3, 3, 4)
SHARED_TRAINING = 0.5
"""Chance that a technical training is joined by another comuna of the province."""
TWO_PLATFORMS = 0.3
"""Chance that a comuna's two trainings with overlapping windows are given in one session."""
FOLLOW_UP = 0.5
"""Chance of technical advice after a training on a platform that was then enabled."""
IDLE_PLATFORM_VISIT = 0.2
"""Chance of a technical visit on a platform enabled before the plan but still unused."""
FIRST_VISIT = date(2025, 4, 1)
"""Visits on platforms enabled before the plan start once the first meetings are done."""
# Remote advice follows a training; a visit on site helps a comuna use an older platform.
ADVICE, VISIT = "Asesoría técnica", "Visita técnica"
ACTIVITY_ORDER = (
    "reunion_inicial",
    "diagnostico",
    "capacitacion_teorica",
    "taller_practico",
    "capacitacion_tecnica",
    "asesoria_tecnica",
    "mesa_regional",
)
"""The plan's steps in order: activities of one day are logged in this order."""


class Territory(Protocol):
    """What the planner needs of a comuna."""

    code: str
    region_code: str
    province: str


class State(Protocol):
    """What the planner needs of a comuna × platform state at one cut-off."""

    stage: str
    enabled_on: date | None


@dataclass(frozen=True)
class Activity:
    """One row of an activities log: a dated activity for one or more comunas and platforms."""

    day: date
    kind: str
    comunas: tuple[str, ...]
    platforms: tuple[str, ...] = ()
    participants: int | None = None
    topic: str = ""
    words: str = ""  # how the log names it, when the kind alone does not say (theory, advice)


@dataclass(frozen=True)
class Person:
    """A fictional person on the mesa's roster: everything an attendance list asks for."""

    number: int
    institution: str
    role: str

    @property
    def name(self) -> str:
        """The person's name, which says that it is fictional."""
        return f"Persona Ficticia {self.number}"

    @property
    def email(self) -> str:
        """A mailbox under ejemplo.cl, a domain that belongs to no one."""
        return f"persona.ficticia{self.number}@ejemplo.cl"

    @property
    def rut(self) -> str:
        """A RUT in the usual form whose check digit is wrong on purpose: it is nobody's."""
        body = 10_000_000 + (self.number * 7_654_321) % 9_000_000
        wrong = "0123456789K"[(rut_check_digit(body) + 1) % 11]
        return f"{body:,}".replace(",", ".") + f"-{wrong}"


@dataclass(frozen=True)
class Mesa:
    """One session of a regional mesa and who signed its attendance list."""

    day: date
    modality: str
    people: tuple[Person, ...]


def rut_check_digit(body: int) -> int:
    """The RUT's check digit (module 11) as 0-10, where 10 is written «K»."""
    total, factor = 0, 2
    while body:
        total += (body % 10) * factor
        body //= 10
        factor = 2 if factor == 7 else factor + 1
    digit = 11 - total % 11
    return 0 if digit == 11 else digit


def _weekday(rng: random.Random, first: date, last: date) -> date:
    """A working day between first and last; first itself when the window holds none."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    working = [day for day in days if day.weekday() < 5]
    return rng.choice(working) if working else first


Rollout = Mapping[tuple[str, str], State]
Window = tuple[date, date]


def training_windows(
    comunas: Iterable[Territory],
    rollouts: Sequence[Rollout],
    cutoffs: Sequence[date],
    rng: random.Random,
) -> tuple[dict[tuple[str, str], Window], set[tuple[str, str]]]:
    """When each comuna × platform may have had its technical training, and which were required.

    A platform enabled during the plan was trained 45 to 5 days before its enablement date; one
    that reached «en proceso» in a month may have been trained that month; one «en proceso» from
    the start may have been trained any time before the last cut-off. Platforms enabled before
    the plan, never started, or off the scale get no training.
    """
    windows: dict[tuple[str, str], Window] = {}
    required: set[tuple[str, str]] = set()
    for comuna in comunas:
        for platform in PLATFORMS:
            key = (comuna.code, platform)
            states = [rollout[key] for rollout in rollouts]
            if any(state.stage not in SCALE for state in states):
                continue
            enabled = next((s for s in states if s.stage in ENABLED), None)
            if enabled is not None:
                on = enabled.enabled_on
                if on is not None and on >= PLAN_START + ENABLED_IN_PLAN:
                    first, last = TRAINING_LEAD
                    windows[key] = (max(PLAN_START, on - first), on - last)
                    required.add(key)
                continue
            started = next((i for i, s in enumerate(states) if s.stage == "en_proceso"), None)
            if started is None:
                continue
            if started == 0:
                chance = TRAINED_WHILE_IN_PROCESS[platform]
                window = (PLAN_START, cutoffs[-1] - timedelta(days=5))
            else:
                chance = TRAINED_ON_ARRIVAL
                window = (
                    cutoffs[started - 1] + timedelta(days=1),
                    cutoffs[started] - timedelta(days=3),
                )
            if rng.random() < chance:
                windows[key] = window
    return windows, required


def plan_activities(
    comunas: Sequence[Territory],
    rollouts: Sequence[Rollout],
    cutoffs: Sequence[date],
    seed: int,
) -> list[Activity]:
    """Every activity of the plan in the given comunas up to the last cut-off, in date order."""
    rng = random.Random(seed)
    last_day = cutoffs[-1]
    windows, required = training_windows(comunas, rollouts, cutoffs, rng)
    idle = _idle_comunas(comunas, required, rng)
    reached = [comuna for comuna in comunas if comuna.code not in idle]
    windows = {key: window for key, window in windows.items() if key[0] not in idle}

    kickoffs = {}
    for comuna in reached:
        own = [hi for (code, _), (_, hi) in windows.items() if code == comuna.code]
        if own:
            latest = min(LAST_KICKOFF, min(own) - KICKOFF_LEAD)
        elif rng.random() < LATE_JOINERS:
            # Some comunas joined the plan later: their first activities fall in the last months.
            latest = last_day - timedelta(days=10)
        else:
            latest = LAST_KICKOFF
        kickoffs[comuna.code] = _weekday(rng, PLAN_START, latest)
    windows = {
        key: (max(lo, kickoffs[key[0]] + AFTER_KICKOFF), hi) for key, (lo, hi) in windows.items()
    }

    activities = []
    ready = {}
    for comuna in reached:
        start = kickoffs[comuna.code]
        activities.append(
            Activity(start, "reunion_inicial", (comuna.code,), participants=rng.randint(3, 8))
        )
        survey = _weekday(rng, start + timedelta(days=7), start + timedelta(days=21))
        ready[comuna.code] = start
        if survey <= last_day:
            activities.append(
                Activity(survey, "diagnostico", (comuna.code,), participants=rng.randint(2, 6))
            )
            ready[comuna.code] = survey
    activities += _classroom(reached, ready, last_day, rng)
    trainings = _technical(reached, windows, rng)
    activities += trainings
    activities += _advice(reached, rollouts, trainings, required, kickoffs, last_day, rng)
    order = {kind: index for index, kind in enumerate(ACTIVITY_ORDER)}
    return sorted(activities, key=lambda a: (a.day, order[a.kind], a.comunas, a.platforms))


def _idle_comunas(
    comunas: Sequence[Territory], required: set[tuple[str, str]], rng: random.Random
) -> set[str]:
    """A few comunas per region the plan has not reached; never one it trained for enablement."""
    trained = {code for code, _ in required}
    idle = set()
    for region, count in IDLE_PER_REGION.items():
        free = [c.code for c in comunas if c.region_code == region and c.code not in trained]
        idle |= set(rng.sample(sorted(free), count))
    return idle


THEORY_TOPICS = (
    ("Capacitación en gestión del cambio", "Gestión del cambio en la municipalidad"),
    ("Capacitación teórica", "Identificación y caracterización de procedimientos"),
)
WORKSHOP_TOPICS = (
    "Digitalización de un procedimiento de punta a punta",
    "Mapa de procedimientos municipales",
    "Ficha de cada procedimiento para publicarlo en línea",
)


def _classroom(
    reached: Sequence[Territory], ready: dict[str, date], last_day: date, rng: random.Random
) -> list[Activity]:
    """Theory trainings and workshops, given to small groups of comunas of one province."""
    activities = []
    provinces: dict[str, list[Territory]] = {}
    for comuna in reached:
        provinces.setdefault(comuna.province, []).append(comuna)
    for province in sorted(provinces):
        members = sorted(provinces[province], key=lambda c: (ready[c.code], c.code))
        while members:
            size = rng.choice(GROUP_SIZES)
            group, members = members[:size], members[size:]
            codes = tuple(c.code for c in group)
            day = max(ready[code] for code in codes)
            # The workshop follows only when both theory sessions fit before the last cut-off.
            for words, topic in THEORY_TOPICS:
                day = _weekday(rng, day + timedelta(days=7), day + timedelta(days=28))
                if day > last_day:
                    break
                people = sum(rng.randint(3, 8) for _ in codes)
                activities.append(
                    Activity(day, "capacitacion_teorica", codes, (), people, topic, words)
                )
            else:
                day = _weekday(rng, day + timedelta(days=14), day + timedelta(days=40))
                if day <= last_day:
                    people = sum(rng.randint(2, 6) for _ in codes)
                    topic = rng.choice(WORKSHOP_TOPICS)
                    activities.append(Activity(day, "taller_practico", codes, (), people, topic))
    return activities


def _overlap(windows: Sequence[Window]) -> Window | None:
    lo = max(lo for lo, _ in windows)
    hi = min(hi for _, hi in windows)
    return (lo, hi) if lo <= hi else None


def _technical(
    reached: Sequence[Territory], windows: dict[tuple[str, str], Window], rng: random.Random
) -> list[Activity]:
    """Technical trainings inside each window: some for two platforms, some shared by comunas."""
    provinces = {comuna.code: comuna.province for comuna in reached}
    pending = dict(sorted(windows.items()))
    activities = []
    for code in sorted(provinces):
        for first, second in combinations(PLATFORMS, 2):
            keys = [(code, first), (code, second)]
            if not all(key in pending for key in keys):
                continue
            both = _overlap([pending[key] for key in keys])
            if both is not None and rng.random() < TWO_PLATFORMS:
                day = _weekday(rng, *both)
                people = rng.randint(2, 6)
                activities.append(
                    Activity(day, "capacitacion_tecnica", (code,), (first, second), people)
                )
                for key in keys:
                    del pending[key]
    queue = sorted(pending, key=lambda k: (provinces[k[0]], k[1], pending[k][0], k[0]))
    while queue:
        key = queue.pop(0)
        group, window = [key], pending[key]
        for other in list(queue):
            if len(group) == 3 or provinces[other[0]] != provinces[key[0]] or other[1] != key[1]:
                continue
            shared = _overlap((window, pending[other]))
            if shared is not None and rng.random() < SHARED_TRAINING:
                group.append(other)
                window = shared
                queue.remove(other)
        day = _weekday(rng, *window)
        people = sum(rng.randint(2, 6) for _ in group)
        codes = tuple(sorted(code for code, _ in group))
        activities.append(Activity(day, "capacitacion_tecnica", codes, (key[1],), people))
    return activities


def _advice(
    reached: Sequence[Territory],
    rollouts: Sequence[Rollout],
    trainings: Sequence[Activity],
    required: set[tuple[str, str]],
    kickoffs: dict[str, date],
    last_day: date,
    rng: random.Random,
) -> list[Activity]:
    """Technical advice after trainings that led to enablement, and visits where use lags."""
    activities = []
    for training in trainings:
        for code in training.comunas:
            for platform in training.platforms:
                if (code, platform) not in required or rng.random() >= FOLLOW_UP:
                    continue
                day = _weekday(
                    rng, training.day + timedelta(days=10), training.day + timedelta(days=40)
                )
                if day <= last_day:
                    people = rng.choice((None, 1, 2, 2, 3, 4))
                    topic = "Puesta en marcha y primeros trámites"
                    advice = Activity(
                        day, "asesoria_tecnica", (code,), (platform,), people, topic, ADVICE
                    )
                    activities.append(advice)
    for comuna in reached:
        for platform in PLATFORMS:
            key = (comuna.code, platform)
            if key in required or rollouts[-1][key].stage != "habilitada":
                continue
            if rng.random() < IDLE_PLATFORM_VISIT:
                earliest = max(FIRST_VISIT, kickoffs[comuna.code] + AFTER_KICKOFF)
                if earliest < last_day:
                    day = _weekday(rng, earliest, last_day - timedelta(days=1))
                    people = rng.choice((None, 1, 2, 3))
                    topic = "Uso de la plataforma en trámites municipales"
                    visit = Activity(
                        day, "asesoria_tecnica", (comuna.code,), (platform,), people, topic, VISIT
                    )
                    activities.append(visit)
    return activities


ROLES = (
    "Encargado/a de Transformación Digital",
    "Jefe/a de Informática",
    "Secretario/a Municipal",
    "Administrador/a Municipal",
    "Encargado/a de Oficina de Partes",
)
# The mesa's roster: institution, how many people it usually sends. The GORE and the SGD sit at
# the mesa too; the loader counts them for no comuna.
ROSTER = (
    ("Municipalidad de Iquique", 3),
    ("I. Municipalidad de Alto Hospicio", 2),
    ("Municipalidad de Pozo Almonte", 2),
    ("Municipalidad de Pica", 1),
    ("Municipalidad de Huara", 1),
    ("Municipalidad de Camiña", 1),
    ("Municipalidad de Colchane", 1),
    ("Gobierno Regional de Tarapacá", 2),
    ("SGD", 2),
)
OUTSIDE_ROLES = {
    "Gobierno Regional de Tarapacá": (
        "Profesional División de Planificación",
        "Jefe/a de Gabinete",
    ),
    "SGD": ("Profesional de acompañamiento", "Coordinador/a territorial"),
}


def roster() -> tuple[Person, ...]:
    """Everyone who may sign the mesa's attendance lists, numbered in roster order."""
    people = []
    for institution, count in ROSTER:
        roles = OUTSIDE_ROLES.get(institution, ROLES)
        for index in range(count):
            people.append(Person(len(people) + 1, institution, roles[index % len(roles)]))
    return tuple(people)


MESA_SESSIONS = (
    # (day, modality, municipalities that sent nobody)
    (date(2025, 7, 10), "Videoconferencia", ("Municipalidad de Huara",)),
    (date(2025, 9, 12), "Presencial", ("Municipalidad de Camiña", "Municipalidad de Colchane")),
)


def plan_mesas(seed: int) -> list[Mesa]:
    """The Tarapacá mesa's sessions: who of the roster came to each (never everyone)."""
    rng = random.Random(seed)
    people = roster()
    mesas = []
    for day, modality, absent in MESA_SESSIONS:
        present = [p for p in people if p.institution not in absent]
        # Big delegations send someone else now and then: one fewer person from two of them.
        for institution in rng.sample(sorted({p.institution for p in present}), 2):
            same = [p for p in present if p.institution == institution]
            if len(same) > 1:
                present.remove(rng.choice(same))
        mesas.append(Mesa(day, modality, tuple(present)))
    return mesas
