"""The store's tables (SQLAlchemy Core) and its ordered list of schema migrations."""

from collections.abc import Callable

import sqlalchemy as sa

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

files = sa.Table(
    "files",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)

uploads = sa.Table(
    "uploads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.ForeignKey("files.sha256"), nullable=False, unique=True),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("format", sa.String(10), nullable=False),
    sa.Column("source", sa.String(120), nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("uploaded_by", sa.String(120), nullable=False),
    sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("errors", sa.Integer, nullable=False),
    sa.Column("warnings", sa.Integer, nullable=False),
    sa.Column("report", sa.JSON, nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("revision", sa.BigInteger, nullable=False),
    # version 3: a file with columns of personal data is not kept (its SHA-256 and size are)
    sa.Column("original_kept", sa.Boolean, nullable=False, server_default=sa.true()),
    # version 4: how many accompaniment activities the upload brought (older ones: none)
    sa.Column("activities", sa.Integer, nullable=False, server_default=sa.text("0")),
)

observations = sa.Table(
    "observations",
    metadata,
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("comuna_code", sa.String(5), nullable=False),
    sa.Column("comuna", sa.String(80), nullable=False),
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("alternative", sa.String(10), nullable=False, server_default=""),  # version 3
    sa.Column("status_raw", sa.Text, nullable=False),
    sa.Column("as_of", sa.Date, nullable=False),
    sa.Column("sheet", sa.String(255), nullable=False),
    sa.Column("cell", sa.String(20), nullable=False),
    sa.Index("ix_observations_upload", "upload_id"),
    sa.Index("ix_observations_key", "comuna_code", "platform", "as_of"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(120), nullable=False),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("upload_id", sa.Integer, nullable=True),
    sa.Column("detail", sa.Text, nullable=False, default=""),
)


def _v1(conn: sa.Connection) -> None:
    """Version 1: uploads, their files and rows, the revision counter and the event log."""
    metadata.create_all(conn, tables=[files, uploads, observations, events])
    conn.execute(sa.insert(meta).values(key="revision", value=0))


accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("username", sa.String(120), primary_key=True),  # lower-cased
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("regions", sa.String(200), nullable=True),  # "01,09"; NULL for every region
    sa.Column("failed_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


def _v2(conn: sa.Connection) -> None:
    """Version 2: local accounts (argon2 password hashes, role, regions, lockout counter)."""
    metadata.create_all(conn, tables=[accounts])


def _v3(conn: sa.Connection) -> None:
    """Version 3: which alternative a row names (empty in older uploads), and whether an upload's
    original file was kept (older ones were)."""
    # _v1 creates the tables as they are defined now: a store made new already has these columns
    added = (
        (observations, "alternative", "VARCHAR(10) NOT NULL DEFAULT ''"),
        (uploads, "original_kept", "BOOLEAN NOT NULL DEFAULT TRUE"),
    )
    for table, column, definition in added:
        present = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
        if column not in present:
            conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {column} {definition}"))


activities = sa.Table(
    "activities",
    metadata,
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("region_code", sa.String(2), nullable=False),
    sa.Column("comuna_code", sa.String(5), nullable=False),
    sa.Column("comuna", sa.String(80), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("activity", sa.String(40), nullable=False),
    sa.Column("platform", sa.String(20), nullable=False),  # "" for an activity of no platform
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("participants", sa.Integer, nullable=True),  # a total over several comunas: none
    sa.Column("modality", sa.String(20), nullable=False),
    sa.Column("sheet", sa.String(255), nullable=False),
    sa.Column("cell", sa.String(20), nullable=False),
    sa.Index("ix_activities_upload", "upload_id"),
    sa.Index("ix_activities_key", "comuna_code", "date", "activity", "platform"),
)


def _v4(conn: sa.Connection) -> None:
    """Version 4: the accompaniment activities of each upload, and their count on the upload
    (older uploads brought none)."""
    present = {c["name"] for c in sa.inspect(conn).get_columns(uploads.name)}
    if "activities" not in present:  # a store made new by _v1 already has it
        conn.execute(
            sa.text("ALTER TABLE uploads ADD COLUMN activities INTEGER NOT NULL DEFAULT 0")
        )
    metadata.create_all(conn, tables=[activities], checkfirst=True)


comuna_aliases = sa.Table(
    "comuna_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(120), nullable=False),  # the source it was learnt for, as saved
    sa.Column("source_key", sa.String(120), nullable=False),  # that source folded, for lookups
    sa.Column("name", sa.String(255), nullable=False),  # the name as the tracker wrote it
    sa.Column("name_key", sa.String(255), nullable=False),  # that name folded, for lookups
    sa.Column("comuna_code", sa.String(5), nullable=True),  # NULL: "no es una comuna"
    sa.Column("created_by", sa.String(120), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    sa.Column("revision", sa.BigInteger, nullable=False),
    sa.Index("ix_comuna_aliases_key", "source_key", "name_key"),
)

upload_corrections = sa.Table(
    "upload_corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("upload_id", sa.ForeignKey("uploads.id"), nullable=False),
    sa.Column("field", sa.String(20), nullable=False),  # "as_of" or "source"
    sa.Column("old_value", sa.Text, nullable=False),
    sa.Column("new_value", sa.Text, nullable=False),
    sa.Column("who", sa.String(120), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_upload_corrections_upload", "upload_id"),
)


def _v5(conn: sa.Connection) -> None:
    """Version 5: the comuna aliases coordinators teach per source, and the corrections of a
    saved upload's cut-off or source (old and new values)."""
    metadata.create_all(conn, tables=[comuna_aliases, upload_corrections], checkfirst=True)


MIGRATIONS: list[Callable[[sa.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
"""Migration i upgrades the schema from version i to i + 1; append, never edit."""
