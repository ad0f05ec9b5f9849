"""The roles file: people, groups, the strongest group, and every problem named with the file."""

from pathlib import Path

import pytest

from access import AccessConfig, AccessConfigError, Identity, load_access

EXAMPLE = """
[lectura]
requiere_ingreso = true

[cuentas_locales]
intentos = 3
bloqueo_minutos = 30

[[persona]]
correo = "Ana@GORE-Tarapaca.cl"
rol = "coordinador"
regiones = ["01"]

[[persona]]
correo = "jefa@subdere.cl"
rol = "admin"
regiones = ["09"]

[[grupo]]
nombre = "sgd-admins"
rol = "admin"

[[grupo]]
nombre = "coord-araucania"
rol = "coordinador"
regiones = ["09"]

[[grupo]]
nombre = "coord-los-rios"
rol = "coordinador"
regiones = ["14", "10"]

[[grupo]]
nombre = "coord-todas"
rol = "coordinador"

[[grupo]]
nombre = "lectores-tarapaca"
rol = "lector"
regiones = ["01"]
"""


def roles_file(tmp_path: Path, text: str) -> Path:
    """A roles file with that text."""
    path = tmp_path / "acceso.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config(tmp_path) -> AccessConfig:
    """The example roles file, read."""
    return load_access(roles_file(tmp_path, EXAMPLE))


def test_a_missing_file_gives_the_defaults_reading_open_and_no_people(tmp_path):
    for path in (None, tmp_path / "no-existe.toml"):
        config = load_access(path)
        assert config == AccessConfig()
        assert (config.read_requires_login, config.attempts, config.lock_minutes) == (False, 5, 15)
        assert config.identity_for("Ana", "ana@gore-tarapaca.cl", ["sgd-admins"]) == Identity(
            "Ana", "lector", frozenset(), "oidc"
        )


def test_the_reading_and_lockout_settings_are_read(config):
    assert (config.read_requires_login, config.attempts, config.lock_minutes) == (True, 3, 30)


def test_a_listed_person_is_matched_by_email_whatever_its_case_and_wins_over_groups(config):
    who = config.identity_for("Ana Tarapacá", " ana@gore-tarapaca.CL", ["sgd-admins"], "oidc")
    assert who == Identity("Ana Tarapacá", "coordinador", frozenset({"01"}), "oidc")


def test_an_admin_always_has_every_region(config):
    assert config.identity_for("Jefa", "jefa@subdere.cl", [], "oidc").regions is None


def test_a_display_name_never_matches_a_person_but_a_local_user_name_does(config):
    assert config.identity_for("jefa@subdere.cl", None, [], "oidc").role == "lector"
    assert config.identity_for("jefa@subdere.cl", None, [], "local").role == "admin"


def test_the_strongest_matching_group_wins(config):
    who = config.identity_for("Beto", "beto@x.cl", ["lectores-tarapaca", "sgd-admins", "otro"])
    assert (who.role, who.regions) == ("admin", None)


def test_groups_of_the_strongest_role_unite_their_regions_and_ignore_weaker_ones(config):
    groups = ["coord-araucania", "coord-los-rios", "lectores-tarapaca"]
    who = config.identity_for("Beto", "beto@x.cl", groups, "oidc")
    assert (who.role, who.regions) == ("coordinador", frozenset({"09", "10", "14"}))
    everywhere = config.identity_for("Beto", "beto@x.cl", ["coord-araucania", "coord-todas"])
    assert everywhere.regions is None


def test_someone_nobody_listed_is_a_reader_without_regions(config):
    who = config.identity_for("Carla", "carla@x.cl", ["otro-grupo"], "oidc")
    assert who == Identity("Carla", "lector", frozenset(), "oidc")
    assert not who.can_upload


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[persona]]\ncorreo = "a@b.cl"\nrol = "jefe"\n', "persona n.º 1 (a@b.cl): rol «jefe» desconocido; use lector, coordinador o admin"),
        ('[[persona]]\ncorreo = "a@b.cl"\n', "persona n.º 1 (a@b.cl): falta rol"),
        ('[[grupo]]\nnombre = "g"\nrol = "lector"\nregiones = ["01", "17"]\n', "grupo n.º 1 (g): código de región inválido «17»"),
        ('[[grupo]]\nnombre = "g"\nrol = "lector"\nregiones = "01"\n', "grupo n.º 1 (g): las regiones deben ser una lista"),
        ('[[grupo]]\nrol = "lector"\n', "grupo n.º 1: falta nombre"),
        ('[lectura]\nrequiere_ingreso = "sí"\n', "requiere_ingreso debe ser true o false"),
        ("[cuentas_locales]\nintentos = 0\n", "intentos debe ser un número entero mayor que 0"),
        ("[cuentas_locales]\nbloqueo_minuto = 5\n", "[cuentas_locales]: clave «bloqueo_minuto» desconocida"),
        ('[[personas]]\ncorreo = "a@b.cl"\n', "sección [personas] desconocida"),
        ('[[persona]]\ncorreo = "a@b.cl"\nrol = "lector"\n[[persona]]\ncorreo = "A@b.cl"\nrol = "admin"\n', "persona n.º 2 (A@b.cl): correo «A@b.cl» repetido"),
        ("[lectura\n", "no es TOML válido: error de sintaxis en la línea 1"),
    ],
    ids=["rol", "sin-rol", "region", "regiones-texto", "sin-nombre", "booleano", "intentos",
         "clave-desconocida", "seccion-desconocida", "repetido", "toml"],
)  # fmt: skip
def test_a_bad_roles_file_is_an_error_naming_the_file_and_the_problem(tmp_path, text, problem):
    path = roles_file(tmp_path, text)
    with pytest.raises(AccessConfigError) as raised:
        load_access(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_every_problem_of_the_file_is_listed_at_once(tmp_path):
    path = roles_file(
        tmp_path,
        '[[persona]]\ncorreo = "a@b.cl"\nrol = "jefe"\nregiones = ["99"]\n'
        '[[grupo]]\nnombre = "g"\nrol = "lector"\ncolor = "azul"\n',
    )
    with pytest.raises(AccessConfigError) as raised:
        load_access(path)
    assert str(raised.value).splitlines() == [
        f"El archivo de acceso {path} tiene 3 problemas:",
        "- persona n.º 1 (a@b.cl): rol «jefe» desconocido; use lector, coordinador o admin",
        "- persona n.º 1 (a@b.cl): código de región inválido «99»; use los códigos CUT de dos "
        "dígitos, de 01 a 16",
        "- grupo n.º 1 (g): clave «color» desconocida",
    ]


def test_a_file_that_cannot_be_read_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "acceso.toml"
    folder.mkdir()
    with pytest.raises(AccessConfigError, match="No se pudo leer el archivo de acceso"):
        load_access(folder)
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('[[persona]]\ncorreo = "ñandú@b.cl"\n'.encode("latin-1"))
    with pytest.raises(AccessConfigError, match="no está en UTF-8"):
        load_access(latin1)


def test_an_organisation_is_read_for_a_person_and_for_the_strongest_group(tmp_path):
    config = load_access(
        roles_file(
            tmp_path,
            '[[persona]]\ncorreo = "ana@ufro.cl"\nrol = "coordinador"\nregiones = ["09"]\n'
            'organizacion = " UFRO "\n'
            '[[grupo]]\nnombre = "coord-los-rios"\nrol = "coordinador"\norganizacion = "UACh"\n'
            '[[grupo]]\nnombre = "lectores"\nrol = "lector"\norganizacion = "SGD"\n',
        )
    )
    assert config.identity_for("Ana", "ana@ufro.cl").organization == "UFRO"
    assert config.identity_for("Beto", "b@x.cl", ["lectores", "coord-los-rios"]).organization == (
        "UACh"
    )
    assert config.identity_for("Carla", "c@x.cl", ["lectores"]).organization == "SGD"
    assert config.identity_for("Dora", "d@x.cl", ["otro"]).organization is None


@pytest.mark.parametrize("value", ["42", '""', '"   "', f'"{"x" * 121}"'])
def test_an_organisation_that_is_not_a_short_text_is_an_error(tmp_path, value):
    path = roles_file(
        tmp_path, f'[[persona]]\ncorreo = "a@b.cl"\nrol = "lector"\norganizacion = {value}\n'
    )
    with pytest.raises(AccessConfigError) as raised:
        load_access(path)
    assert "persona n.º 1 (a@b.cl): organizacion debe ser un texto de 1 a 120 caracteres" in str(
        raised.value
    )
