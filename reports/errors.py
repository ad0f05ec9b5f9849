"""Why an informe could not be made, in Spanish for people and by name for code."""


class ReportError(Exception):
    """The informe could not be made; the message says why, in Spanish."""


class EmptyReport(ReportError):
    """The region has no data at the cut-off, so there is nothing to put in the informe."""

    def __init__(self, region: str) -> None:
        super().__init__(f"No hay datos de {region} para el informe.")


class UnknownFormat(ReportError):
    """The informe was asked for in a format other than PPTX or PDF."""

    def __init__(self, fmt: str, known: tuple[str, ...]) -> None:
        listed = " o ".join(f".{k}" for k in known)
        super().__init__(f"Formato de informe desconocido «{fmt}»; use {listed}.")


class ChartUnavailable(ReportError):
    """A chart could not be drawn as an image (kaleido or Chromium missing or failing)."""
