"""Comuna names taught per source: kept in the store, audited, applied to the next uploads of
that source only, refused when a name would mean two comunas, retired by an admin; and the
version 4 store that upgrades to version 5 with their table."""

import csv

import pytest
import sqlalchemy as sa

from access.identity import Identity
from settings import load_settings
from store import AliasRefused, NotAllowed, Store, UnknownAlias
from store.database import upgrade
from store.schema import MIGRATIONS
from tests.store.conftest import admin, tracker
from tests.store.test_activities_migration import schema

ARAUCANIA = "La Araucanía"
COORDINATOR_09 = Identity("Beto", "coordinador", frozenset({"09"}), "oidc")
COORDINATOR_14 = Identity("Carla", "coordinador", frozenset({"14"}), "oidc")
READER = Identity("Lector", "lector", None, "oidc")


def october(*names: str) -> bytes:
    """A tracker of La Araucanía cut at 31-10-2025 with one row per name, and Temuco."""
    rows = [["Temuco", "En uso", "Habilitada"], *[[n, "En uso", "En proceso"] for n in names]]
    return tracker(rows, as_of="31/10/2025", sheet=ARAUCANIA)


def november(*names: str) -> bytes:
    """Another file of the same layout, cut at 30-11-2025, with other statuses."""
    rows = [["Temuco", "En uso", "En uso"], *[[n, "Habilitada", "En uso"] for n in names]]
    return tracker(rows, as_of="30/11/2025", sheet=ARAUCANIA)


def read(prepared) -> dict[str, set[str]]:
    """comuna -> the cells read for it, of a prepared upload."""
    frame = prepared.result.frame
    return {c: set(frame.loc[frame["comuna"] == c, "cell"]) for c in frame["comuna"].unique()}


def unknown(prepared) -> list[str]:
    return [u.name for u in prepared.result.unknown_comunas]


def taught_events(store: Store) -> list[tuple[str, str, str]]:
    events = store.events()
    chosen = events[events["action"].isin(["enseñar alias", "retirar alias"])]
    return list(zip(chosen["who"], chosen["action"], chosen["detail"], strict=True))[::-1]


def test_an_alias_learnt_on_one_upload_applies_to_the_next_and_is_audited(store):
    first = store.prepare(october("Villa Imaginaria"), "ufro_octubre.xlsx")
    assert first.result.source == "UFRO"
    assert unknown(first) == ["Villa Imaginaria"]
    assert [e.cell for e in first.result.errors] == ["A5"]
    before = store.revision()
    alias_id = store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    assert store.revision() == before + 1
    assert store.aliases("UFRO") == {"villa imaginaria": "09112"}
    again = store.prepare(october("Villa Imaginaria"), "ufro_octubre.xlsx")
    assert not again.result.errors and not unknown(again)
    assert read(again)["Padre Las Casas"] == {"B5", "C5"}
    store.save(again, user=COORDINATOR_09)
    following = store.prepare(november("Villa Imaginaria"), "ufro_noviembre.xlsx")
    assert not following.result.errors
    notes = [i.message for i in following.result.issues if i.severity == "info"]
    assert (
        "«Villa Imaginaria» se leyó como la comuna Padre Las Casas (09112) por el alias enseñado "
        "para esta fuente"
    ) in notes
    saved = store.save(following, user=COORDINATOR_09)
    current = store.current().set_index(["comuna", "platform"])
    assert current.at[("Padre Las Casas", "firmagob"), "stage"] == "en_uso"
    assert current.at[("Padre Las Casas", "firmagob"), "upload_id"] == saved.upload_id
    assert taught_events(store) == [
        (
            "Beto",
            "enseñar alias",
            f"n.º {alias_id}, fuente UFRO: «Villa Imaginaria» es la comuna Padre Las Casas (09112)",
        )
    ]


def test_an_alias_is_not_used_for_another_source(store):
    store.teach_alias("UFRO", "Villa Imaginaria", "09112", admin("ana"))
    other = store.prepare(october("Villa Imaginaria"), "uach_octubre.xlsx")
    assert other.result.source == "UACh"
    assert unknown(other) == ["Villa Imaginaria"]
    given = store.prepare(october("Villa Imaginaria"), "octubre.xlsx", source="UFRO")
    assert "Padre Las Casas" in read(given) and not given.result.errors


def test_sources_are_matched_without_regard_to_case_or_accents(store):
    store.teach_alias("Gobierno Regional", "Villa Imaginaria", "09112", admin("ana"))
    assert store.aliases("GOBIERNO REGIONAL") == store.aliases("gobierno  regional") != {}


def test_a_name_taught_as_no_comuna_skips_its_row_on_the_next_prepare(store):
    store.teach_alias("UFRO", "Oficina Regional", None, COORDINATOR_09)
    prepared = store.prepare(october("Oficina Regional"), "ufro_octubre.xlsx")
    assert not prepared.result.errors and set(read(prepared)) == {"Temuco"}
    assert taught_events(store)[0][2].endswith("«Oficina Regional» no es una comuna")


def test_a_save_reads_the_file_again_with_a_name_taught_after_it_was_prepared(store):
    prepared = store.prepare(october("Villa Imaginaria"), "ufro_octubre.xlsx")
    assert prepared.errors == 1
    store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    saved = store.save(prepared, user=COORDINATOR_09)  # no error left: no need to accept errors
    assert saved.rows == 4
    assert store.upload(saved.upload_id)["errors"] == 0


def test_a_name_that_already_means_another_comuna_for_the_source_is_refused(store):
    store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    before = store.revision()
    with pytest.raises(
        AliasRefused, match="ya se enseñó que «Villa Imaginaria» es la comuna Padre"
    ):
        store.teach_alias("UFRO", "villa imaginaria", "09101", COORDINATOR_09)
    with pytest.raises(AliasRefused, match="retirar esa correspondencia"):
        store.teach_alias("UFRO", "Villa Imaginaria", None, COORDINATOR_09)
    assert store.revision() == before
    assert store.aliases("UFRO") == {"villa imaginaria": "09112"}
    assert len(taught_events(store)) == 1


def test_the_name_of_another_comuna_is_refused(store):
    with pytest.raises(AliasRefused) as refused:
        store.teach_alias("UFRO", "Temuco", "09112", COORDINATOR_09)
    assert str(refused.value) == (
        "«Temuco» es el nombre de la comuna Temuco (09101), de La Araucanía; no puede ser también "
        "la comuna Padre Las Casas (09112)"
    )
    with pytest.raises(AliasRefused, match=r"Valdivia \(14101\), de Los Ríos"):
        store.teach_alias("UFRO", "Valdivia", "09112", COORDINATOR_09)  # of another region too
    with pytest.raises(AliasRefused, match="no se puede marcar como «no es una comuna»"):
        store.teach_alias("UFRO", "Pto. Montt", None, COORDINATOR_09)  # a known variant
    assert store.aliases("UFRO") == {} and not taught_events(store)


def test_teaching_the_same_again_changes_nothing(store):
    first = store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    before = store.revision()
    assert store.teach_alias("UFRO", " VILLA imaginaria ", "09112", admin("ana")) == first
    assert store.revision() == before and len(taught_events(store)) == 1


def test_only_a_coordinator_of_the_comunas_region_or_an_admin_may_teach_it(store):
    with pytest.raises(NotAllowed, match="región fuera de las suyas"):
        store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_14)
    with pytest.raises(NotAllowed, match="se necesita el rol coordinador"):
        store.teach_alias("UFRO", "Villa Imaginaria", "09112", READER)
    with pytest.raises(AliasRefused, match="no existe la comuna de código «99999»"):
        store.teach_alias("UFRO", "Villa Imaginaria", "99999", admin("ana"))
    assert store.aliases("UFRO") == {}
    regional = Identity("Dora", "admin", frozenset({"01"}), "oidc")
    assert store.teach_alias("UFRO", "Villa Imaginaria", "09112", regional) > 0


def test_an_admin_retires_an_alias_and_the_name_is_unknown_again(store):
    alias_id = store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    with pytest.raises(NotAllowed, match="se necesita el rol administrador"):
        store.retire_alias(alias_id, COORDINATOR_09)
    with pytest.raises(UnknownAlias, match=r"n\.º 999"):
        store.retire_alias(999, admin("ana"))
    before = store.revision()
    assert store.retire_alias(alias_id, admin("ana")) > before
    assert store.aliases("UFRO") == {}
    assert unknown(store.prepare(october("Villa Imaginaria"), "ufro_octubre.xlsx")) == [
        "Villa Imaginaria"
    ]
    assert taught_events(store)[-1] == (
        "ana",
        "retirar alias",
        f"n.º {alias_id}, fuente UFRO: «Villa Imaginaria» es la comuna Padre Las Casas (09112)",
    )
    other = store.teach_alias("UFRO", "Villa Imaginaria", "09101", COORDINATOR_09)
    assert store.aliases("UFRO") == {"villa imaginaria": "09101"}
    table = store.alias_table()
    assert list(zip(table["id"], table["comuna"], table["active"], strict=True)) == [
        (other, "Temuco", True),
        (alias_id, "Padre Las Casas", False),
    ]


def test_the_alias_table_lists_every_alias_with_its_comuna_region_and_author(store):
    store.teach_alias("UFRO", "Villa Imaginaria", "09112", COORDINATOR_09)
    store.teach_alias("UACh", "Oficina Regional", None, COORDINATOR_14)
    table = store.alias_table()
    assert list(table.columns) == [
        "id",
        "source",
        "name",
        "comuna_code",
        "comuna",
        "region_code",
        "created_by",
        "created_at",
        "active",
    ]
    rows = table[["source", "name", "comuna", "region_code", "created_by"]]
    assert rows.astype(object).where(rows.notna(), None).values.tolist() == [
        ["UACh", "Oficina Regional", None, None, "Carla"],
        ["UFRO", "Villa Imaginaria", "Padre Las Casas", "09", "Beto"],
    ]
    assert str(table["created_at"].dt.tz) == "UTC"


def as_version_4(engine: sa.Engine) -> None:
    """Leave the store as version 4 left it: no tables of aliases nor of corrections."""
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE comuna_aliases"))
        conn.execute(sa.text("DROP TABLE upload_corrections"))
        conn.execute(sa.text("UPDATE meta SET value = 4 WHERE key = 'schema_version'"))


def test_a_version_4_store_upgrades_to_5_with_the_alias_table_and_keeps_its_uploads(engine, store):
    new = schema(engine)
    saved = store.save(store.prepare(october(), "ufro_octubre.xlsx"), user=admin("ana"))
    as_version_4(engine)
    assert {"comuna_aliases", "upload_corrections"}.isdisjoint(schema(engine))
    assert upgrade(engine) == len(MIGRATIONS) == 5
    assert schema(engine) == new
    assert [c[0] for c in new["comuna_aliases"]["columns"]] == [
        "id",
        "source",
        "source_key",
        "name",
        "name_key",
        "comuna_code",
        "created_by",
        "created_at",
        "active",
        "revision",
    ]
    assert store.upload(saved.upload_id)["rows"] == 2
    store.teach_alias("UFRO", "Villa Imaginaria", "09112", admin("ana"))
    assert store.aliases("UFRO") == {"villa imaginaria": "09112"}


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """The settings of a store of this test's own, on SQLite."""
    return {"DATA_DIR": str(tmp_path / "datos"), "SEED_SAMPLES": "0"}


def test_store_load_uses_the_aliases_and_the_aliases_command_lists_them(command, env, tmp_path):
    own = Store(load_settings(env))
    alias_id = own.teach_alias("UFRO", "Villa Imaginaria", "09112", admin("ana"))
    retired = own.teach_alias("UFRO", "Oficina Regional", None, admin("ana"))
    own.retire_alias(retired, admin("ana"))
    own.engine.dispose()
    path = tmp_path / "ufro_octubre.xlsx"
    path.write_bytes(october("Villa Imaginaria"))
    loaded = command("store", "--user", "operadora", "load", str(path), env=env)
    assert loaded.returncode == 0, loaded.stdout
    assert "guardado como carga n.º 1 (4 filas" in loaded.stdout
    listed = command("store", "aliases", env=env)
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(
        f"n.º {retired} · UFRO · «Oficina Regional» → no es una comuna · ana"
    )
    assert lines[0].endswith("· retirada")
    assert lines[1].startswith(
        f"n.º {alias_id} · UFRO · «Villa Imaginaria» → Padre Las Casas (09112) · ana, "
    )
    assert lines[1].endswith("· activa")
    out = tmp_path / "alias.csv"
    written = command("store", "aliases", "--csv", str(out), env=env)
    assert written.stdout.strip() == f"2 correspondencias escritas en {out}"
    with out.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[:5] == ["id", "source", "name", "comuna_code", "comuna"]
    assert [row[2:5] for row in rows] == [
        ["Oficina Regional", "", ""],
        ["Villa Imaginaria", "09112", "Padre Las Casas"],
    ]


def test_the_aliases_command_says_when_there_are_none(command, env):
    listed = command("store", "aliases", env=env)
    assert (listed.returncode, listed.stdout.strip()) == (0, "no hay nombres de comunas enseñados")
