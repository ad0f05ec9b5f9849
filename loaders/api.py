"""The loaders' Python API: one tracker file in, the normalized frame, its issues and its date out."""

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath
from typing import BinaryIO

import pandas as pd

from loaders.activities import Activity, ActivitySheets
from loaders.dates import FoundDate, find_as_of, resolve_as_of
from loaders.gazetteer import Gazetteer, gazetteer
from loaders.guard import Limits, printable, read_path, read_stream
from loaders.issues import Issue, UnreadableFile
from loaders.layout import Table, TableView, find_tables, holds_comunas, sheet_kind
from loaders.legend import Legends, split_legend
from loaders.personal import drop_personal
from loaders.readers import read_workbook
from loaders.rows import RowReader
from loaders.rows.comunas import Aliases, UnknownComuna
from loaders.rows.records import Records, frame_of, repeated_text
from loaders.sheets import Sheet, cell_ref, parse_ref
from loaders.text import PhraseTable, fold
from loaders.vocabulary import (
    Vocabulary,
    alternative_of,
    platform_label,
    read_table,
    vocabulary,
)

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

ACTIVITY_COLUMNS = (
    "region_code",
    "region",
    "comuna_code",
    "comuna",
    "date",
    "activity",
    "platform",
    "topic",
    "participants",
    "modality",
    "source",
    "file",
    "sheet",
    "cell",
)
"""The activities frame of the data contract: one row per activity x comuna x platform."""

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
    activities: pd.DataFrame = field(default_factory=lambda: empty_activities())
    unknown_comunas: list[UnknownComuna] = field(default_factory=list)
    """Each name no comuna was found for, once, where first seen (the errors say it too)."""

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity error."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def region_codes(self) -> list[str]:
        """The regions whose rows or activities this file brings, in code order."""
        codes = pd.concat([self.frame["region_code"], self.activities["region_code"]])
        return sorted(codes.dropna().unique())

    @property
    def exit_code(self) -> int:
        """0 without errors, 1 with errors (the other rows are kept)."""
        return 1 if self.errors else 0

    def report(self) -> dict:
        """This file's entry of the JSON report of the data contract."""
        return {
            "file": self.file,
            "rows": len(self.frame),
            "activities": len(self.activities),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "issues": [i.as_dict() for i in self.issues],
        }


def _bytes_and_name(source: Source, name: str | None) -> tuple[bytes, str]:
    """The file's bytes, read within the upload limit before anything else, and its name as
    people will read it (a name that is not valid UTF-8 shows replacement characters)."""
    limits = Limits.from_settings()
    if isinstance(source, str | Path):
        path = Path(source)
        shown = printable(name or path.name)
        return read_path(path, shown, limits), shown
    if isinstance(source, bytes | bytearray):
        return bytes(source), printable(name or "archivo")
    given = getattr(source, "name", None)
    shown = printable(name or (PurePath(given).name if isinstance(given, str) else "") or "archivo")
    return read_stream(source, shown, limits), shown


def empty_frame() -> pd.DataFrame:
    """A normalized frame with the contract's columns and no rows."""
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in COLUMNS})
    frame["as_of"] = pd.Series(dtype="datetime64[s]")
    return frame


def empty_activities() -> pd.DataFrame:
    """An activities frame with the contract's columns and no rows."""
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in ACTIVITY_COLUMNS})
    frame["date"] = pd.Series(dtype="datetime64[s]")
    frame["participants"] = pd.Series(dtype="Int64")
    return frame


def load(
    source: Source,
    *,
    name: str | None = None,
    as_of: dt.date | None = None,
    source_label: str | None = None,
    aliases: Aliases | None = None,
) -> LoadResult:
    """Read one tracker (a path, bytes or a file-like object) into the normalized frame.

    aliases are the comuna names taught for the file's source (folded name -> comuna code, or
    None for a name that is no comuna), consulted before the gazetteer. Raises UnreadableFile
    when the file is not a spreadsheet at all; every other problem is an issue of the result,
    and the rows it does not touch are kept.
    """
    data, file = _bytes_and_name(source, name)
    workbook = read_workbook(data, file)
    vocab, places = vocabulary(), gazetteer()
    issues = list(workbook.notes)
    legends = Legends()
    unknown: list[UnknownComuna] = []
    reader = RowReader(vocab, places, issues, legends, aliases or {}, unknown)
    logs = ActivitySheets(vocab, places, aliases, unknown)
    tables: list[tuple[TableView, str | None]] = []
    data_sheets = []
    for sheet in workbook.sheets:
        # a semáforo's legend is no data: its cells leave the sheet before tables are looked for
        sheet, legend = split_legend(sheet, vocab, issues)
        if legend is not None:
            legends.by_sheet[sheet.name] = legend
        found = _sheet_tables(sheet, vocab, places, issues, logs)
        if found:
            data_sheets.append(sheet)
            # the region: the sheet's name, else a table's own title (a stacked section), else the
            # title above the first table
            named = places.find_region_in(sheet.name)
            top = places.find_region_in(found[0].table.title)
            tables += [(t, named or places.find_region_in(t.table.title) or top) for t in found]
    if not tables and not logs and workbook.sheets:
        issues.append(
            Issue(
                "error",
                "",
                "",
                "no se encontró ninguna tabla de seguimiento",
                "una fila de encabezado con «Comuna» (o «Municipio») y las plataformas "
                "(DocDigital, FirmaGob, ClaveÚnica, CPAT, PISEE) o «Plataforma» y «Estado»; o una "
                "hoja de actividades («Fecha», «Comuna», «Actividad») o una lista de asistencia "
                "(«Nombre», «Institución»)",
            )
        )
    views = [(t.view, t.table) for t, _ in tables]
    notes, personal_columns = drop_personal([*views, *logs.tables], vocab)
    issues.extend(notes)
    found_dates = [f for f in _cut_offs(workbook.sheets, views) if not logs.owns(f)]
    dates = _sheet_dates(found_dates, views, as_of, issues)
    titles = [t.table.title for t, _ in tables] + logs.titles
    # no source named: empty, for whoever loads it to give one (a file name is not a source)
    label = (
        source_label or _labelled_source(tables, vocab) or _find_source(file, titles, vocab) or ""
    )
    parts, turned = [], []
    for found, region in tables:
        sheet, seen, named = found.view, len(issues), len(unknown)
        records = reader.read(sheet, found.table, region, dates[sheet.name])
        if found.refs:  # a transposed table: its cells named as the sheet names them
            issues[seen:] = [
                dataclasses.replace(i, cell=found.sheet_ref(i.cell)) for i in issues[seen:]
            ]
            unknown[named:] = [u._replace(cell=found.sheet_ref(u.cell)) for u in unknown[named:]]
        if not records and not any(i.sheet == sheet.name for i in reader.issues):
            issues.append(Issue("warning", sheet.name, "", "la tabla no tiene filas de comunas"))
        if records:
            parts.append(records)
            turned.append(found.refs)
    frame = _assemble(parts, turned, file, label, places, issues)
    frame = _drop_conflicts(frame, issues)
    found = sorted(d for d in dates.values() if d)
    # the cut-off given, else the trackers' own, else the one a file of activities alone says
    cut_off = as_of or (found[-1] if found else None) or resolve_as_of(found_dates)[0]
    file_date = as_of or (found[-1] if found else None)
    if any(t.table.date_col is not None for t, _ in tables) and frame["as_of"].notna().any():
        # a log's own date is its newest row's: the day the file was last written to
        file_date = frame["as_of"].max().date()
    activities = _activity_frame(logs.read(cut_off, issues), file, label, places)
    if not tables and not activities.empty:
        # a file of activities alone: its cut-off if it says one, else its newest activity's day
        file_date = cut_off or activities["date"].max().date()
    return LoadResult(
        file=file,
        frame=frame,
        issues=issues,
        as_of=file_date,
        source=label,
        format=workbook.format,
        sheets_read=[s.name for s in data_sheets],
        personal_columns=personal_columns,
        activities=activities,
        unknown_comunas=unknown,
    )


def _sheet_tables(
    sheet: Sheet, vocab: Vocabulary, places: Gazetteer, issues: list[Issue], logs: ActivitySheets
) -> list[TableView]:
    """The tracker tables of a sheet to read; a sheet without any may be an activity log or an
    attendance list (then logs keeps it); a sheet skipped says why. An instructions sheet is
    read only if it holds a table, a summary sheet only if a table of it names comunas."""
    kind = sheet_kind(sheet.name, vocab)
    found = find_tables(sheet, vocab, places)
    if kind == "resumen":
        found = [t for t in found if holds_comunas(t, places)]
        if not found:
            issues.append(Issue("info", sheet.name, "", "hoja de resumen sin comunas; se omite"))
    elif kind is not None and not found:
        issues.append(Issue("info", sheet.name, "", f"hoja de {kind}; se omite"))
    elif (
        not found
        and not logs.take(sheet)
        and any(any(str(v).strip() for v in r) for r in sheet.rows)
    ):
        issues.append(
            Issue(
                "warning",
                sheet.name,
                "",
                "no se encontró una tabla con una columna de comunas y columnas de plataformas o "
                "de estado, ni una de actividades o de asistencia; la hoja se omite",
            )
        )
    return found


def _cut_offs(all_sheets: list[Sheet], tables) -> list[FoundDate]:
    """The cut-off dates the workbook announces, but a log's own row dates."""
    logs = {sheet.name: table for sheet, table in tables if table.date_col is not None}
    return [f for f in find_as_of(all_sheets) if not _in_date_column(f, logs)]


def _sheet_dates(found, tables, given, issues: list[Issue]) -> dict[str, dt.date | None]:
    """The cut-off of each data sheet: given wins; else the sheet's own; else the workbook's. In
    a log (a table whose rows carry their own date) it dates only the rows without one."""
    logs = {sheet.name: table for sheet, table in tables if table.date_col is not None}
    workbook_date, conflicts = resolve_as_of(found)
    for name, table in logs.items():
        _note_log(name, table, given, issues)
    data_sheets = [sheet for sheet, _ in tables]
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
    # an undated log row is an error of its own (loaders.rows.reader), not of the whole sheet
    missing = [name for name, d in dates.items() if d is None and name not in logs]
    if missing:
        if conflicts:
            _date_conflict("", conflicts, issues)
        else:
            issues.append(
                Issue(
                    "error",
                    missing[0] if len(missing) == 1 else "",
                    "",
                    "no se encontró la fecha de corte",
                    "un texto como «Fecha de corte: 30/09/2025» o «Actualizado al 30 de septiembre "
                    "de 2025» sobre la tabla, o indicar la fecha al cargar el archivo",
                )
            )
    return dates


def _in_date_column(found: FoundDate, logs: dict[str, Table]) -> bool:
    """Whether a date found as a cut-off is one of a log's row dates (below a header such as
    «Fecha de actualización», which also reads as a cut-off label)."""
    table = logs.get(found.sheet)
    if table is None:
        return False
    row, col = parse_ref(found.cell)
    return col in table.date_cols and row > table.header_rows[0]


def _note_log(sheet: str, table: Table, given: dt.date | None, issues: list[Issue]) -> None:
    """Say that a sheet is read as history, by which column, and what a date given at load does."""
    header = table.headers.get(table.date_col, "")
    where = cell_ref(table.header_rows[0], table.date_col)
    message = (
        f"cada fila tiene su propia fecha («{header}»): se lee como historia, cada fila en su fecha"
    )
    if given is not None:
        message += f"; la fecha indicada ({given:%d-%m-%Y}) se usa solo en las filas sin fecha"
    issues.append(Issue("info", sheet, where, message))
    if len(table.date_cols) > 1:
        others = ", ".join(f"«{table.headers.get(c, '')}»" for c in table.date_cols[1:])
        issues.append(
            Issue(
                "warning",
                sheet,
                where,
                f"hay más de una columna con la fecha de cada fila; se usa «{header}», la primera, "
                f"y no {others}",
                fix="deje una sola o cambie el nombre de las otras",
            )
        )


def _date_conflict(sheet: str, conflicts, issues: list[Issue]) -> None:
    shown = "; ".join(f"{f.text} ({f.sheet}!{f.cell})" for f in conflicts)
    issues.append(
        Issue(
            "error",
            sheet,
            conflicts[0].cell if sheet else "",
            f"hay fechas de corte distintas: {shown}",
            fix="deje una sola o indique la fecha al cargar",
        )
    )


MAX_SOURCE = 100
"""A longer text beside «Fuente:» is a note, not the name of a source."""


@cache
def _source_labels() -> PhraseTable:
    return PhraseTable((r["phrase"], "source") for r in read_table("source_labels.csv"))


def _labelled_source(tables: list[tuple[TableView, str | None]], vocab) -> str | None:
    """The source a «Fuente: …» line above a sheet's first table names: the text after the
    label, or the cell right beside it (the update template's cell); a known source's
    words become its name («Universidad de La Frontera» is UFRO). Below a table such a line is
    a footer («Fuente: elaboración propia») and names no source."""
    seen = set()
    for found, _ in tables:
        if found.refs or found.view.name in seen:  # a turned table has no lines above it
            continue
        seen.add(found.view.name)
        for cells in found.view.rows[: found.table.header_rows[0]]:
            for c, value in enumerate(cells):
                label, _, rest = value.partition(":") if isinstance(value, str) else ("", "", "")
                if not label.strip() or _source_labels().exact(label) is None:
                    continue
                beside = cells[c + 1] if c + 1 < len(cells) else None
                named = rest.strip() or (beside.strip() if isinstance(beside, str) else "")
                if named and len(named) <= MAX_SOURCE:
                    return vocab.sources.one(fold(named)) or printable(named)
    return None


def _find_source(file: str, titles: list[str], vocab) -> str | None:
    for text in (PurePath(file).stem.replace("_", " "), *titles):
        found = vocab.sources.one(fold(text))
        if found:
            return found
    return None


def _assemble(
    parts: list[Records],
    turned: list[dict[str, str]],
    file: str,
    label: str,
    places,
    issues: list[Issue],
) -> pd.DataFrame:
    if not parts:
        return empty_frame()
    regions = dict(zip(places.regions["region_code"], places.regions["region"], strict=True))
    columns = frame_of(parts, turned, regions)
    size = len(columns["cell"])
    columns["alternative"] = _alternatives(columns, issues)
    columns["source"] = repeated_text(label, size)
    columns["file"] = repeated_text(file, size)
    return pd.DataFrame({c: columns[c] for c in COLUMNS}, copy=False)


def _activity_frame(found: list[Activity], file: str, label: str, places) -> pd.DataFrame:
    """The activities frame of the data contract for the activities read from one file."""
    if not found:
        return empty_activities()
    frame = pd.DataFrame.from_records(found, columns=Activity._fields)
    regions = dict(zip(places.regions["region_code"], places.regions["region"], strict=True))
    frame["region"] = frame["region_code"].map(regions)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[s]")
    frame["participants"] = frame["participants"].astype("Int64")
    frame["source"] = label
    frame["file"] = file
    return frame[list(ACTIVITY_COLUMNS)]


def _alternatives(columns: dict[str, pd.Series], issues: list[Issue]) -> pd.Series:
    """Which alternative each row of stage alternativa names ("propia", "privada" or ""), from
    the words written in its cell; words naming both are a warning and stay undistinguished."""
    chosen = columns["stage"] == "alternativa"
    if not chosen.any():
        return repeated_text("", len(chosen))
    rows = pd.DataFrame(
        {c: columns[c][chosen] for c in ("platform", "status_raw", "sheet", "cell")}
    )
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
                "un proveedor privado; se leyó como solución alternativa sin distinguir cuál",
                found=row.status_raw,
                fix="escriba solo una",
            )
        )
    alternative = repeated_text("", len(chosen))
    alternative[rows.index] = named.fillna("")
    return alternative


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
                    f"{where} aparece más de una vez con estados distintos{_same_day(first)}: "
                    f"{shown} (no se carga ninguna)",
                    found=row["status_raw"],
                    fix="deje una sola fila",
                )
            )
            drop.append(idx)
    return frame.drop(index=drop).reset_index(drop=True)


def _same_day(row: pd.Series) -> str:
    """The day two disagreeing rows share, for the message: in a log, rows of other days are
    history, so the day is what makes them a conflict."""
    return f" el mismo día ({row['as_of']:%d-%m-%Y})" if pd.notna(row["as_of"]) else ""


def load_many(paths: list[str | Path], **options) -> list[LoadResult | UnreadableFile]:
    """Load several files; a file that cannot be read gives its UnreadableFile instead of a result."""
    results: list[LoadResult | UnreadableFile] = []
    for path in paths:
        try:
            results.append(load(path, **options))
        except UnreadableFile as exc:
            results.append(exc)
    return results
