"""Validation issues and the named errors of the loaders, with Spanish messages for people."""

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem or note about a tracker, located by sheet and cell."""

    severity: str
    sheet: str
    cell: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The issue as the JSON report writes it."""
        return asdict(self)


class TrackerError(Exception):
    """Base of the loaders' errors; its message is Spanish and meant for people."""


class UnreadableFile(TrackerError):
    """The file cannot be read as a spreadsheet at all."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class UnknownFormat(UnreadableFile):
    """The bytes are none of the spreadsheet formats the loaders know."""
