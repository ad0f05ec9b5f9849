"""The store: every upload kept whole (file, report, rows), the current state and the history."""

from settings import Settings
from store.aliases import Aliases
from store.corrections import Corrections
from store.database import make_engine, revision, upgrade
from store.reads import Reads
from store.sources import Sources
from store.writes import Writes


class Store(Corrections, Sources, Aliases, Writes, Reads):
    """Uploads, their rows and the events on them, and the comuna names taught per source, in
    SQLite or PostgreSQL."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        upgrade(self.engine)

    def revision(self) -> int:
        """The revision number; it changes on every write."""
        return revision(self.engine)
