"""The audit log: who did what and when, written in the same transaction as the change."""

import datetime as dt

import sqlalchemy as sa

from store.schema import events


def record(
    conn: sa.Connection,
    who: str,
    action: str,
    detail: str = "",
    *,
    upload_id: int | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Add an entry to the audit log inside the caller's transaction."""
    conn.execute(
        sa.insert(events).values(
            at=at or dt.datetime.now(dt.UTC),
            who=who[:120],
            action=action,
            upload_id=upload_id,
            detail=detail[:4000],
        )
    )
