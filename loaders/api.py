"""The loaders' Python API: one tracker file in, the normalized frame, its issues and its date out."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import BinaryIO

import pandas as pd

from loaders.dates import find_as_of, resolve_as_of
from loaders.gazetteer import gazetteer
from loaders.issues import Issue, UnreadableFile
from loaders.layout import find_table, sheet_kind
from loaders.personal import drop_personal
from loaders.readers import read_workbook
from loaders.rows import RowReader
from loaders.text import fold
from loaders.vocabulary import alternative_of, platform_label, vocabulary

COLUMNS = (
    "region_code",
    "region",
    "comuna_code",
    "comuna",
    "platform",
    "stage",
    "alternative",
    "status_raw",
    "as_of",
    "source",
    "file",
    "sheet",
    "cell",
)

Source = str | Path | bytes | bytearray | BinaryIO


@dataclass
class LoadResult:
    """What one tracker file gave: its normalized rows, every issue found, its date and source."""

    file: str
    frame: pd.DataFrame
    issues: list[Issue]
    as_of: dt.date | None
    source: str
    format: str = ""
    sheets_read: list[str] = field(default_factory=list)
    personal_columns: int = 0  # columns of personal data left out (the file itself holds them)

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity error."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def exit_code(self) -> int:
        """0 without errors, 1 with errors (the other rows are kept)."""
        return 1 if self.errors else 0

    def report(self) -> dict:
        """This file's entry of the JSON report of the data contract."""
        return {
            "file": self.file,
            "rows": len(self.frame),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "issues": [i.as_dict() for i in self.issues],
        }


def _bytes_and_name(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.read_bytes(), name or path.name
        except OSError as exc:
            raise UnreadableFile(
                name or path.name, f"no se pudo abrir el archivo: {exc.strerror}"
            ) from exc
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "archivo"
    data = source.read()
    return data, name or PurePath(getattr(source, "name", "archivo") or "archivo").name


def empty_frame() -> pd.DataFrame:
    """A normalized frame with the contract's columns and no rows."""
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    frame["as_of"] = pd.Series(dtype="datetime64[s]")
    return frame


def load(
    source: Source,
    *,
    name: str | None = None,
    as_of: dt.date | None = None,
    source_label: str | None = None,
) -> LoadResult:
    """Read one tracker (a path, bytes or a file-like object) into the normalized frame.

    Raises UnreadableFile when the file is not a spreadsheet at all; every other problem
    is an issue of the result, and the rows it does not touch are kept.
    """
    data, file = _bytes_and_name(source, name)
    workbook = read_workbook(data, file)
    vocab, places = vocabulary(), gazetteer()
    issues = list(workbook.notes)
    reader = RowReader(vocab, places, issues)
    tables = []
    for sheet in workbook.sheets:
        kind = sheet_kind(sheet.name, vocab)
        table = find_table(sheet, vocab)
        if kind is not None and (table is None or kind == "resumen"):
            issues.append(Issue("info", sheet.name, "", f"hoja de {kind}; se omite"))
            continue
        if table is None:
            if any(any(str(v).strip() for v in row) for row in sheet.rows):
                issues.append(
                    Issue(
                        "warning",
                        sheet.name,
                        "",
                        "no se encontró una tabla con una columna de comunas y columnas de "
                        "plataformas o de estado; la hoja se omite",
                    )
                )
            continue
        tables.append((sheet, table))
    if not tables and workbook.sheets:
        issues.append(
            Issue(
                "error",
                "",
                "",
                "no se encontró ninguna tabla de seguimiento: se esperaba una fila de encabezado "
                "con «Comuna» (o «Municipio») y las plataformas (DocDigital, FirmaGob, ClaveÚnica, "
                "CPAT, PISEE) o «Plataforma» y «Estado»",
            )
        )
    notes, personal_columns = drop_personal(tables, vocab)
    issues.extend(notes)
    dates = _sheet_dates(workbook.sheets, [s for s, _ in tables], as_of, issues)
    label = (
        source_label
        or _find_source(file, [t.title for _, t in tables], vocab)
        or PurePath(file).stem
    )
    parts = []
    for sheet, table in tables:
        region = places.find_region_in(sheet.name) or places.find_region_in(table.title)
        records = reader.read(sheet, table, region)
        if not records and not any(i.sheet == sheet.name for i in reader.issues):
            issues.append(Issue("warning", sheet.name, "", "la tabla no tiene filas de comunas"))
        if records:
            part = pd.DataFrame.from_records(
                records,
                columns=[
                    "region_code",
                    "comuna_code",
                    "comuna",
                    "platform",
                    "stage",
                    "status_raw",
                    "sheet",
                    "cell",
                ],
            )
            part["as_of"] = pd.Timestamp(dates[sheet.name]) if dates[sheet.name] else pd.NaT
            parts.append(part)
    frame = _assemble(parts, file, label, places, issues)
    frame = _drop_conflicts(frame, issues)
    found = sorted(d for d in dates.values() if d)
    return LoadResult(
        file=file,
        frame=frame,
        issues=issues,
        as_of=as_of or (found[-1] if found else None),
        source=label,
        format=workbook.format,
        sheets_read=[s.name for s, _ in tables],
        personal_columns=personal_columns,
    )


def _sheet_dates(all_sheets, data_sheets, given, issues: list[Issue]) -> dict[str, dt.date | None]:
    """The cut-off of each data sheet: given wins; else the sheet's own; else the workbook's."""
    found = find_as_of(all_sheets)
    workbook_date, conflicts = resolve_as_of(found)
    if given is not None:
        other = sorted({f.value for f in found if f.value != given})
        if other:
            shown = ", ".join(d.strftime("%d-%m-%Y") for d in other)
            issues.append(
                Issue(
                    "warning",
                    "",
                    "",
                    f"se usó la fecha de corte indicada ({given:%d-%m-%Y}); el archivo dice {shown}",
                )
            )
        return {s.name: given for s in data_sheets}
    dates: dict[str, dt.date | None] = {}
    for sheet in data_sheets:
        own, own_conflicts = resolve_as_of([f for f in found if f.sheet == sheet.name])
        if own_conflicts:
            _date_conflict(sheet.name, own_conflicts, issues)
        dates[sheet.name] = own or (None if own_conflicts else workbook_date)
    if any(d is None for d in dates.values()):
        if conflicts:
            _date_conflict("", conflicts, issues)
        else:
            missing = [name for name, d in dates.items() if d is None]
            issues.append(
                Issue(
                    "error",
                    missing[0] if len(missing) == 1 else "",
                    "",
                    "no se encontró la fecha de corte; se esperaba un texto como «Fecha de corte: "
                    "30/09/2025» o «Actualizado al 30 de septiembre de 2025» sobre la tabla, o "
                    "indicar la fecha al cargar el archivo",
                )
            )
    return dates


def _date_conflict(sheet: str, conflicts, issues: list[Issue]) -> None:
    shown = "; ".join(f"{f.text} ({f.sheet}!{f.cell})" for f in conflicts)
    issues.append(
        Issue(
            "error",
            sheet,
            conflicts[0].cell if sheet else "",
            f"hay fechas de corte distintas: {shown}; deje una sola o indique la fecha al cargar",
        )
    )


def _find_source(file: str, titles: list[str], vocab) -> str | None:
    for text in (PurePath(file).stem.replace("_", " "), *titles):
        found = vocab.sources.one(fold(text))
        if found:
            return found
    return None


def _assemble(
    parts: list[pd.DataFrame], file: str, label: str, places, issues: list[Issue]
) -> pd.DataFrame:
    if not parts:
        return empty_frame()
    frame = pd.concat(parts, ignore_index=True)
    regions = dict(zip(places.regions["region_code"], places.regions["region"], strict=True))
    frame["region"] = frame["region_code"].map(regions)
    frame["alternative"] = _alternatives(frame, issues)
    frame["source"] = label
    frame["file"] = file
    frame["as_of"] = frame["as_of"].astype("datetime64[s]")
    return frame[list(COLUMNS)]


def _alternatives(frame: pd.DataFrame, issues: list[Issue]) -> pd.Series:
    """Which alternative each row of stage alternativa names ("propia", "privada" or ""), from
    the words written in its cell; words naming both are a warning and stay undistinguished."""
    rows = frame[frame["stage"] == "alternativa"]
    named = rows["status_raw"].map(
        {raw: alternative_of(raw) for raw in rows["status_raw"].unique()}
    )
    for row in rows[named.isna()].itertuples():
        issues.append(
            Issue(
                "warning",
                row.sheet,
                row.cell,
                f"{platform_label(row.platform)}: «{row.status_raw}» nombra una solución propia y "
                "un proveedor privado; se leyó como solución alternativa sin distinguir cuál "
                "(escriba solo una)",
            )
        )
    chosen = pd.Series("", index=frame.index, dtype="str")
    chosen[rows.index] = named.fillna("")
    return chosen


def _drop_conflicts(frame: pd.DataFrame, issues: list[Issue]) -> pd.DataFrame:
    """Two readings of one comuna and platform at one date: agreeing ones count once,
    disagreeing ones are errors on both and neither is kept (the loader never picks one)."""
    key = ["comuna_code", "platform", "as_of"]
    repeated = frame[frame.duplicated(key, keep=False)]
    if repeated.empty:
        return frame
    labels = vocabulary().platform_labels
    drop = []
    for _, group in repeated.groupby(key, sort=False, dropna=False):
        first = group.iloc[0]
        where = f"{first['comuna']} / {labels[first['platform']]}"
        if len(group[["stage", "alternative"]].drop_duplicates()) == 1:
            for idx, row in group.iloc[1:].iterrows():
                issues.append(
                    Issue(
                        "info",
                        row["sheet"],
                        row["cell"],
                        f"{where} aparece de nuevo con el mismo estado (ya en "
                        f"{first['sheet']}!{first['cell']}); se cuenta una vez",
                    )
                )
                drop.append(idx)
            continue
        shown = " y ".join(f"«{r.status_raw}» en {r.sheet}!{r.cell}" for r in group.itertuples())
        for idx, row in group.iterrows():
            issues.append(
                Issue(
                    "error",
                    row["sheet"],
                    row["cell"],
                    f"{where} aparece más de una vez con estados distintos: {shown}; "
                    "deje una sola fila (no se carga ninguna)",
                )
            )
            drop.append(idx)
    return frame.drop(index=drop).reset_index(drop=True)


def load_many(paths: list[str | Path], **options) -> list[LoadResult | UnreadableFile]:
    """Load several files; a file that cannot be read gives its UnreadableFile instead of a result."""
    results: list[LoadResult | UnreadableFile] = []
    for path in paths:
        try:
            results.append(load(path, **options))
        except UnreadableFile as exc:
            results.append(exc)
    return results
