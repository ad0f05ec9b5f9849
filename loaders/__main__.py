"""Command line: python -m loaders FILE ... [--as-of D] [--source S] [--csv OUT] [--activities OUT]
[--json]."""

import os
import sys

import pandas as pd

from cli import SpanishParser, iso_date
from loaders.api import ACTIVITY_COLUMNS, COLUMNS, LoadResult, empty_activities, load_many
from loaders.report import as_json, as_text, exit_code


def parser() -> SpanishParser:
    """The command line's arguments, described in Spanish."""
    p = SpanishParser(
        prog="python -m loaders",
        description="Lee planillas de seguimiento y las normaliza según el contrato de datos.",
    )
    p.add_argument(
        "files", nargs="+", metavar="ARCHIVO", help="planillas .xlsx, .xlsm, .xls, .ods o .csv"
    )
    p.add_argument(
        "--as-of", type=iso_date, help="fecha de corte (AAAA-MM-DD); prima sobre la del archivo"
    )
    p.add_argument("--source", help="fuente de los datos, p. ej. UFRO")
    p.add_argument("--csv", metavar="SALIDA.csv", help="escribe las filas normalizadas en un CSV")
    p.add_argument(
        "--activities",
        metavar="SALIDA.csv",
        help="escribe las actividades de acompañamiento (registros y listas de asistencia) en un CSV",
    )
    p.add_argument("--json", action="store_true", help="informe de validación en JSON")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status of the data contract."""
    args = parser().parse_args(argv)
    outcomes = load_many(args.files, as_of=args.as_of, source_label=args.source)
    results = [o for o in outcomes if isinstance(o, LoadResult)]
    if args.csv:
        frames = [r.frame for r in results]
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
        frame.to_csv(args.csv, index=False, columns=list(COLUMNS), date_format="%Y-%m-%d")
    if args.activities:
        frames = [r.activities for r in results if not r.activities.empty]
        frame = pd.concat(frames, ignore_index=True) if frames else empty_activities()
        frame.to_csv(
            args.activities, index=False, columns=list(ACTIVITY_COLUMNS), date_format="%Y-%m-%d"
        )
    try:
        print(as_json(outcomes) if args.json else as_text(outcomes))
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader of the output left (python -m loaders … | head): what it did not read
        # goes nowhere, and Python must not fail again flushing stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return exit_code(outcomes)


if __name__ == "__main__":
    sys.exit(main())
