"""Command lines in Spanish: one argument parser (help and errors included) and one date type."""

import argparse
import datetime as dt
import getpass
import re
import sys

# argparse speaks English; the messages an operator meets, said in Spanish.
_MESSAGES = (
    (r"the following arguments are required: (.*)", r"faltan los argumentos: \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"\1: opción \2 inválida; use \3",
    ),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1: valor \3 inválido"),
    (r"argument (\S+): expected one argument", r"\1 necesita un valor"),
    (r"argument (\S+): expected at least one argument", r"\1 necesita al menos un valor"),
    (r"argument (\S+): (.*)", r"\1: \2"),
    (r"unrecognized arguments: (.*)", r"argumentos no reconocidos: \1"),
    (r"ambiguous option: (.*)", r"opción ambigua: \1"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "uso: " if prefix is None else prefix)


def spanish(message: str) -> str:
    """One of argparse's English messages, said in Spanish (unchanged when not known)."""
    for pattern, translated in _MESSAGES:
        if re.fullmatch(pattern, message, re.S):
            return re.sub(pattern, translated, message, flags=re.S)
    return message


class SpanishParser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are in Spanish."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opciones"
        self.add_argument("-h", "--help", action="help", help="muestra esta ayuda y termina")

    def add_subparsers(self, **kwargs):
        """Subcommands whose parsers are Spanish too."""
        kwargs.setdefault("parser_class", SpanishParser)
        kwargs.setdefault("title", "órdenes")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> None:
        """Print the usage and the message in Spanish, and exit with status 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {spanish(message)}\n")


def iso_date(text: str) -> dt.date:
    """A command line's AAAA-MM-DD date, or argparse's error in Spanish."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"fecha inválida «{text}»; use AAAA-MM-DD") from exc


def add_operator(parser: argparse.ArgumentParser) -> None:
    """The --user option of the commands that write: who does it, for the audit log."""
    parser.add_argument(
        "--user",
        default=f"cli:{getpass.getuser()}",
        metavar="QUIÉN",
        help="quién hace la operación (para el registro)",
    )
