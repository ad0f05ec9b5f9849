"""The accounts' command line (`python -m access`) on an SQLite store in a tmp folder, run in
this process; one run as a child process checks the module's entry point."""

import json
import subprocess
import sys

import pytest

from settings import load_settings
from store import Store
from store.accounts import authenticate
from tests.store.conftest import ROOT, subprocess_env

PASSWORD = "caballo-bateria-grapa"


def runner(command, store_env: dict[str, str]):
    """A function that runs `python -m access ARGS` on that store in this process, stdin given."""
    env = {"SEED_SAMPLES": "0", **store_env}
    return lambda *args, stdin="": command(
        "access", "--user", "cli:operadora", *args, env=env, stdin=stdin
    )


@pytest.fixture
def data_dir(tmp_path):
    """This test's store folder."""
    return tmp_path / "datos"


@pytest.fixture
def cli(command, data_dir):
    """`python -m access` on this test's own SQLite store."""
    return runner(command, {"DATA_DIR": str(data_dir)})


def listed(cli) -> list[dict]:
    """The accounts, as `usuarios --json` gives them."""
    done = cli("usuarios", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_no_traceback(done) -> None:
    """Assert that the command said what it had to say, not Python's traceback."""
    assert "Traceback" not in done.stdout + done.stderr


def test_agregar_usuario_reads_the_password_from_stdin_and_the_account_logs_in(cli, data_dir):
    done = cli(
        "agregar-usuario", "Ana", "--rol", "coordinador", "--regiones", "01,9", "--clave-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "cuenta «ana» creada: coordinador, 01, 09"
    (account,) = listed(cli)
    assert {k: account[k] for k in ("username", "role", "regions", "locked_until")} == {
        "username": "ana",
        "role": "coordinador",
        "regions": ["01", "09"],
        "locked_until": None,
    }
    assert not any("hash" in key or "clave" in key for key in account)
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    who = authenticate(store.engine, "ana", PASSWORD, attempts=5, lock_minutes=15)
    assert (who.role, who.regions, who.via) == ("coordinador", frozenset({"01", "09"}), "local")
    store.engine.dispose()


def test_cambiar_clave_changes_the_password_and_usuarios_lists_the_accounts(cli, data_dir):
    cli("agregar-usuario", "ana", "--rol", "admin", "--clave-stdin", stdin=PASSWORD)
    changed = cli("cambiar-clave", "ANA", "--clave-stdin", stdin="otra-clave-bien-larga\n")
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.strip() == "clave de «ana» cambiada"
    table = cli("usuarios")
    assert table.returncode == 0
    assert table.stdout.splitlines()[1].split()[:3] == ["ana", "admin", "todas"]
    store = Store(load_settings({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}))
    assert authenticate(
        store.engine, "ana", "otra-clave-bien-larga", attempts=5, lock_minutes=15
    ).is_admin
    assert store.events()[["who", "action"]].values.tolist() == [
        ["cli:operadora", "cambiar clave"],
        ["cli:operadora", "crear cuenta"],
    ]
    store.engine.dispose()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["agregar-usuario", "ana", "--rol", "lector", "--clave-stdin"], "corta\n", "La clave debe tener al menos 10 caracteres."),
        (["agregar-usuario", "ana", "--rol", "lector", "--clave-stdin"], "", "No se recibió ninguna clave por la entrada estándar."),
        (["agregar-usuario", "ana", "--rol", "coordinador", "--regiones", "01,99", "--clave-stdin"], PASSWORD, "código de región inválido «99»"),
        (["agregar-usuario", "ana", "--rol", "jefe", "--clave-stdin"], PASSWORD, "--rol: opción 'jefe' inválida"),
        (["agregar-usuario", "--clave-stdin"], PASSWORD, "faltan los argumentos: NOMBRE, --rol"),
        (["cambiar-clave", "nadie", "--clave-stdin"], PASSWORD, "No existe una cuenta local «nadie»."),
        (["borrar-todo"], "", "ORDEN: opción 'borrar-todo' inválida"),
    ],
    ids=["clave-corta", "sin-clave", "region", "rol", "sin-nombre", "usuario-desconocido", "orden"],
)  # fmt: skip
def test_bad_arguments_exit_2_with_a_spanish_message_and_nothing_created(cli, args, stdin, message):
    done = cli(*args, stdin=stdin)
    assert done.returncode == 2
    assert message in done.stderr
    assert_no_traceback(done)
    assert listed(cli) == []


def test_an_existing_user_is_not_created_twice(cli):
    cli("agregar-usuario", "ana", "--rol", "lector", "--clave-stdin", stdin=PASSWORD)
    again = cli("agregar-usuario", "Ana", "--rol", "admin", "--clave-stdin", stdin=PASSWORD)
    assert (again.returncode, again.stderr.strip()) == (2, "Ya existe una cuenta local «ana».")
    assert [a["role"] for a in listed(cli)] == ["lector"]


def test_a_store_that_cannot_be_reached_exits_1_without_a_traceback(command):
    unreachable = runner(command, {"DATABASE_URL": "postgresql://nadie@127.0.0.1:9/tablero"})
    for args in (["usuarios"], ["agregar-usuario", "ana", "--rol", "lector", "--clave-stdin"]):
        done = unreachable(*args, stdin=PASSWORD)
        assert done.returncode == 1
        assert "No se pudo acceder a la base de datos del tablero" in done.stderr
        assert_no_traceback(done)


def test_python_m_access_refuses_an_unknown_order_in_spanish(data_dir):
    done = subprocess.run(
        [sys.executable, "-m", "access", "borrar-todo"],
        cwd=ROOT,
        env=subprocess_env({"DATA_DIR": str(data_dir), "SEED_SAMPLES": "0"}),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert "ORDEN: opción 'borrar-todo' inválida" in done.stderr
    assert_no_traceback(done)
