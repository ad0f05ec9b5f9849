"""The store's named errors, with Spanish messages for people."""

import sqlalchemy as sa


class StoreError(Exception):
    """Base of the store's errors; the message is Spanish and meant for people."""


class StoreUnavailable(StoreError):
    """The database cannot be reached or answered with an error."""

    @classmethod
    def from_error(cls, exc: sa.exc.DBAPIError) -> "StoreUnavailable":
        """The error for a database failure, naming it briefly."""
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return cls(
            "No se pudo acceder a la base de datos del tablero "
            f"({detail[:160]}). Intente de nuevo en unos minutos; el archivo no se ha perdido."
        )


class StoreBusy(StoreUnavailable):
    """Another writer held the store too long."""

    @classmethod
    def from_error(cls, exc: sa.exc.DBAPIError) -> "StoreBusy":
        """The error for a writer that waited too long."""
        return cls(
            "La base de datos está ocupada guardando otra carga. Intente de nuevo en unos "
            "segundos; el archivo no se ha perdido."
        )


class UploadRefused(StoreError):
    """An upload the store will not save, with the reason."""


class UnknownUpload(StoreError):
    """No upload has that number."""


class OriginalNotKept(StoreError):
    """The upload's original file held personal data, so only its rows and report were kept."""


class NotAllowed(UploadRefused):
    """The identity has no right to this write; nothing was written."""


class AliasRefused(StoreError):
    """A comuna alias the store will not keep: it would point a name at two comunas."""


class UnknownAlias(StoreError):
    """No comuna alias has that number."""
