"""An upload whose file names people (names, RUT, e-mails, phones) leaves none of them anywhere
in the store: not in its tables, not in the database file, even with its activities saved."""

from pathlib import Path

import sqlalchemy as sa

from tests.store.conftest import activity_frame, admin, assert_uploads_whole, with_activities

PEOPLE = [
    ("Persona Ficticia Uno", "11.111.111-1", "persona.uno@example.cl", "+56 9 1111 1111"),
    ("Persona Ficticia Dos", "22.222.222-2", "persona.dos@example.cl", "+56 9 2222 2222"),
]
# a CSV: were the file kept, its names would sit in the database as plain text, not zipped
ATTENDANCE = "\n".join(
    [
        "Mesa de Transformación Digital de Tarapacá — Lista de asistencia",
        "Fecha de corte: 12/09/2025",
        "Comuna,DocDigital,Nombre,RUT,Correo electrónico,Teléfono",
        *(
            f"{c},En uso,{n},{r},{e},{p}"
            for c, (n, r, e, p) in zip(("Iquique", "Pica"), PEOPLE, strict=True)
        ),
    ]
).encode()
WORDS = [value for person in PEOPLE for value in person]


def every_value(engine: sa.Engine) -> str:
    """Every value of every table of the database, as text."""
    with engine.connect() as conn:
        return "\n".join(
            repr(tuple(row))
            for table in sa.inspect(engine).get_table_names()
            for row in conn.execute(sa.text(f"SELECT * FROM {table}"))
        )


def database_bytes(store) -> bytes:
    """The SQLite database as it lies on disk: its file and its write-ahead log."""
    path = Path(store.engine.url.database)
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())


def test_an_attendance_upload_keeps_its_counts_and_activities_but_no_person(store):
    assert all(word.encode() in ATTENDANCE for word in WORDS)  # the file does hold them
    prepared = store.prepare(ATTENDANCE, "asistencia_mesa.csv")
    assert prepared.result.personal_columns == 4
    rows = [
        ("Iquique", "2025-09-12", "mesa_regional", "", 1),
        ("Pica", "2025-09-12", "mesa_regional", "", 1),
    ]
    saved = store.save(with_activities(prepared, activity_frame(rows)), user=admin("ana"))
    assert (saved.rows, saved.activities) == (2, 2)
    assert list(store.activities()["participants"]) == [1, 1]
    assert store.upload(saved.upload_id)["original_kept"] is False
    stored = every_value(store.engine)
    assert "Iquique" in stored and "mesa_regional" in stored  # what was read is there
    assert [word for word in WORDS if word in stored] == []
    if store.engine.dialect.name == "sqlite":
        on_disk = database_bytes(store)
        assert b"mesa_regional" in on_disk
        assert [word for word in WORDS if word.encode() in on_disk] == []
    assert_uploads_whole(store)


def test_the_checks_find_a_name_in_a_file_that_was_kept(store):
    """A name written where the loader sees no personal column (its file is kept): the same
    checks find it, so their silence above means something."""
    plain = b"Fecha de corte: 12/09/2025\nComuna,DocDigital,Observaciones\nIquique,En uso,"
    plain += PEOPLE[0][0].encode()
    saved = store.save(store.prepare(plain, "sin_personas.csv", source="UFRO"), user=admin("ana"))
    assert store.upload(saved.upload_id)["original_kept"] is True
    assert "Persona Ficticia Uno" in every_value(store.engine)
    if store.engine.dialect.name == "sqlite":
        assert b"Persona Ficticia Uno" in database_bytes(store)
