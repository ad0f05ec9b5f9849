"""python -m server precompress: compress Streamlit's bundles once for this install."""

import sys

from cli import SpanishParser
from server.compressed import precompress
from server.locations import COMPRESSED_DIR, STATIC_DIR


def main(argv: list[str] | None = None) -> int:
    """Run the command and say what it did, in Spanish."""
    parser = SpanishParser(prog="python -m server", description="Tareas del servidor web.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "precompress",
        help="comprime una vez (brotli y gzip) el JavaScript y el CSS de Streamlit de esta instalación",
    )
    parser.parse_args(argv)
    total, done = precompress(STATIC_DIR, COMPRESSED_DIR)
    print(f"Archivos de Streamlit comprimidos: {done} nuevos de {total}, en {COMPRESSED_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
