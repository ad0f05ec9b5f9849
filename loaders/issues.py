"""Validation issues and the named errors of the loaders, with Spanish messages for people."""

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem or note about a tracker, located by sheet and cell: what is wrong, what the
    cell held, what was expected there and what to do. The message people read is composed from
    these parts, so a page and a downloaded report cannot say different things."""

    severity: str
    sheet: str
    cell: str
    problem: str
    expected: str = ""
    found: str = ""
    fix: str = ""

    @property
    def message(self) -> str:
        """The whole message: the problem, «se esperaba» what was expected, what to do."""
        parts = [self.problem]
        if self.expected:
            parts.append(f"se esperaba {self.expected}")
        if self.fix:
            parts.append(self.fix)
        return "; ".join(parts)

    @property
    def expectation(self) -> str:
        """What the report's «Esperado» column says: what was expected, and what to do."""
        return "; ".join(p for p in (self.expected, self.fix) if p)

    def as_dict(self) -> dict[str, str]:
        """The issue as the JSON report writes it (a report stored before «found» and
        «expected» existed has only the first four keys)."""
        return {
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "found": self.found,
            "expected": self.expectation,
        }


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
