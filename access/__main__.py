"""Operators' command line for local accounts: create them, change their password, list them."""

import getpass
import json
import sys

from access.errors import AccountError
from access.identity import ROLES
from cli import SpanishParser, add_operator
from settings import SettingsError, load_settings
from store import open_store
from store.accounts import Account, add_user, list_users, set_password
from store.errors import StoreError


def parser() -> SpanishParser:
    """The command line's arguments, described in Spanish."""
    p = SpanishParser(
        prog="python -m access", description="Administra las cuentas locales del tablero."
    )
    add_operator(p)
    sub = p.add_subparsers(dest="command", metavar="ORDEN", required=True)
    add = sub.add_parser("agregar-usuario", help="crea una cuenta local")
    add.add_argument("nombre", metavar="NOMBRE", help="nombre de usuario (se guarda en minúsculas)")
    add.add_argument("--rol", required=True, choices=ROLES, help="rol de la cuenta")
    add.add_argument(
        "--regiones", metavar="01,09", help="códigos CUT separados por comas; sin ella, todas"
    )
    change = sub.add_parser("cambiar-clave", help="cambia la clave de una cuenta y la desbloquea")
    change.add_argument("nombre", metavar="NOMBRE", help="nombre de usuario")
    for command in (add, change):
        command.add_argument(
            "--clave-stdin", action="store_true", help="lee la clave de la entrada estándar"
        )
    listing = sub.add_parser("usuarios", help="lista las cuentas locales")
    listing.add_argument("--json", action="store_true", help="en JSON")
    return p


class _Refused(Exception):
    """A password not given, or not the same twice."""


def _password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or asked twice without echo."""
    if from_stdin:
        password = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not password:
            raise _Refused("No se recibió ninguna clave por la entrada estándar.")
        return password
    password = getpass.getpass("Clave nueva: ")
    if getpass.getpass("Repita la clave: ") != password:
        raise _Refused("Las claves no coinciden; no se cambió nada.")
    return password


def _regions(text: str | None) -> list[str] | None:
    return None if text is None else [code for code in text.split(",") if code.strip()]


def _shown(account: Account) -> dict:
    """An account as `usuarios --json` gives it."""
    return {
        "username": account.username,
        "role": account.role,
        "regions": None if account.regions is None else sorted(account.regions),
        "failed_attempts": account.failed_attempts,
        "locked_until": account.locked_until.isoformat() if account.locked_until else None,
        "created_at": account.created_at.isoformat(),
        "updated_at": account.updated_at.isoformat(),
    }


def _table(users: list[Account]) -> str:
    """The accounts as a plain table, times in the local clock (TIME_ZONE)."""
    zone = load_settings().time_zone
    if not users:
        return "no hay cuentas locales"
    rows = [("usuario", "rol", "regiones", "creada", "bloqueada hasta")]
    for account in users:
        rows.append(
            (
                account.username,
                account.role,
                "todas" if account.regions is None else ",".join(sorted(account.regions)),
                f"{account.created_at.astimezone(zone):%Y-%m-%d %H:%M}",
                f"{account.locked_until.astimezone(zone):%Y-%m-%d %H:%M}"
                if account.locked_until
                else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line: 0 done, 2 bad arguments or password, 1 the store failed."""
    args = parser().parse_args(argv)
    try:
        if args.command == "usuarios":
            users = list_users(open_store().engine)
            if args.json:
                print(json.dumps([_shown(u) for u in users], ensure_ascii=False, indent=2))
            else:
                print(_table(users))
            return 0
        password = _password(args.clave_stdin)
        engine = open_store().engine
        if args.command == "agregar-usuario":
            account = add_user(
                engine, args.nombre, password, args.rol, _regions(args.regiones), by=args.user
            )
            scope = (
                "todas las regiones"
                if account.regions is None
                else ", ".join(sorted(account.regions))
            )
            print(f"cuenta «{account.username}» creada: {account.role}, {scope}")
        else:
            set_password(engine, args.nombre, password, by=args.user)
            print(f"clave de «{args.nombre.strip().lower()}» cambiada")
        return 0
    except (_Refused, AccountError, SettingsError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nOperación cancelada; no se cambió nada.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
