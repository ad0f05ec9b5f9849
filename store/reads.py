"""Reading the store: the uploads, their files and reports, the audit log, the history, the
state at a cut-off and the accompaniment activities."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from loaders import COLUMNS, empty_frame
from loaders.frame import latest
from loaders.gazetteer import gazetteer
from store import activities as activity_rows
from store.database import reading
from store.errors import OriginalNotKept, UnknownUpload
from store.schema import events, files, observations, uploads


class Reads:
    """The store's reads; each sees one consistent state of the store."""

    engine: sa.Engine

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
        """The original file of an upload: its name and its bytes, exactly as uploaded;
        OriginalNotKept when it held personal data and was not kept."""
        query = (
            sa.select(uploads.c.file_name, uploads.c.original_kept, files.c.content)
            .join(files)
            .where(uploads.c.id == upload_id)
        )
        with reading(self.engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise UnknownUpload(f"no existe la carga n.º {upload_id}")
        if not row.original_kept:
            raise OriginalNotKept(
                f"el archivo original de la carga n.º {upload_id} no se guardó porque tenía "
                "columnas con datos personales; se guardaron sus filas y su informe"
            )
        return row.file_name, row.content

    def events(self) -> pd.DataFrame:
        """The event log, newest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(sa.select(events).order_by(events.c.id.desc())).mappings().all()
        return pd.DataFrame(rows, columns=[c.name for c in events.c])

    def active_kinds(self) -> tuple[bool, bool]:
        """Whether any active upload holds real data, and whether any holds sample data."""
        query = sa.select(uploads.c.is_sample).where(uploads.c.active).distinct()
        with reading(self.engine) as conn:
            kinds = set(conn.execute(query).scalars())
        return False in kinds, True in kinds

    def has_real_data(self) -> bool:
        """Whether any active upload is not sample data."""
        return self.active_kinds()[0]

    def has_sample_data(self) -> bool:
        """Whether any sample upload is active (the dashboard then says its data is fictional)."""
        return self.active_kinds()[1]

    def history(self) -> pd.DataFrame:
        """Every row of every active upload, as the contract's frame plus the upload's number."""
        return self._frame(self._active_rows())

    def current(self, as_of: dt.date | None = None) -> pd.DataFrame:
        """For each comuna and platform, the row with the newest date among active uploads (on or
        before as_of, if given); on a tie, the later upload's row: the rule of loaders.frame.latest."""
        current = latest(self.history(), as_of)
        return current.sort_values(["comuna_code", "platform"], ignore_index=True)

    def activities(self) -> pd.DataFrame:
        """The accompaniment activities of the active uploads, as the contract's activities frame
        plus the upload's number; the same activity (comuna, date, activity, platform) in several
        active uploads counts once, as the latest upload's row (each month's log repeats the
        earlier ones)."""
        with reading(self.engine) as conn:
            return activity_rows.active(conn)

    def _active_rows(self) -> sa.Subquery:
        return (
            sa.select(observations, uploads.c.source, uploads.c.file_name.label("file"))
            .join(uploads, uploads.c.id == observations.c.upload_id)
            .where(uploads.c.active)
            .subquery()
        )

    def _frame(self, rows: sa.Subquery) -> pd.DataFrame:
        query = sa.select(rows).order_by(rows.c.comuna_code, rows.c.platform, rows.c.as_of)
        with reading(self.engine) as conn:
            # in chunks: the rows as Python tuples take several times the frame's memory, and
            # at national scale all of them at once set the server's peak
            result = conn.execution_options(yield_per=_CHUNK_ROWS).execute(query)
            keys = list(result.keys())
            chunks = [_chunk_frame(keys, fetched) for fetched in result.partitions()]
        if not chunks:
            return empty_frame().assign(upload_id=pd.Series(dtype="int64"))
        frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
        regions = dict(
            zip(gazetteer().regions.region_code, gazetteer().regions.region, strict=True)
        )
        frame["region"] = frame["region_code"].map(regions)
        return frame[[*COLUMNS, "upload_id"]]


_CHUNK_ROWS = 10_000  # a block of 50 000 rows as Python tuples took ~60 MB at once


def _chunk_frame(keys: list[str], fetched: list) -> pd.DataFrame:
    """Rows of the history as a frame, its dates as dates."""
    # column by column: three times faster than handing pandas the rows
    columns = zip(*fetched, strict=True)
    frame = pd.DataFrame({key: list(next(columns)) for key in keys})
    frame["as_of"] = pd.to_datetime(frame["as_of"]).astype("datetime64[s]")
    return frame
