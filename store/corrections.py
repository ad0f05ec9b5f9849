"""Correcting a saved upload's cut-off or source: the old values kept, the change audited."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from access.identity import Identity
from settings import Settings
from store.audit import record
from store.database import reading, revision, writing
from store.errors import NotAllowed, UnknownUpload, UploadRefused
from store.schema import activities, observations, upload_corrections, uploads

FIELD_LABELS = {"as_of": "fecha de corte", "source": "fuente"}
"""How the audit log and the pages name each field that can be corrected."""

_SOURCE_LENGTH = uploads.c.source.type.length


class _Unchanged(Exception):
    """Nothing to correct: the write is rolled back so that the revision stays."""


class Corrections:
    """The store's corrections of saved uploads and their history."""

    engine: sa.Engine
    settings: Settings

    def correct_upload(
        self,
        upload_id: int,
        user: Identity,
        *,
        as_of: dt.date | None = None,
        source: str | None = None,
        today: dt.date | None = None,
    ) -> int:
        """Correct an upload's cut-off and/or source for an admin, or for the coordinator who
        uploaded it when all its rows and activities are of their regions; the new revision
        (the same one when nothing differs).

        The rows dated at the old cut-off move to the new one, so the current state and the
        history follow. An upload whose rows carry several dates (a log, each row at its own
        date) has no single cut-off to move: correcting it is refused, the file is to be fixed
        and loaded again. Activities keep their own dates. A cut-off after today (in TIME_ZONE,
        or `today` as given) is refused as a typo. Another upload with the same cut-off is no
        conflict: on a tie, the later upload's row is current, as always."""
        source = None if source is None else source.strip()
        if source is not None and not source:
            raise UploadRefused("la fuente no puede quedar vacía; escriba de dónde son los datos")
        if source is not None and len(source) > _SOURCE_LENGTH:
            raise UploadRefused(f"la fuente puede tener hasta {_SOURCE_LENGTH} caracteres")
        today = today or dt.datetime.now(self.settings.time_zone).date()
        if as_of is not None and as_of > today:
            raise UploadRefused(
                f"la fecha de corte {as_of:%d-%m-%Y} es posterior a hoy ({today:%d-%m-%Y})"
            )
        try:
            with writing(self.engine) as (conn, rev):
                row = conn.execute(sa.select(uploads).where(uploads.c.id == upload_id)).first()
                if row is None:
                    raise UnknownUpload(f"no existe la carga n.º {upload_id}")
                _check_may_correct(conn, row, user)
                changed = {
                    field: (old, new)
                    for field, old, new in (
                        ("as_of", row.as_of, as_of),
                        ("source", row.source, source),
                    )
                    if new is not None and new != old
                }
                if not changed:
                    raise _Unchanged
                if "as_of" in changed:
                    _move_cut_off(conn, row.id, *changed["as_of"])
                now = dt.datetime.now(dt.UTC)
                conn.execute(
                    sa.update(uploads)
                    .where(uploads.c.id == row.id)
                    .values(**{field: new for field, (_, new) in changed.items()}, revision=rev)
                )
                for field, (old, new) in changed.items():
                    conn.execute(
                        sa.insert(upload_corrections).values(
                            upload_id=row.id,
                            field=field,
                            old_value=_stored(old),
                            new_value=_stored(new),
                            who=user.name[:120],
                            at=now,
                        )
                    )
                    detail = f"{FIELD_LABELS[field]} {_shown(old)} → {_shown(new)}"
                    record(conn, user.name, "corregir", detail, upload_id=row.id, at=now)
            return rev
        except _Unchanged:
            return revision(self.engine)

    def may_correct(self, upload_id: int, user: Identity) -> bool:
        """Whether this identity may correct this upload (the pages show the form only then)."""
        with reading(self.engine) as conn:
            row = conn.execute(sa.select(uploads).where(uploads.c.id == upload_id)).first()
            if row is None:
                raise UnknownUpload(f"no existe la carga n.º {upload_id}")
            try:
                _check_may_correct(conn, row, user)
            except UploadRefused:
                return False
        return True

    def corrections(self, upload_id: int) -> pd.DataFrame:
        """The corrections of one upload, oldest first: field, old and new value, who and when."""
        query = (
            sa.select(upload_corrections)
            .where(upload_corrections.c.upload_id == upload_id)
            .order_by(upload_corrections.c.id)
        )
        with reading(self.engine) as conn:
            rows = conn.execute(query).mappings().all()
        return pd.DataFrame(rows, columns=[c.name for c in upload_corrections.c])


def _check_may_correct(conn: sa.Connection, row: sa.Row, user: Identity) -> None:
    """NotAllowed (or UploadRefused for sample data) unless this identity may correct it."""
    if row.is_sample:
        raise UploadRefused(
            f"la carga n.º {row.id} es de datos de ejemplo ficticios: no se corrige"
        )
    if user.is_admin:
        return
    if not user.can_upload or row.uploaded_by != user.name[:120]:  # stored at most 120 long
        raise NotAllowed(
            f"{user.describe()} no puede corregir la carga n.º {row.id}: solo la corrige quien "
            "la subió (coordinador) o un administrador"
        )
    regions = set()
    for table in (observations, activities):
        regions |= set(
            conn.execute(
                sa.select(table.c.region_code).where(table.c.upload_id == row.id).distinct()
            ).scalars()
        )
    outside = sorted(r for r in regions if not user.may_write(r))
    if outside:
        raise NotAllowed(
            f"{user.describe()} no puede corregir la carga n.º {row.id}: tiene filas de "
            f"regiones fuera de las suyas ({', '.join(outside)})"
        )


def _move_cut_off(conn: sa.Connection, upload_id: int, old: dt.date, new: dt.date) -> None:
    """Move the upload's rows from the old cut-off to the new; refused for a log's own dates."""
    dates = set(
        conn.execute(
            sa.select(observations.c.as_of).where(observations.c.upload_id == upload_id).distinct()
        ).scalars()
    )
    if dates - {old}:
        raise UploadRefused(
            f"las filas de la carga n.º {upload_id} tienen su propia fecha (es un registro o "
            "bitácora): no hay una fecha de corte que corregir; corrija las fechas en la planilla "
            "y cárguela de nuevo"
        )
    conn.execute(
        sa.update(observations)
        .where(observations.c.upload_id == upload_id, observations.c.as_of == old)
        .values(as_of=new)
    )


def _stored(value: dt.date | str) -> str:
    """A value as the corrections table keeps it: a date in ISO form, a text as written."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _shown(value: dt.date | str) -> str:
    """A value as the audit log shows it: a date as people write it, a text in quotes."""
    return f"{value:%d-%m-%Y}" if isinstance(value, dt.date) else f"«{value}»"
