"""Writing to the store: an upload read, compared and saved whole, retired or restored; audited."""

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from access.identity import Identity
from loaders import COLUMNS, Issue, LoadResult, UnreadableFile, empty_frame, load
from store import activities as activity_rows
from store import changes as change_table
from store.audit import record
from store.database import reading, writing
from store.errors import NotAllowed, UnknownUpload, UploadRefused
from store.schema import files, observations, uploads
from store.scope import within_scope

_ROW_COLUMNS = [c for c in COLUMNS if c not in ("region", "source", "file")]  # the upload has those
_SAMPLES_REPLACED = "datos de ejemplo reemplazados por datos reales"


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
    given_as_of: dt.date | None = None
    """The cut-off given when it was read (None: the file's own dates)."""
    new_activities: int = 0
    """Of the activities read, how many the store does not hold yet (a monthly log repeats the
    earlier months' activities, which count once)."""
    first_real: bool = False
    """Whether only sample data is active, so this would be the first real upload (compared with
    nothing, since the samples retire when it is saved)."""
    aliases: Mapping[str, str | None] = field(default_factory=dict)
    """The comuna names taught for its source that it was read with."""

    @property
    def errors(self) -> int:
        """How many errors the validation found."""
        return len(self.result.errors) if self.result else 1

    @property
    def activities(self) -> int:
        """How many accompaniment activities were read (one per activity, comuna and platform)."""
        return len(self.result.activities) if self.result else 0


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the upload's number, and whether it was already in the store."""

    upload_id: int
    revision: int | None
    rows: int
    duplicate: bool = False
    retired_samples: int = 0
    activities: int = 0


class _AlreadySaved(Exception):
    def __init__(self, upload_id: int) -> None:
        super().__init__(upload_id)
        self.upload_id = upload_id


class Writes:
    """The store's writes: each takes the writer lock and leaves its entry in the audit log."""

    engine: sa.Engine

    def prepare(
        self, data: bytes, name: str, *, as_of: dt.date | None = None, source: str | None = None
    ) -> Prepared:
        """Read and validate an upload and compare it with the current state, without saving."""
        sha = hashlib.sha256(data).hexdigest()
        taught = self.aliases(source) if source else {}
        try:
            result = load(data, name=name, as_of=as_of, source_label=source, aliases=taught)
            if not source:
                # a file names its own source only once read: read again with that source's names
                taught = self.aliases(result.source)
                if taught:
                    result = load(data, name=name, as_of=as_of, aliases=taught)
            failure = None
        except UnreadableFile as exc:
            result, failure = None, exc.reason
        with reading(self.engine) as conn:
            duplicate = conn.execute(
                sa.select(uploads.c.id).where(uploads.c.sha256 == sha)
            ).scalar()
        frame = result.frame if result is not None else empty_frame()
        real, samples = self.active_kinds()
        # the samples retire when real data is saved: the first real upload is compared with the
        # real data only, that is with nothing
        first_real = samples and not real
        current = empty_frame() if first_real else self.current()
        table = change_table.changes(current, frame.dropna(subset=["as_of"]))
        new = 0
        if result is not None and not result.activities.empty:
            held = set() if first_real else activity_rows.keys(self.activities())
            new = len(activity_rows.keys(result.activities) - held)
        return Prepared(
            name, data, sha, result, failure, duplicate, table, as_of, new, first_real, taught
        )

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
        coordinator's scope (status and activity rows alike) are left out and listed in the
        upload's report."""
        if not user.can_upload:
            raise NotAllowed(
                f"{prepared.name}: {user.describe()} no puede guardar cargas; se necesita el rol "
                "coordinador o administrador."
            )
        if prepared.duplicate_of is not None:
            return Saved(prepared.duplicate_of, None, 0, duplicate=True)
        result = self._confirmed(prepared, as_of, source, accept_errors)
        result, refused = within_scope(result, user)
        if result.frame.empty and result.activities.empty:
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
        frame, activities = result.frame, result.activities
        # a file with personal data is not kept: only what the loader read from it, and its hash
        kept = result.personal_columns == 0
        with writing(self.engine) as (conn, rev):
            existing = conn.execute(
                sa.select(uploads.c.id).where(uploads.c.sha256 == prepared.sha256)
            ).scalar()
            if existing is not None:
                raise _AlreadySaved(existing)
            conn.execute(
                sa.insert(files).values(
                    sha256=prepared.sha256,
                    size=len(prepared.data),
                    content=prepared.data if kept else b"",
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
                    activities=len(activities),
                    errors=len(result.errors),
                    warnings=sum(i.severity == "warning" for i in result.issues),
                    report=report,
                    is_sample=is_sample,
                    active=True,
                    revision=rev,
                    original_kept=kept,
                )
                .returning(uploads.c.id)
            ).scalar_one()
            if not frame.empty:  # an upload may bring only activities
                rows = frame[_ROW_COLUMNS].assign(upload_id=upload_id, as_of=frame["as_of"].dt.date)
                conn.execute(sa.insert(observations), rows.to_dict("records"))
            activity_rows.insert(conn, upload_id, activities)
            retired = 0 if is_sample else self._retire_samples(conn, user.name, now)
            where = {"upload_id": upload_id, "at": now}
            saved = f"{prepared.name}: {len(frame)} filas"
            if not activities.empty:
                saved += f", {len(activities)} actividades"
            record(conn, user.name, "guardar", saved, **where)
            if refused:
                cells = ", ".join(f"{i.sheet}!{i.cell}" for i in refused)
                detail = f"{len(refused)} filas fuera de sus regiones: {cells}"
                record(conn, user.name, "rechazar filas", detail, **where)
        return Saved(
            upload_id, rev, len(frame), retired_samples=retired, activities=len(activities)
        )

    def _confirmed(
        self, prepared: Prepared, as_of: dt.date | None, source: str | None, accept_errors: bool
    ) -> LoadResult:
        """The load result to save, read again when the coordinator changed its date or source,
        or the comuna names taught for its source changed; UploadRefused when it cannot be saved."""
        result = prepared.result
        if result is None:
            raise UploadRefused(f"{prepared.name}: no se puede guardar: {prepared.failure}")
        source = (source or "").strip() or None  # blanks name no source
        changed_date = as_of is not None and as_of != result.as_of
        taught = self.aliases(source or result.source)
        if changed_date or (source and source != result.source) or taught != prepared.aliases:
            # read again: a date given now clears the file's "no date" error; a date left as shown
            # is not given, so a log's undated rows or a file's conflicting dates stay errors
            result = load(
                prepared.data,
                name=prepared.name,
                as_of=as_of if changed_date else prepared.given_as_of,
                source_label=source or result.source or None,  # a source given on reading stays
                aliases=taught,
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
        undated = int(result.activities["date"].isna().sum())
        if undated:
            raise UploadRefused(
                f"{prepared.name}: {undated} actividades no tienen fecha; escríbala en la planilla "
                "antes de guardar"
            )
        if result.frame.empty and result.activities.empty:
            raise UploadRefused(f"{prepared.name}: no tiene filas ni actividades que guardar")
        if not result.source.strip():
            raise UploadRefused(
                f"{prepared.name}: la planilla no dice de qué fuente son los datos; indique la "
                "fuente (p. ej. UFRO) antes de guardar"
            )
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
                record(conn, user, "retirar", _SAMPLES_REPLACED, upload_id=upload_id, at=now)
        return len(ids)

    def log_event(self, who: str, action: str, detail: str) -> None:
        """Record an event that is not a write of data (a failed login, say) in the audit log."""
        with writing(self.engine) as (conn, _):
            record(conn, who, action, detail)

    def set_active(self, upload_id: int, active: bool, user: Identity) -> int:
        """Retire (False) or restore (True) an upload, its rows and activities with it, for an
        admin; returns the new revision."""
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
            record(
                conn, user.name, "restaurar" if active else "retirar", upload_id=upload_id, at=now
            )
        return rev
