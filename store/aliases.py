"""Comuna names taught per source: what a name the gazetteer does not know means in the trackers
of one source (a comuna, or no comuna at all), kept, audited and retired by an admin."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from access.identity import Identity
from loaders.gazetteer import gazetteer
from loaders.text import fold
from store.audit import record
from store.database import reading, writing
from store.errors import AliasRefused, NotAllowed, UnknownAlias
from store.schema import comuna_aliases

NOT_A_COMUNA = "no es una comuna"
"""What an alias with no comuna means, as people read it."""

ALIAS_COLUMNS = [
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


class Aliases:
    """The store's comuna aliases: one name of one source means one comuna, or none."""

    engine: sa.Engine

    def aliases(self, source: str) -> dict[str, str | None]:
        """The active aliases of a source: folded name -> comuna code (None: no comuna)."""
        query = sa.select(comuna_aliases.c.name_key, comuna_aliases.c.comuna_code).where(
            comuna_aliases.c.source_key == _key(source), comuna_aliases.c.active
        )
        with reading(self.engine) as conn:
            return {key: code for key, code in conn.execute(query)}

    def alias_table(self) -> pd.DataFrame:
        """Every alias, active and retired, newest first, with its comuna's name and region."""
        with reading(self.engine) as conn:
            rows = conn.execute(
                sa.select(comuna_aliases).order_by(comuna_aliases.c.id.desc())
            ).mappings()
            frame = pd.DataFrame(rows.all(), columns=[c.name for c in comuna_aliases.c])
        facts = gazetteer().comunas.set_index("comuna_code")
        frame["comuna"] = frame["comuna_code"].map(facts["comuna"])
        frame["region_code"] = frame["comuna_code"].map(facts["region_code"])
        # SQLite gives back the UTC time it was given without its zone
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        return frame[ALIAS_COLUMNS]

    def teach_alias(self, source: str, name: str, comuna_code: str | None, user: Identity) -> int:
        """Keep that a name in the trackers of a source means a comuna (None: no comuna), for a
        coordinator of the comuna's region or an admin; its number. AliasRefused when the name
        already means another comuna for that source, or is the name of another comuna;
        teaching the same again changes nothing."""
        name = name.strip()
        key, source_key = _key(name, 255), _key(source)
        if not key or not source_key:
            raise AliasRefused(
                "para enseñar un nombre de comuna se necesitan el nombre y la fuente"
            )
        meaning = _meaning(comuna_code)
        _check_allowed(user, comuna_code, meaning)
        _check_not_another(name, comuna_code, meaning)
        held = self._held(source_key, key)
        if held is not None and held[1] == comuna_code:
            return held[0]  # checked before writing, so that the revision stays as it is
        with writing(self.engine) as (conn, rev):
            held = self._held(source_key, key, conn)
            if held is not None:
                if held[1] == comuna_code:  # taught a moment ago by someone else
                    return held[0]
                raise AliasRefused(
                    f"para la fuente {source} ya se enseñó que {_said(held[2], held[1])}; un "
                    "administrador debe retirar esa correspondencia antes de enseñar otra"
                )
            now = dt.datetime.now(dt.UTC)
            alias_id = conn.execute(
                sa.insert(comuna_aliases)
                .values(
                    source=source[:120],
                    source_key=source_key,
                    name=name[:255],
                    name_key=key,
                    comuna_code=comuna_code,
                    created_by=user.name[:120],
                    created_at=now,
                    active=True,
                    revision=rev,
                )
                .returning(comuna_aliases.c.id)
            ).scalar_one()
            detail = f"n.º {alias_id}, fuente {source}: {_said(name, comuna_code)}"
            record(conn, user.name, "enseñar alias", detail, at=now)
        return alias_id

    def retire_alias(self, alias_id: int, user: Identity) -> int:
        """Retire an alias, for an admin: later uploads of its source no longer use it (the
        name is unknown again, and may be taught anew); returns the new revision."""
        if not user.is_admin:
            raise NotAllowed(
                f"{user.describe()} no puede retirar correspondencias de comunas; se necesita el "
                "rol administrador."
            )
        with writing(self.engine) as (conn, rev):
            row = conn.execute(
                sa.select(comuna_aliases).where(comuna_aliases.c.id == alias_id)
            ).first()
            if row is None:
                raise UnknownAlias(f"no existe la correspondencia de comuna n.º {alias_id}")
            conn.execute(
                sa.update(comuna_aliases)
                .where(comuna_aliases.c.id == alias_id)
                .values(active=False, revision=rev)
            )
            detail = f"n.º {alias_id}, fuente {row.source}: {_said(row.name, row.comuna_code)}"
            record(conn, user.name, "retirar alias", detail)
        return rev

    def _held(self, source_key: str, key: str, conn: sa.Connection | None = None) -> sa.Row | None:
        """(number, comuna code, name as taught) of the active alias of a name for a source, if
        there is one."""
        query = sa.select(
            comuna_aliases.c.id, comuna_aliases.c.comuna_code, comuna_aliases.c.name
        ).where(
            comuna_aliases.c.source_key == source_key,
            comuna_aliases.c.name_key == key,
            comuna_aliases.c.active,
        )
        if conn is not None:
            return conn.execute(query).first()
        with reading(self.engine) as own:
            return own.execute(query).first()


def _key(text: str, size: int = 120) -> str:
    return fold(text)[:size]


def _said(name: str, comuna_code: str | None) -> str:
    """What an alias says: «X» es la comuna Valdivia (14101), or «X» no es una comuna."""
    return (
        f"«{name}» {NOT_A_COMUNA}"
        if comuna_code is None
        else f"«{name}» es {_meaning(comuna_code)}"
    )


def _meaning(comuna_code: str | None) -> str:
    """The comuna an alias points at: «la comuna Valdivia (14101)», or «no es una comuna»."""
    if comuna_code is None:
        return f"«{NOT_A_COMUNA}»"
    try:
        return f"la comuna {gazetteer().comuna(comuna_code)['comuna']} ({comuna_code})"
    except KeyError:
        raise AliasRefused(f"no existe la comuna de código «{comuna_code}»") from None


def _check_allowed(user: Identity, comuna_code: str | None, meaning: str) -> None:
    """A coordinator teaches names of the comunas of their regions (and that a name is no
    comuna); an admin, any."""
    if not user.can_upload:
        raise NotAllowed(
            f"{user.describe()} no puede enseñar nombres de comunas; se necesita el rol "
            "coordinador o administrador."
        )
    if comuna_code is not None and not (user.is_admin or user.may_write(comuna_code[:2])):
        raise NotAllowed(
            f"{user.describe()} no puede enseñar nombres de {meaning}: es de una región fuera de "
            "las suyas."
        )


def _check_not_another(name: str, comuna_code: str | None, meaning: str) -> None:
    """Refuse a name that is already the official name or a known variant of another comuna:
    the gazetteer reads it as that one, and two comunas for one name is no answer."""
    scope = [comuna_code[:2]] if comuna_code else None
    found = gazetteer().match_comuna(name, scope)
    if found is None or found.kind == "fuzzy" or found.code == comuna_code:
        return
    what = f"«{name}» es el nombre de la comuna {found.name} ({found.code}), de {found.region}"
    if comuna_code is None:
        raise AliasRefused(f"{what}; no se puede marcar como «{NOT_A_COMUNA}»")
    raise AliasRefused(f"{what}; no puede ser también {meaning}")
