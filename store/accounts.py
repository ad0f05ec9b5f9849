"""Local accounts in the store's database: argon2 password hashes, role, regions and lockout."""

import datetime as dt
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from access.errors import AccountError, LoginRefused
from access.identity import Identity
from access.scope import check_regions, check_role
from settings import load_settings
from store.audit import record
from store.database import reading, writing
from store.schema import accounts

MIN_PASSWORD_LENGTH = 10
REFUSED = "Usuario o clave incorrectos."

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    """A local account as operators list it (never its password hash)."""

    username: str
    role: str
    regions: frozenset[str] | None
    failed_attempts: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    def locked_at(self, now: dt.datetime) -> bool:
        """Whether the account is locked at that moment."""
        return self.locked_until is not None and self.locked_until > _utc(now)


def add_user(
    engine: sa.Engine,
    username: str,
    password: str,
    role: str,
    regions: Collection[str] | None = None,
    *,
    by: str = "sistema",
) -> Account:
    """Create a local account (regions None: every region; an admin always has every region)."""
    name = _username(username)
    try:
        role = check_role(role)
        scope = (
            None
            if regions is None or role == "admin"
            else check_regions(regions if isinstance(regions, str) else tuple(regions))
        )
    except ValueError as exc:
        raise AccountError(f"No se creó la cuenta «{name}»: {exc}.") from exc
    hashed = _hasher.hash(_checked_password(password))
    now = dt.datetime.now(dt.UTC)
    with writing(engine) as (conn, _):
        if _row(conn, name) is not None:
            raise AccountError(f"Ya existe una cuenta local «{name}».")
        conn.execute(
            sa.insert(accounts).values(
                username=name,
                password_hash=hashed,
                role=role,
                regions=None if scope is None else ",".join(sorted(scope)),
                failed_attempts=0,
                locked_until=None,
                created_at=now,
                updated_at=now,
            )
        )
        record(conn, by, "crear cuenta", f"{name}: {role}, {_describe(scope)}", at=now)
        return _account(_row(conn, name))


def set_password(engine: sa.Engine, username: str, password: str, *, by: str = "sistema") -> None:
    """Give an account a new password; this also lifts a lockout."""
    name = _username(username)
    hashed = _hasher.hash(_checked_password(password))
    now = dt.datetime.now(dt.UTC)
    with writing(engine) as (conn, _):
        changed = conn.execute(
            sa.update(accounts)
            .where(accounts.c.username == name)
            .values(password_hash=hashed, failed_attempts=0, locked_until=None, updated_at=now)
        ).rowcount
        if not changed:
            raise AccountError(f"No existe una cuenta local «{name}».")
        record(conn, by, "cambiar clave", name, at=now)


def list_users(engine: sa.Engine) -> list[Account]:
    """Every local account, by user name."""
    with reading(engine) as conn:
        rows = conn.execute(sa.select(accounts).order_by(accounts.c.username)).mappings().all()
    return [_account(row) for row in rows]


def has_accounts(engine: sa.Engine) -> bool:
    """Whether any local account exists."""
    with reading(engine) as conn:
        return conn.execute(sa.select(accounts.c.username).limit(1)).first() is not None


def authenticate(
    engine: sa.Engine,
    username: str,
    password: str,
    *,
    attempts: int,
    lock_minutes: int,
    now: dt.datetime | None = None,
) -> Identity:
    """The identity of a local account whose password is right; LoginRefused otherwise.

    After `attempts` wrong passwords in a row the account is locked for `lock_minutes`; the
    refusal never says whether the user exists, except that a locked account says so.
    """
    now = _utc(now or dt.datetime.now(dt.UTC))
    name = (username or "").strip().lower()
    with reading(engine) as conn:
        row = _row(conn, name) if name else None
    if row is None:
        _verify(_decoy(), password)  # as slow as a real check, so timing does not tell either
        raise LoginRefused(REFUSED)
    account = _account(row)
    if account.locked_at(now):
        raise LoginRefused(_locked(attempts, account.locked_until))
    if not _verify(row["password_hash"], password):
        _count_failure(engine, name, now, attempts, lock_minutes)
        raise LoginRefused(REFUSED)
    rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(row["password_hash"]) else None
    if account.failed_attempts or account.locked_until or rehashed:
        with writing(engine) as (conn, _):
            conn.execute(
                sa.update(accounts)
                .where(accounts.c.username == name)
                .values(failed_attempts=0, locked_until=None)
            )
            if rehashed:
                conn.execute(
                    sa.update(accounts)
                    .where(accounts.c.username == name)
                    .where(accounts.c.password_hash == row["password_hash"])
                    .values(password_hash=rehashed, updated_at=now)
                )
    return Identity(name, account.role, account.regions, "local")


def _count_failure(
    engine: sa.Engine, name: str, now: dt.datetime, attempts: int, lock_minutes: int
) -> None:
    """Count a wrong password; lock the account (and say so) at the `attempts`-th in a row."""
    with writing(engine) as (conn, _):
        row = _row(conn, name)  # again, under the writer lock: other attempts may have counted
        if row is None:
            return
        account = _account(row)
        if account.locked_at(now):
            raise LoginRefused(_locked(attempts, account.locked_until))
        failures = account.failed_attempts + 1
        until = now + dt.timedelta(minutes=lock_minutes) if failures >= attempts else None
        conn.execute(
            sa.update(accounts)
            .where(accounts.c.username == name)
            # a lockout starts the count again, so after it the user has `attempts` more tries
            .values(failed_attempts=0 if until else failures, locked_until=until)
        )
    if until:
        raise LoginRefused(_locked(attempts, until))


def _locked(attempts: int, until: dt.datetime) -> str:
    """The lockout message, with the time the account opens again in the local clock."""
    return (
        f"Cuenta bloqueada por {attempts} intentos fallidos; intente de nuevo después de "
        f"{until.astimezone(load_settings().time_zone):%H:%M}"
    )


def _verify(hashed: str, password: str) -> bool:
    """Whether password matches the argon2 hash (a damaged hash matches nothing)."""
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy() -> str:
    """The hash of a random password nobody knows, checked against for unknown users."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _username(username: str) -> str:
    """A user name as stored: trimmed and lower-cased, without spaces or control characters."""
    name = (username or "").strip().lower()
    if not name:
        raise AccountError("Falta el nombre de usuario.")
    if len(name) > 120 or any(c.isspace() or not c.isprintable() for c in name):
        raise AccountError(
            f"Nombre de usuario inválido «{name[:40]}»: sin espacios y de hasta 120 caracteres."
        )
    return name


def _checked_password(password: str) -> str:
    """The password, if long enough."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"La clave debe tener al menos {MIN_PASSWORD_LENGTH} caracteres.")
    return password


def _row(conn: sa.Connection, name: str) -> sa.RowMapping | None:
    return conn.execute(sa.select(accounts).where(accounts.c.username == name)).mappings().first()


def _account(row: sa.RowMapping) -> Account:
    regions = row["regions"]
    return Account(
        username=row["username"],
        role=row["role"],
        regions=None if regions is None else frozenset(regions.split(",")),
        failed_attempts=row["failed_attempts"],
        locked_until=_utc(row["locked_until"]),
        created_at=_utc(row["created_at"]),
        updated_at=_utc(row["updated_at"]),
    )


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment in UTC; SQLite hands back naive times, which the store writes in UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _describe(regions: frozenset[str] | None) -> str:
    return "todas las regiones" if regions is None else "regiones " + ", ".join(sorted(regions))
