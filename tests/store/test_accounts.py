"""Local accounts on SQLite and PostgreSQL: argon2 hashes, refusals that tell nothing, lockout."""

import datetime as dt

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher

from access import AccountError, Identity, LoginRefused
from store import accounts as local_accounts
from store.accounts import add_user, authenticate, has_accounts, list_users, set_password
from store.database import upgrade
from store.schema import MIGRATIONS, accounts, events

PASSWORD = "caballo-bateria-grapa"
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)  # the same checks, cheaply


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    """Argon2 at its lowest cost: what these tests check does not depend on the cost, only the
    rehash test needs to tell a weak hash from the real parameters (it asks for them itself)."""
    monkeypatch.setattr(local_accounts, "_hasher", FAST)


T0 = dt.datetime(2025, 7, 1, 16, 0, tzinfo=dt.UTC)  # 12:00 in Chile (winter, UTC-4)
LOCKED = "Cuenta bloqueada por 3 intentos fallidos; intente de nuevo después de 12:15"


def login(engine, username: str, password: str, now: dt.datetime = T0) -> Identity:
    """Log in with three attempts allowed and a 15-minute lockout."""
    return authenticate(engine, username, password, attempts=3, lock_minutes=15, now=now)


def refusal(engine, username: str, password: str, now: dt.datetime = T0) -> str:
    """The message of a refused login."""
    with pytest.raises(LoginRefused) as refused:
        login(engine, username, password, now)
    return str(refused.value)


def stored(engine, username: str) -> sa.RowMapping:
    """The account's row as the database holds it."""
    with engine.connect() as conn:
        query = sa.select(accounts).where(accounts.c.username == username)
        return conn.execute(query).mappings().one()


def test_the_stored_hash_is_argon2_not_the_password_and_verifies(engine):
    add_user(engine, "ana", PASSWORD, "coordinador", ["01"])
    hashed = stored(engine, "ana")["password_hash"]
    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed
    assert PasswordHasher().verify(hashed, PASSWORD)


def test_the_right_password_gives_the_accounts_identity_whatever_the_case_of_the_name(engine):
    add_user(engine, "Ana.Perez", PASSWORD, "coordinador", ["1", "09"])
    assert login(engine, "  ANA.perez ", PASSWORD) == Identity(
        "ana.perez", "coordinador", frozenset({"01", "09"}), "local"
    )


def test_an_admin_has_every_region_and_no_regions_means_every_region(engine):
    add_user(engine, "jefa", PASSWORD, "admin", ["01"])
    add_user(engine, "todo", PASSWORD, "coordinador")
    assert login(engine, "jefa", PASSWORD).regions is None
    assert login(engine, "todo", PASSWORD).regions is None


def test_a_wrong_password_and_an_unknown_user_are_refused_with_the_same_message(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    wrong = refusal(engine, "ana", "no-es-la-clave")
    assert wrong == "Usuario o clave incorrectos."
    assert refusal(engine, "nadie", PASSWORD) == wrong
    assert refusal(engine, "", "") == wrong


def test_the_account_locks_after_n_failures_even_for_the_right_password_then_opens(engine):
    add_user(engine, "ana", PASSWORD, "coordinador", ["01"])
    for minute in (0, 1):
        assert refusal(engine, "ana", "equivocada", T0 + dt.timedelta(minutes=minute)) != LOCKED
    assert refusal(engine, "ana", "equivocada") == LOCKED
    assert refusal(engine, "ana", PASSWORD, T0 + dt.timedelta(minutes=14, seconds=59)) == LOCKED
    assert login(engine, "ana", PASSWORD, T0 + dt.timedelta(minutes=15)).name == "ana"
    assert (stored(engine, "ana")["failed_attempts"], stored(engine, "ana")["locked_until"]) == (
        0,
        None,
    )


def test_after_a_lockout_ends_the_user_gets_n_tries_again(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    for _ in range(3):
        refusal(engine, "ana", "equivocada")
    later = T0 + dt.timedelta(minutes=20)
    assert refusal(engine, "ana", "equivocada", later) == "Usuario o clave incorrectos."
    assert refusal(engine, "ana", "equivocada", later) == "Usuario o clave incorrectos."
    assert refusal(engine, "ana", "equivocada", later) == LOCKED.replace("12:15", "12:35")


def test_unknown_users_are_never_locked(engine):
    for _ in range(4):
        assert refusal(engine, "nadie", "equivocada") == "Usuario o clave incorrectos."


def test_a_success_resets_the_failure_count(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    refusal(engine, "ana", "equivocada")
    refusal(engine, "ana", "equivocada")
    login(engine, "ana", PASSWORD)
    assert stored(engine, "ana")["failed_attempts"] == 0
    refusal(engine, "ana", "equivocada")
    assert refusal(engine, "ana", "equivocada") == "Usuario o clave incorrectos."


def test_a_hash_with_outdated_parameters_is_replaced_at_the_next_login(engine, monkeypatch):
    monkeypatch.setattr(local_accounts, "_hasher", PasswordHasher())  # the real parameters
    add_user(engine, "ana", PASSWORD, "lector")
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with engine.begin() as conn:
        conn.execute(sa.update(accounts).values(password_hash=weak))
    login(engine, "ana", PASSWORD)
    renewed = stored(engine, "ana")["password_hash"]
    assert renewed != weak
    assert not PasswordHasher().check_needs_rehash(renewed)
    assert login(engine, "ana", PASSWORD).name == "ana"


def test_set_password_replaces_the_old_one_and_lifts_a_lockout(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    for _ in range(3):
        refusal(engine, "ana", "equivocada")
    set_password(engine, "ANA", "otra-clave-bien-larga", by="cli:operadora")
    assert refusal(engine, "ana", PASSWORD) == "Usuario o clave incorrectos."
    assert login(engine, "ana", "otra-clave-bien-larga").name == "ana"
    with engine.connect() as conn:
        logged = conn.execute(sa.select(events.c.who, events.c.action, events.c.detail)).all()
    assert ("cli:operadora", "cambiar clave", "ana") in logged


@pytest.mark.parametrize(
    ("username", "password", "role", "regions", "message"),
    [
        ("ana", "corta", "lector", None, "La clave debe tener al menos 10 caracteres."),
        ("ana", PASSWORD, "jefe", None, "rol «jefe» desconocido"),
        ("ana", PASSWORD, "coordinador", ["01", "99"], "código de región inválido «99»"),
        ("ana", PASSWORD, "coordinador", [], "la lista de regiones está vacía"),
        ("  ", PASSWORD, "lector", None, "Falta el nombre de usuario."),
        ("ana perez", PASSWORD, "lector", None, "Nombre de usuario inválido"),
    ],
    ids=["clave-corta", "rol", "region", "sin-regiones", "sin-nombre", "con-espacio"],
)
def test_a_bad_account_is_refused_in_spanish_and_not_created(
    engine, username, password, role, regions, message
):
    with pytest.raises(AccountError, match=message):
        add_user(engine, username, password, role, regions)
    assert not has_accounts(engine)


def test_a_user_name_is_taken_whatever_its_case(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    with pytest.raises(AccountError, match="Ya existe una cuenta local «ana»"):
        add_user(engine, "ANA", PASSWORD, "admin")
    assert [a.role for a in list_users(engine)] == ["lector"]


def test_changing_the_password_of_nobody_or_to_a_short_one_is_refused(engine):
    add_user(engine, "ana", PASSWORD, "lector")
    with pytest.raises(AccountError, match="No existe una cuenta local «beto»"):
        set_password(engine, "beto", PASSWORD)
    with pytest.raises(AccountError, match="al menos 10 caracteres"):
        set_password(engine, "ana", "123")


def test_accounts_are_listed_by_name_with_their_scope_and_creation_logged(engine):
    assert not has_accounts(engine)
    add_user(engine, "beto", PASSWORD, "coordinador", ["10", "09"], by="cli:operadora")
    add_user(engine, "ana", PASSWORD, "admin")
    assert has_accounts(engine)
    listed = list_users(engine)
    assert [(a.username, a.role, a.regions) for a in listed] == [
        ("ana", "admin", None),
        ("beto", "coordinador", frozenset({"09", "10"})),
    ]
    assert all(a.created_at.tzinfo is not None and a.locked_until is None for a in listed)
    with engine.connect() as conn:
        logged = conn.execute(sa.select(events.c.who, events.c.action, events.c.detail)).first()
    assert tuple(logged) == ("cli:operadora", "crear cuenta", "beto: coordinador, regiones 09, 10")


def test_a_version_1_store_gains_the_accounts_table_and_keeps_its_data(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE accounts"))
        conn.execute(sa.text("UPDATE meta SET value = 1 WHERE key = 'schema_version'"))
        conn.execute(sa.text("UPDATE meta SET value = 7 WHERE key = 'revision'"))
    assert upgrade(engine) == len(MIGRATIONS) == 5
    assert not has_accounts(engine)
    add_user(engine, "ana", PASSWORD, "lector")
    with engine.connect() as conn:
        revision = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'revision'"))
        assert revision.scalar_one() == 8
