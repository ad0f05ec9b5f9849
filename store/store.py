"""The store: every upload kept whole (file, report, rows), the current state and the history."""

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from access.identity import SYSTEM, Identity
from loaders import COLUMNS, Issue, LoadResult, UnreadableFile, empty_frame, load
from loaders.gazetteer import gazetteer
from settings import Settings
from store import changes as change_table
from store.database import make_engine, reading, revision, upgrade, writing
from store.errors import NotAllowed, UnknownUpload, UploadRefused
from store.schema import events, files, observations, uploads

_ROW_COLUMNS = [
    "region_code",
    "comuna_code",
    "comuna",
    "platform",
    "stage",
    "status_raw",
    "as_of",
    "sheet",
    "cell",
]


@dataclass
class Prepared:
    """An upload read and checked, not yet saved: what the page shows before the coordinator confirms."""

    name: str
    data: bytes
    sha256: str
    result: LoadResult | None
    failure: str | None
    duplicate_of: int | None
    changes: pd.DataFrame

    @property
    def errors(self) -> int:
        """How many errors the validation found."""
        return len(self.result.errors) if self.result else 1


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the upload's number, and whether it was already in the store."""

    upload_id: int
    revision: int | None
    rows: int
    duplicate: bool = False
    retired_samples: int = 0


class _AlreadySaved(Exception):
    def __init__(self, upload_id: int) -> None:
        super().__init__(upload_id)
        self.upload_id = upload_id


class Store:
    """Uploads, their rows and the events on them, in SQLite or PostgreSQL."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        upgrade(self.engine)

    def revision(self) -> int:
        """The revision number; it changes on every write."""
        return revision(self.engine)

    def prepare(
        self, data: bytes, name: str, *, as_of: dt.date | None = None, source: str | None = None
    ) -> Prepared:
        """Read and validate an upload and compare it with the current state, without saving."""
        sha = hashlib.sha256(data).hexdigest()
        try:
            result = load(data, name=name, as_of=as_of, source_label=source)
            failure = None
        except UnreadableFile as exc:
            result, failure = None, exc.reason
        with reading(self.engine) as conn:
            duplicate = conn.execute(
                sa.select(uploads.c.id).where(uploads.c.sha256 == sha)
            ).scalar()
        frame = result.frame if result is not None else empty_frame()
        table = change_table.changes(self.current(), frame.dropna(subset=["as_of"]))
        return Prepared(name, data, sha, result, failure, duplicate, table)

    def save(
        self,
        prepared: Prepared,
        *,
        user: Identity,
        as_of: dt.date | None = None,
        source: str | None = None,
        accept_errors: bool = False,
        is_sample: bool = False,
    ) -> Saved:
        """Save a prepared upload whole, or refuse it with UploadRefused saying why: NotAllowed,
        with nothing written, for someone who may not upload; the rows of regions outside a
        coordinator's scope are left out and listed in the upload's report."""
        if not user.can_upload:
            raise NotAllowed(
                f"{prepared.name}: {user.describe()} no puede guardar cargas; se necesita el rol "
                "coordinador o administrador."
            )
        if prepared.duplicate_of is not None:
            return Saved(prepared.duplicate_of, None, 0, duplicate=True)
        result = self._confirmed(prepared, as_of, source, accept_errors)
        result, refused = within_scope(result, user)
        if result.frame.empty:
            raise NotAllowed(
                f"{prepared.name}: ninguna fila es de las regiones de {user.describe()}; "
                "no se guardó nada."
            )
        try:
            return self._insert(prepared, result, user, is_sample, refused)
        except _AlreadySaved as saved:  # the same file, saved by someone else a moment ago
            return Saved(saved.upload_id, None, 0, duplicate=True)

    def _insert(
        self,
        prepared: Prepared,
        result: LoadResult,
        user: Identity,
        is_sample: bool,
        refused: list[Issue],
    ) -> Saved:
        now = dt.datetime.now(dt.UTC)
        frame = result.frame
        with writing(self.engine) as (conn, rev):
            existing = conn.execute(
                sa.select(uploads.c.id).where(uploads.c.sha256 == prepared.sha256)
            ).scalar()
            if existing is not None:
                raise _AlreadySaved(existing)
            conn.execute(
                sa.insert(files).values(
                    sha256=prepared.sha256, size=len(prepared.data), content=prepared.data
                )
            )
            report = result.report()
            upload_id = conn.execute(
                sa.insert(uploads)
                .values(
                    sha256=prepared.sha256,
                    file_name=prepared.name[:255],
                    size=len(prepared.data),
                    format=result.format,
                    source=result.source[:120],
                    as_of=result.as_of,
                    uploaded_by=user.name[:120],
                    uploaded_at=now,
                    rows=len(frame),
                    errors=len(result.errors),
                    warnings=sum(i.severity == "warning" for i in result.issues),
                    report=report,
                    is_sample=is_sample,
                    active=True,
                    revision=rev,
                )
                .returning(uploads.c.id)
            ).scalar_one()
            rows = frame[_ROW_COLUMNS].assign(upload_id=upload_id, as_of=frame["as_of"].dt.date)
            conn.execute(sa.insert(observations), rows.to_dict("records"))
            retired = 0 if is_sample else self._retire_samples(conn, user.name, now)
            self._log(
                conn, now, user.name, "guardar", upload_id, f"{prepared.name}: {len(frame)} filas"
            )
            if refused:
                cells = ", ".join(f"{i.sheet}!{i.cell}" for i in refused)
                self._log(
                    conn,
                    now,
                    user.name,
                    "rechazar filas",
                    upload_id,
                    f"{len(refused)} filas fuera de sus regiones: {cells}"[:4000],
                )
        return Saved(upload_id, rev, len(frame), retired_samples=retired)

    def _confirmed(
        self, prepared: Prepared, as_of: dt.date | None, source: str | None, accept_errors: bool
    ) -> LoadResult:
        """The load result to save, read again when the coordinator changed its date or source;
        UploadRefused when it cannot be saved."""
        result = prepared.result
        if result is None:
            raise UploadRefused(f"{prepared.name}: no se puede guardar: {prepared.failure}")
        if (as_of and as_of != result.as_of) or (source and source != result.source):
            # read again first: a date given now clears the file's "no date" error
            result = load(
                prepared.data, name=prepared.name, as_of=as_of or result.as_of, source_label=source
            )
        if result.errors and not accept_errors:
            raise UploadRefused(
                f"{prepared.name}: tiene {len(result.errors)} errores; corríjalos o confirme que "
                "quiere guardar solo las filas válidas"
            )
        if result.as_of is None or result.frame["as_of"].isna().any():
            raise UploadRefused(
                f"{prepared.name}: falta la fecha de corte; indíquela antes de guardar"
            )
        if result.frame.empty:
            raise UploadRefused(f"{prepared.name}: no tiene filas que guardar")
        return result

    def _retire_samples(self, conn: sa.Connection, user: str, now: dt.datetime) -> int:
        """Real data replaces the fictional samples: they are retired (and can be restored)."""
        ids = (
            conn.execute(sa.select(uploads.c.id).where(uploads.c.is_sample, uploads.c.active))
            .scalars()
            .all()
        )
        if ids:
            conn.execute(sa.update(uploads).where(uploads.c.id.in_(ids)).values(active=False))
            for upload_id in ids:
                self._log(
                    conn,
                    now,
                    user,
                    "retirar",
                    upload_id,
                    "datos de ejemplo reemplazados por datos reales",
                )
        return len(ids)

    def _log(
        self,
        conn: sa.Connection,
        now: dt.datetime,
        who: str,
        action: str,
        upload_id: int | None,
        detail: str,
    ) -> None:
        conn.execute(
            sa.insert(events).values(
                at=now, who=who[:120], action=action, upload_id=upload_id, detail=detail
            )
        )

    def log_event(self, who: str, action: str, detail: str) -> None:
        """Record an event that is not a write of data (a failed login, say) in the audit log."""
        with writing(self.engine) as (conn, _):
            self._log(conn, dt.datetime.now(dt.UTC), who, action, None, detail)

    def set_active(self, upload_id: int, active: bool, user: Identity) -> int:
        """Retire (False) or restore (True) an upload, for an admin; returns the new revision."""
        if not user.is_admin:
            raise NotAllowed(
                f"{user.describe()} no puede retirar ni restaurar cargas; se necesita el rol "
                "administrador."
            )
        now = dt.datetime.now(dt.UTC)
        with writing(self.engine) as (conn, rev):
            found = conn.execute(
                sa.update(uploads)
                .where(uploads.c.id == upload_id)
                .values(active=active, revision=rev)
            ).rowcount
            if not found:
                raise UnknownUpload(f"no existe la carga n.º {upload_id}")
            self._log(conn, now, user.name, "restaurar" if active else "retirar", upload_id, "")
        return rev

    def uploads(self) -> pd.DataFrame:
        """Every upload, newest first, with its figures (without the file bytes)."""
        columns = [c for c in uploads.c if c.name != "report"]
        with reading(self.engine) as conn:
            frame = pd.DataFrame(
                conn.execute(sa.select(*columns).order_by(uploads.c.id.desc())).mappings().all()
            )
        return frame if not frame.empty else pd.DataFrame(columns=[c.name for c in columns])

    def upload(self, upload_id: int) -> dict:
        """One upload's record with its validation report."""
        with reading(self.engine) as conn:
            row = (
                conn.execute(sa.select(uploads).where(uploads.c.id == upload_id)).mappings().first()
            )
        if row is None:
            raise UnknownUpload(f"no existe la carga n.º {upload_id}")
        return dict(row)

    def original(self, upload_id: int) -> tuple[str, bytes]:
        """The original file of an upload: its name and its bytes, exactly as uploaded."""
        query = (
            sa.select(uploads.c.file_name, files.c.content)
            .join(files)
            .where(uploads.c.id == upload_id)
        )
        with reading(self.engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise UnknownUpload(f"no existe la carga n.º {upload_id}")
        return row.file_name, row.content

    def events(self) -> pd.DataFrame:
        """The event log, newest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(events).order_by(events.c.id.desc())).mappings().all()
        return pd.DataFrame(rows, columns=[c.name for c in events.c])

    def has_real_data(self) -> bool:
        """Whether any active upload is not sample data."""
        query = (
            sa.select(sa.func.count())
            .select_from(uploads)
            .where(uploads.c.active, ~uploads.c.is_sample)
        )
        with reading(self.engine) as conn:
            return conn.execute(query).scalar_one() > 0

    def history(self) -> pd.DataFrame:
        """Every row of every active upload, as the contract's frame plus the upload's number."""
        return self._frame(self._active_rows())

    def current(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """For each comuna and platform, the row with the newest date among active uploads
        (on or before as_of, if given); on a tie, the later upload's row."""
        rows = self._active_rows(as_of)
        rank = sa.func.row_number().over(
            partition_by=(rows.c.comuna_code, rows.c.platform),
            order_by=(rows.c.as_of.desc(), rows.c.upload_id.desc()),
        )
        ranked = sa.select(rows, rank.label("rank")).subquery()
        query = sa.select(*[c for c in ranked.c if c.name != "rank"]).where(ranked.c.rank == 1)
        return self._frame(query.subquery())

    def _active_rows(self, as_of: dt.date | None = None) -> sa.Subquery:
        query = (
            sa.select(observations, uploads.c.source, uploads.c.file_name.label("file"))
            .join(uploads, uploads.c.id == observations.c.upload_id)
            .where(uploads.c.active)
        )
        if as_of is not None:
            query = query.where(observations.c.as_of <= as_of)
        return query.subquery()

    def _frame(self, rows: sa.Subquery) -> pd.DataFrame:
        with reading(self.engine) as conn:
            result = conn.execute(
                sa.select(rows).order_by(rows.c.comuna_code, rows.c.platform, rows.c.as_of)
            )
            keys, fetched = list(result.keys()), result.fetchall()
        if not fetched:
            return empty_frame().assign(upload_id=pd.Series(dtype="int64"))
        # column by column: three times faster than handing pandas the rows
        columns = zip(*fetched, strict=True)
        frame = pd.DataFrame({key: list(next(columns)) for key in keys})
        regions = dict(
            zip(gazetteer().regions.region_code, gazetteer().regions.region, strict=True)
        )
        frame["region"] = frame["region_code"].map(regions)
        frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[s]")
        return frame[[*COLUMNS, "upload_id"]]


def within_scope(result: LoadResult, user: Identity) -> tuple[LoadResult, list[Issue]]:
    """The result with only the rows of the user's regions, and an error issue for each row left
    out (kept in the upload's report, so the coordinator sees which and why)."""
    frame = result.frame
    allowed = frame["region_code"].map(user.may_write).astype(bool)
    if allowed.all():
        return result, []
    refused = [
        Issue(
            "error",
            row.sheet,
            row.cell,
            f"fila rechazada: {row.comuna} es de la región {row.region}, fuera de las regiones "
            f"de {user.describe()}",
        )
        for row in frame[~allowed].itertuples()
    ]
    kept = replace(
        result, frame=frame[allowed].reset_index(drop=True), issues=[*result.issues, *refused]
    )
    return kept, refused


def seed_samples(store: Store) -> list[Saved]:
    """On an empty store, load the fictional sample trackers, marked as sample data."""
    with reading(store.engine) as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(uploads)).scalar_one():
            return []
    saved = []
    for path in sorted(Path(store.settings.samples_dir).glob("*.xlsx")):
        prepared = store.prepare(path.read_bytes(), path.name)
        saved.append(store.save(prepared, user=SYSTEM, is_sample=True))
    return saved
