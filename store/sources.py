"""The source an upload's form suggests when the file names none."""

from collections.abc import Iterable

import sqlalchemy as sa

from access.identity import Identity
from store.database import reading
from store.schema import activities, observations, uploads


class Sources:
    """The store's suggestion of a source, from the person or from the uploads before."""

    engine: sa.Engine

    def suggested_source(self, user: Identity, region_codes: Iterable[str]) -> str:
        """The user's organisation (from the roles file), else the source of the newest active
        upload of real data with rows or activities of those regions, else ""."""
        if user.organization:
            return user.organization
        codes = sorted(set(region_codes))
        if not codes:
            return ""
        touching = sa.union(
            *(
                sa.select(table.c.upload_id).where(table.c.region_code.in_(codes))
                for table in (observations, activities)
            )
        ).subquery()
        query = (
            sa.select(uploads.c.source)
            .where(uploads.c.active, ~uploads.c.is_sample, uploads.c.id.in_(sa.select(touching)))
            .order_by(uploads.c.id.desc())
            .limit(1)
        )
        with reading(self.engine) as conn:
            return conn.execute(query).scalar() or ""
