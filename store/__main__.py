"""Operators' command line: load, list, retire, restore uploads; export the current state, the
activities and the comuna names taught per source; write a region's update template."""

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from access.identity import Identity
from cli import SpanishParser, add_operator, iso_date
from formats import os_reason
from loaders import ACTIVITY_COLUMNS, COLUMNS, UnreadableFile
from loaders.guard import Limits, printable, read_path
from loaders.report import as_text
from settings import SettingsError
from store.aliases import NOT_A_COMUNA
from store.errors import StoreError, UploadRefused
from store.samples import open_store
from store.store import Store
from store.writes import Prepared
from template import UnknownRegion, current_source, sheet_name, update_template


def parser() -> SpanishParser:
    """The command line's arguments, described in Spanish."""
    p = SpanishParser(prog="python -m store", description="Administra las cargas del tablero.")
    add_operator(p)
    sub = p.add_subparsers(dest="command", metavar="ORDEN", required=True)
    load = sub.add_parser("load", help="valida y guarda planillas")
    load.add_argument(
        "files", nargs="+", metavar="ARCHIVO", help="planillas .xlsx, .xlsm, .xls, .ods o .csv"
    )
    load.add_argument(
        "--as-of", type=iso_date, help="fecha de corte (AAAA-MM-DD); prima sobre la del archivo"
    )
    load.add_argument("--source", help="fuente de los datos, p. ej. UFRO")
    load.add_argument(
        "--accept-errors", action="store_true", help="guarda las filas válidas aunque haya errores"
    )
    listing = sub.add_parser("uploads", help="lista las cargas")
    listing.add_argument("--json", action="store_true", help="en JSON")
    for name, text in (("retire", "retira una carga"), ("restore", "restaura una carga retirada")):
        sub.add_parser(name, help=text).add_argument(
            "id", type=int, metavar="N", help="número de la carga"
        )
    current = sub.add_parser("current", help="exporta el estado actual")
    current.add_argument("--csv", required=True, metavar="SALIDA.csv", help="archivo CSV de salida")
    activities = sub.add_parser(
        "activities", help="resume o exporta las actividades de acompañamiento"
    )
    activities.add_argument(
        "--csv", metavar="SALIDA.csv", help="archivo CSV de salida (sin él, un resumen por región)"
    )
    aliases = sub.add_parser("aliases", help="lista los nombres de comunas enseñados por fuente")
    aliases.add_argument("--csv", metavar="SALIDA.csv", help="archivo CSV de salida")
    template = sub.add_parser("template", help="escribe la planilla para actualizar una región")
    template.add_argument(
        "--region", required=True, metavar="CÓDIGO", help="código CUT de la región, p. ej. 09"
    )
    template.add_argument(
        "--out", required=True, metavar="PLANILLA.xlsx", help="archivo a escribir"
    )
    template.add_argument(
        "--source",
        metavar="TEXTO",
        help="fuente escrita en la planilla (por defecto, la del estado actual)",
    )
    return p


def _template(store: Store, args: argparse.Namespace) -> int:
    """Write a region's update template with its current state; 1 for an unknown region or a
    file that cannot be written."""
    current, region = store.current(), args.region.strip().zfill(2)  # «9» is 09
    source = args.source if args.source is not None else current_source(current, region)
    try:
        data = update_template(current, region, source=source)
        Path(args.out).write_bytes(data)
    except UnknownRegion as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"no se pudo escribir {args.out}: {os_reason(exc)}", file=sys.stderr)
        return 1
    print(f"planilla para actualizar {sheet_name(region)} escrita en {args.out}")
    return 0


def _load(store: Store, args: argparse.Namespace) -> int:
    status = 0
    limits = Limits.from_settings(store.settings)
    for path in args.files:
        name = printable(Path(path).name)  # a name from an old Windows zip may not be UTF-8
        try:
            data = read_path(Path(path), name, limits)  # never more than the upload limit
        except UnreadableFile as exc:
            print(f"{name}: no se pudo leer: {exc.reason}")
            status = 2
            continue
        prepared = store.prepare(data, name, as_of=args.as_of, source=args.source)
        if prepared.result is None:
            print(f"{prepared.name}: no se pudo leer: {prepared.failure}")
            status = 2
            continue
        print(as_text([prepared.result]))
        status = max(status, prepared.result.exit_code)
        source = args.source or prepared.result.source or _last_source(store, prepared, args)
        if not source and prepared.duplicate_of is None:
            print(
                "  no se guardó: la planilla no dice de qué fuente son los datos y no hay cargas "
                "anteriores de sus regiones; indíquela con --source (p. ej. --source UFRO)"
            )
            status = max(status, 1)
            continue
        try:
            saved = store.save(
                prepared,
                user=operator(args.user),
                as_of=args.as_of,
                source=source,
                accept_errors=args.accept_errors,
            )
        except UploadRefused as exc:
            print(f"  no se guardó: {exc}")
            status = max(status, 1)
            continue
        if saved.duplicate:
            print(f"  ya estaba cargado como carga n.º {saved.upload_id}; no se cuenta dos veces")
        else:
            counted = f"{saved.rows} filas"
            if saved.activities:
                counted += f", {_counted(saved.activities, 'actividad', 'actividades')}"
            print(
                f"  guardado como carga n.º {saved.upload_id} ({counted}, revisión {saved.revision})"
            )
    return status


def _last_source(store: Store, prepared: Prepared, args: argparse.Namespace) -> str:
    """For a file naming no source, the one of the last real upload of its regions (said so)."""
    result = prepared.result
    regions = {*result.frame["region_code"], *result.activities["region_code"]}
    source = store.suggested_source(operator(args.user), regions)
    if source:
        print(
            f"  la planilla no nombra su fuente: se usa «{source}», la de la última carga de sus regiones"
        )
    return source


def _activities(store: Store, out: str | None) -> int:
    """Write the active activities (each counted once) to a CSV, or say how many per region."""
    frame = store.activities()
    if out:
        frame[list(ACTIVITY_COLUMNS)].to_csv(out, index=False, date_format="%Y-%m-%d")
        print(f"{_counted(len(frame), 'actividad escrita', 'actividades escritas')} en {out}")
        return 0
    if frame.empty:
        print("no hay actividades en las cargas activas")
        return 0
    print(f"{_counted(len(frame), 'actividad', 'actividades')} en las cargas activas:")
    for (_, region), rows in frame.groupby(["region_code", "region"]):
        comunas = _counted(rows["comuna_code"].nunique(), "comuna", "comunas")
        first, last = rows["date"].min(), rows["date"].max()
        print(
            f"  {region}: {_counted(len(rows), 'actividad', 'actividades')} en {comunas}, "
            f"del {first:%d-%m-%Y} al {last:%d-%m-%Y}"
        )
    return 0


def _aliases(store: Store, out: str | None) -> int:
    """Write every comuna alias (active and retired) to a CSV, or list them one per line."""
    frame = store.alias_table()
    if out:
        frame.to_csv(out, index=False, date_format="%Y-%m-%dT%H:%M:%S%z")
        print(
            f"{_counted(len(frame), 'correspondencia escrita', 'correspondencias escritas')} en {out}"
        )
        return 0
    if frame.empty:
        print("no hay nombres de comunas enseñados")
        return 0
    zone = store.settings.time_zone
    for row in frame.itertuples():
        meant = f"{row.comuna} ({row.comuna_code})" if pd.notna(row.comuna_code) else NOT_A_COMUNA
        when = row.created_at.astimezone(zone)
        print(
            f"n.º {row.id} · {row.source} · «{row.name}» → {meant} · {row.created_by}, "
            f"{when:%d-%m-%Y %H:%M} · {'activa' if row.active else 'retirada'}"
        )
    return 0


def _counted(n: int, one: str, many: str) -> str:
    """«1 actividad», «2 actividades»."""
    return f"{n} {one if n == 1 else many}"


def operator(name: str) -> Identity:
    """Whoever runs this command: with a shell on the server, an administrator."""
    return Identity(name, "admin", None, "cli")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; exit status as the loader's for load, 0/1 otherwise."""
    args = parser().parse_args(argv)
    try:
        store = open_store()
        if args.command == "load":
            return _load(store, args)
        if args.command == "uploads":
            frame = store.uploads()
            if args.json:
                print(
                    json.dumps(frame.to_dict("records"), default=str, ensure_ascii=False, indent=2)
                )
            else:
                shown = frame[
                    [
                        "id",
                        "file_name",
                        "source",
                        "as_of",
                        "rows",
                        "activities",
                        "errors",
                        "active",
                        "is_sample",
                    ]
                ]
                print(shown.to_string(index=False) if not frame.empty else "no hay cargas")
            return 0
        if args.command in ("retire", "restore"):
            store.set_active(args.id, args.command == "restore", operator(args.user))
            print(
                f"carga n.º {args.id} {'restaurada' if args.command == 'restore' else 'retirada'}"
            )
            return 0
        if args.command == "activities":
            return _activities(store, args.csv)
        if args.command == "aliases":
            return _aliases(store, args.csv)
        if args.command == "template":
            return _template(store, args)
        frame = store.current()
        frame[list(COLUMNS)].to_csv(args.csv, index=False, date_format="%Y-%m-%d")
        print(f"{len(frame)} filas del estado actual escritas en {args.csv}")
        return 0
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
