"""The validation report of one or more files: as JSON (data contract) or as text for people."""

import json

from loaders.api import LoadResult
from loaders.issues import UnreadableFile

SEVERITY_LABELS = {"error": "ERROR", "warning": "AVISO", "info": "NOTA"}

Outcome = LoadResult | UnreadableFile


def exit_code(outcomes: list[Outcome]) -> int:
    """2 if a file could not be read, 1 if any file had errors, else 0."""
    codes = [2 if isinstance(o, UnreadableFile) else o.exit_code for o in outcomes]
    return max(codes, default=0)


def as_json(outcomes: list[Outcome]) -> str:
    """The JSON report of the data contract."""
    files = []
    for outcome in outcomes:
        if isinstance(outcome, UnreadableFile):
            files.append(
                {
                    "file": outcome.file,
                    "rows": 0,
                    "activities": 0,
                    "as_of": None,
                    "issues": [
                        {"severity": "error", "sheet": "", "cell": "", "message": outcome.reason}
                    ],
                }
            )
        else:
            files.append(outcome.report())
    return json.dumps({"files": files}, ensure_ascii=False, indent=2)


def as_text(outcomes: list[Outcome]) -> str:
    """A readable report: one line per file, then one line per issue with its sheet and cell."""
    lines = []
    for outcome in outcomes:
        if isinstance(outcome, UnreadableFile):
            lines.append(f"{outcome.file}: no se pudo leer: {outcome.reason}")
            continue
        date = outcome.as_of.strftime("%d-%m-%Y") if outcome.as_of else "sin fecha de corte"
        counts = {s: sum(i.severity == s for i in outcome.issues) for s in SEVERITY_LABELS}
        lines.append(
            f"{outcome.file}: {len(outcome.frame)} filas, {len(outcome.activities)} actividades, "
            f"fecha de corte {date}, fuente {outcome.source or 'no indicada'}; {counts['error']} errores, "
            f"{counts['warning']} avisos"
        )
        for issue in outcome.issues:
            where = "!".join(p for p in (issue.sheet, issue.cell) if p) or "archivo"
            lines.append(f"  {SEVERITY_LABELS[issue.severity]:<6} {where}: {issue.message}")
    return "\n".join(lines)
