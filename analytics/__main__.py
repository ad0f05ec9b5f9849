"""`python -m analytics resumen [--as-of AAAA-MM-DD] [--json]`: the adoption figures of the store."""

import json
import sys

import pandas as pd

from analytics.selection import state_at
from analytics.summary import shares
from cli import SpanishParser, iso_date
from formats import day, percent
from loaders.vocabulary import platform_label
from settings import load_settings
from store import Store, StoreError

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
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i < 2 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def main(argv: list[str] | None = None) -> int:
    """Print the summary per region and platform of the store's state; 0, or 1 on a store error."""
    parser = SpanishParser(
        prog="python -m analytics", description="Cifras de adopción del tablero."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser(
        "resumen", help="comunas habilitadas y en uso por región y plataforma"
    )
    summary.add_argument(
        "--as-of",
        type=iso_date,
        help="estado a esa fecha de corte (AAAA-MM-DD); sin ella, el actual",
    )
    summary.add_argument("--json", action="store_true", help="salida en JSON")
    args = parser.parse_args(argv)

    try:
        store = Store(load_settings())
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


if __name__ == "__main__":
    sys.exit(main())
