"""`python -m reports --region 09 --out informe.pptx`: a region's informe para la mesa as a file."""

import sys
from pathlib import Path

import reports
import slides
from cli import SpanishParser, iso_date
from loaders.gazetteer import gazetteer

PROG = "python -m reports"
UNITS = {"pptx": "diapositivas", "pdf": "páginas"}
LOAD = "python -m store load ARCHIVO"


def parse_region(text: str) -> str | None:
    """The region code of a CUT code ("09", "9") or a region's name ("La Araucanía"), or None."""
    places = gazetteer()
    if text.strip().isdigit():
        code = text.strip().zfill(2)
        return code if code in set(places.regions["region_code"]) else None
    return places.match_region(text)


def _refuse(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _no_data(had_uploads: bool) -> str:
    """How to put data in a store that has none active, in Spanish."""
    if had_uploads:
        return (
            "No hay cargas activas: restaure una con «python -m store restore N» (ver «python -m "
            f"store uploads») o cargue una planilla con «{LOAD}»."
        )
    return (
        f"La base no tiene datos: cargue una planilla con «{LOAD}» (con SEED_SAMPLES=1, una base "
        "vacía recibe los datos de ejemplo)."
    )


def main(argv: list[str] | None = None) -> int:
    """Write the informe of a region; 0, 2 on a wrong argument, 1 when it cannot be made."""
    parser = SpanishParser(
        prog=PROG, description="Informe para la mesa de una región, en PowerPoint o PDF."
    )
    parser.add_argument(
        "--region", required=True, help="código CUT (09 o 9) o nombre de la región (La Araucanía)"
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        help="estado a esa fecha de corte (AAAA-MM-DD); sin ella, el actual",
    )
    parser.add_argument(
        "--out", required=True, type=Path, help="archivo a escribir: .pptx o .pdf según el formato"
    )
    args = parser.parse_args(argv)

    fmt = args.out.suffix.lower().lstrip(".")
    if fmt not in reports.FORMATS:
        return _refuse(
            f"no se puede escribir «{args.out.name}»: el informe se guarda como "
            f"{' o '.join(f'.{known}' for known in reports.FORMATS)}."
        )
    region_code = parse_region(args.region)
    if region_code is None:
        return _refuse(
            f"no se reconoce la región «{args.region}»; use su código (09 o 9) "
            "o su nombre (La Araucanía)."
        )

    if not args.out.parent.is_dir():
        return _refuse(f"no existe la carpeta «{args.out.parent}» donde guardar el informe.")

    # the store (and SQLAlchemy) only load once the arguments are right
    from settings import SettingsError
    from store import StoreError, open_store

    try:
        store = open_store()  # a first start, as the dashboard's: samples into an empty store
        history = store.history()
        if history.empty:
            print(_no_data(not store.uploads().empty), file=sys.stderr)
            return 1
        deck = slides.deck(
            history,
            store.activities(),
            region_code,
            args.as_of,
            store.settings.training_without_use_days,
        )
        samples = store.has_sample_data()
        document = reports.build_report(deck, fmt, samples=samples)
    except (StoreError, SettingsError, reports.ReportError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        args.out.write_bytes(document)
    except OSError as exc:
        print(f"No se pudo escribir «{args.out}» ({type(exc).__name__}).", file=sys.stderr)
        return 1
    print(f"Informe de {deck.region} guardado en {args.out} ({len(deck.slides) + 1} {UNITS[fmt]}).")
    if samples:
        print(
            f"Aviso: el informe usa los datos de ejemplo, que son ficticios; cargue las planillas "
            f"reales con «{LOAD}».",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
