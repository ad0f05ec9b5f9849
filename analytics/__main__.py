"""`python -m analytics resumen|acompanamiento [--as-of AAAA-MM-DD] [--json]`: the adoption and
accompaniment figures of the store."""

import argparse
import datetime as dt
import json
import sys
from collections.abc import Collection

import pandas as pd

import analytics.accompaniment as acc
from analytics.selection import state_at
from analytics.summary import shares
from charts import month_label
from cli import SpanishParser, iso_date
from formats import day, number, percent
from loaders.gazetteer import gazetteer
from loaders.vocabulary import activity_label, platform_label, stage_label
from store import StoreError, open_store

HEADER = [
    "Región",
    "Plataforma",
    "Comunas en escala",
    "Habilitada o más",
    "En uso",
    "Brecha de uso",
]


def summary_rows(current: pd.DataFrame) -> list[dict]:
    """The command's summary: per region and platform, the counts and the brecha de uso."""
    return [
        {
            "region_code": row.region_code,
            "region": row.region,
            "platform": row.platform,
            "on_scale": int(row.on_scale),
            "enabled": int(row.enabled),
            "en_uso": int(row.en_uso),
            "brecha_uso": None if pd.isna(row.brecha_uso) else float(row.brecha_uso),
        }
        for row in shares(current).itertuples(index=False)
    ]


def aligned(lines: list[list[str]], right: Collection[int]) -> str:
    """Rows of text as a table people read, two spaces apart: the columns at the `right`
    positions (the numbers) to the right, the rest to the left."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join(
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def text_table(rows: list[dict]) -> str:
    """The summary as a table people read, text to the left and numbers to the right."""
    lines = [HEADER] + [
        [
            row["region"],
            platform_label(row["platform"]),
            str(row["on_scale"]),
            str(row["enabled"]),
            str(row["en_uso"]),
            percent(row["brecha_uso"], decimals=1),
        ]
        for row in rows
    ]
    return aligned(lines, range(2, len(HEADER)))


def _plain(value: object) -> object:
    """A value of a frame as JSON holds it: dates as ISO text, missing as null, numpy as Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [
        {column: _plain(value) for column, value in zip(columns, row, strict=True)}
        for row in frame[columns].itertuples(index=False)
    ]


def accompaniment_report(
    activities: pd.DataFrame,
    history: pd.DataFrame,
    regions: list[str],
    as_of: dt.date | None,
    days: int,
) -> dict:
    """The command's accompaniment figures of these regions at the cut-off (None: the newest),
    with stable keys: coverage per region and step, activities per month, the technical
    trainings without use and the times from training to use."""
    history = history[history["region_code"].isin(regions)]
    reference = acc.reference_date(
        history, activities[activities["region_code"].isin(regions)], as_of
    )
    activities = acc.filter_activities(activities, regions, as_of=reference)
    grid = acc.plan_coverage(activities, regions)
    coverage = acc.coverage_shares(grid)
    report = {
        "as_of": reference.isoformat() if reference else None,
        "regions": list(regions),
        "activities": len(acc.one_per_activity(activities)),
        "coverage": _records(coverage, [*acc.COVERAGE_SHARE_COLUMNS, "share"]),
        "monthly": [
            {**row, "month": row["month"][:7]}
            for row in _records(acc.monthly_activities(activities), acc.MONTHLY_COLUMNS)
        ],
        "training_without_use": {"days": days, "headline": "", "rows": []},
        "training_to_use": {
            "window_days": acc.ADVANCE_DAYS,
            "untrained_window": UNTRAINED_WINDOW,
            "note": acc.NOT_CAUSE,
            "platforms": [],
        },
    }
    if reference is None:
        return report
    without = acc.training_without_use(activities, history, reference, days)
    report["training_without_use"]["headline"] = acc.without_use_headline(without, days)
    report["training_without_use"]["rows"] = _records(without, acc.WITHOUT_USE_COLUMNS)
    to_use = acc.training_to_use(activities, history, reference)
    report["training_to_use"]["platforms"] = _records(to_use, acc.TO_USE_COLUMNS)
    return report


UNTRAINED_WINDOW = (
    "Comunas sin capacitación técnica en la plataforma: la ventana de 90 días que empieza en la "
    "fecha mediana de las capacitaciones técnicas de esa plataforma."
)


def _stage(stage: str | None, alternative: str | None, on: str | None) -> str:
    return "sin dato" if stage is None else f"{stage_label(stage, alternative)} ({day(on)})"


def _median(days: float | None, count: int) -> str:
    if days is None:
        return f"— ({count})"
    return f"{number(days, 0 if float(days).is_integer() else 1)} ({count})"


def _advanced(part: int, whole: int) -> str:
    return "—" if not whole else f"{percent(part / whole)} ({part} de {whole})"


def accompaniment_text(report: dict) -> str:
    """The accompaniment figures as text people read, in Spanish."""
    names = ", ".join(gazetteer().region_name(r) for r in report["regions"])
    parts = [f"Acompañamiento al {day(report['as_of'])} · {names}"]
    parts.append(
        "Cobertura del plan (comunas de la región con cada paso)\n"
        + aligned(
            [["Región", "Paso", "Comunas", "%"]]
            + [
                [
                    row["region"],
                    row["step"],
                    f"{row['reached']} de {row['comunas']}",
                    "no aplica" if row["share"] is None else percent(row["share"]),
                ]
                for row in report["coverage"]
            ],
            (2, 3),
        )
    )
    monthly = [["Mes", "Región", "Actividad", "Actividades", "Participantes"]] + [
        [
            month_label(pd.Timestamp(row["month"] + "-01")),
            row["region"],
            activity_label(row["activity"]),
            str(row["activities"]),
            str(row["participants"]),
        ]
        for row in report["monthly"]
    ]
    parts.append("Actividades por mes\n" + aligned(monthly, (3, 4)))
    without = report["training_without_use"]
    lines = [
        [
            "Región",
            "Comuna",
            "Plataforma",
            "Capacitación",
            "Días",
            "Etapa entonces",
            "Etapa al corte",
        ]
    ]
    lines += [
        [
            row["region"],
            row["comuna"],
            platform_label(row["platform"]),
            day(row["training_date"]),
            str(row["days_since"]),
            _stage(row["stage_then"], row["alternative_then"], row["stage_then_as_of"]),
            _stage(row["stage_now"], row["alternative_now"], row["stage_now_as_of"]),
        ]
        for row in without["rows"]
    ]
    section = f"Capacitación sin uso (hace al menos {without['days']} días)\n{without['headline']}"
    if without["rows"]:
        section += "\n\n" + aligned(lines, (4,))
        if any(row["stage_now"] is None for row in without["rows"]):
            section += (
                "\n«sin dato»: no hay ninguna etapa registrada de esa plataforma en la comuna."
            )
    parts.append(section)
    to_use = report["training_to_use"]
    lines = [
        [
            "Plataforma",
            "Capacitadas",
            "Días a habilitada (n)",
            "Días a en uso (n)",
            "Avanzan: capacitadas",
            "no capacitadas",
        ]
    ] + [
        [
            platform_label(row["platform"]),
            str(row["trained"]),
            _median(row["days_to_enabled"], row["n_to_enabled"]),
            _median(row["days_to_use"], row["n_to_use"]),
            _advanced(row["trained_advanced"], row["trained_window"]),
            _advanced(row["untrained_advanced"], row["untrained_window"]),
        ]
        for row in to_use["platforms"]
    ]
    section = "Del entrenamiento al uso (mediana de días desde la primera capacitación técnica)"
    if to_use["platforms"]:
        section += (
            "\n"
            + aligned(lines, range(1, 6))
            + f"\nAvanzan: la etapa subió en los {to_use['window_days']} días siguientes a la "
            f"capacitación. {to_use['untrained_window']}\n{to_use['note']}"
        )
    else:
        section += "\nNo hay capacitaciones técnicas a esta fecha de corte."
    parts.append(section)
    return "\n\n".join(parts)


NO_ACTIVITIES = (
    "No hay actividades de acompañamiento cargadas{when}. Cargue una planilla de actividades o "
    "una lista de asistencia con «python -m store load ARCHIVO»."
)


def main(argv: list[str] | None = None) -> int:
    """Print the summary per region and platform, or the accompaniment figures, of the store's
    state; 0, or 1 on a store error."""
    parser = SpanishParser(
        prog="python -m analytics",
        description="Cifras de adopción y de acompañamiento del tablero.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser(
        "resumen", help="comunas habilitadas y en uso por región y plataforma"
    )
    accompaniment = commands.add_parser(
        "acompanamiento",
        help="cobertura del plan de acompañamiento, actividades y capacitaciones sin uso",
    )
    for command in (summary, accompaniment):
        command.add_argument(
            "--as-of",
            type=iso_date,
            help="estado a esa fecha de corte (AAAA-MM-DD); sin ella, el actual",
        )
        command.add_argument("--json", action="store_true", help="salida en JSON")
    accompaniment.add_argument(
        "--region", type=region_code, help="código CUT de la región (09 o 9); sin ella, todas"
    )
    args = parser.parse_args(argv)
    if args.command == "acompanamiento":
        return accompaniment_command(args)

    try:
        store = open_store()
        current = store.current() if args.as_of is None else state_at(store.history(), args.as_of)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    rows = summary_rows(current)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print(f"No hay datos cargados{f' al {day(args.as_of)}' if args.as_of else ''}.")
    else:
        newest = args.as_of or current["as_of"].max().date()
        print(f"Estado al {day(newest)}\n\n{text_table(rows)}")
    return 0


def region_code(text: str) -> str:
    """A command line's region CUT code ("09" or "9"), or argparse's error in Spanish."""
    code = text.strip().zfill(2)
    if not code.isdigit() or code not in set(gazetteer().regions["region_code"]):
        raise argparse.ArgumentTypeError(f"región desconocida «{text}»; use su código CUT (09 o 9)")
    return code


def accompaniment_command(args) -> int:
    """Print the accompaniment figures of the store; 0, or 1 on a store error."""
    try:
        store = open_store()
        settings = store.settings
        activities, history = store.activities(), store.history()
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    regions = [args.region] if args.region else list(settings.regions)
    report = accompaniment_report(
        activities, history, regions, args.as_of, settings.training_without_use_days
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif report["activities"] == 0:
        print(NO_ACTIVITIES.format(when=f" al {day(args.as_of)}" if args.as_of else ""))
    else:
        print(accompaniment_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
