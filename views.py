"""Spanish tables for people: validation reports, changes against the current state, uploads,
the accompaniment's coverage, months and times."""

import datetime as dt
import re
from datetime import tzinfo

import pandas as pd

import analytics
from analytics import ADVANCE_DAYS
from charts import month_label as month_label  # the pages write months through views
from formats import DAY, day
from formats import number as number  # the pages write counts through views
from formats import percent as percent  # the pages write shares through views
from loaders import Issue
from loaders.gazetteer import gazetteer
from loaders.vocabulary import activity_label, alternative_label, platform_label, stage_label
from store.changes import CHANGE_LABELS
from store.corrections import FIELD_LABELS

SEVERITY_LABELS = {"error": "Error", "warning": "Aviso", "info": "Nota"}
REPORT_COLUMNS = {
    "severity": "Gravedad",
    "sheet": "Hoja",
    "cell": "Celda",
    "found": "Encontrado",
    "expected": "Esperado",
    "message": "Mensaje",
}
"""An issue's keys (Issue.as_dict) and the report's headers, in the order shown."""
_LATER_KEYS = ("found", "expected")  # reports stored before these existed lack them


def report_table(issues: list[Issue] | list[dict]) -> pd.DataFrame:
    """A validation report as a table with Spanish headers, errors first; «Encontrado» and
    «Esperado» only when the issues have them (a report stored before they existed has not)."""
    rows = [i.as_dict() if isinstance(i, Issue) else i for i in issues]
    keys = [k for k in REPORT_COLUMNS if k not in _LATER_KEYS or any(k in r for r in rows)]
    frame = pd.DataFrame(rows, columns=keys).fillna("")
    frame["order"] = frame["severity"].map({"error": 0, "warning": 1, "info": 2})
    frame = frame.sort_values("order", kind="stable")
    frame["severity"] = frame["severity"].map(SEVERITY_LABELS)
    frame = frame.drop(columns="order").rename(columns=REPORT_COLUMNS)
    return frame.reset_index(drop=True)


def changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    """Before -> after per comuna and platform, with Spanish labels; regressions are marked."""
    marks = {"retrocede": "▼ ", "avanza": "▲ ", "comuna_nueva": "★ "}
    return pd.DataFrame(
        {
            "Región": changes["region"],
            "Comuna": changes["comuna"],
            "Plataforma": changes["platform"].map(platform_label),
            "Antes": changes["before"].map(stage_label),
            "Después": changes["after"].map(stage_label),
            "Cambio": [marks.get(k, "") + CHANGE_LABELS[k] for k in changes["change"]],
        }
    )


def rows_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Normalized rows as people read them: comuna, platform, stage and alternative in Spanish,
    with their cell."""
    return pd.DataFrame(
        {
            "Región": frame["region"],
            "Comuna": frame["comuna"],
            "Código": frame["comuna_code"],
            "Plataforma": frame["platform"].map(platform_label),
            "Etapa": frame["stage"].map(stage_label),
            "Alternativa": frame["alternative"].map(alternative_label),
            "Escrito en la planilla": frame["status_raw"],
            "Fecha de corte": frame["as_of"].dt.strftime(DAY),
            "Hoja": frame["sheet"],
            "Celda": frame["cell"],
        }
    )


def uploads_table(uploads: pd.DataFrame, zone: tzinfo) -> pd.DataFrame:
    """The upload list with Spanish headers, newest first, times in that zone (TIME_ZONE)."""
    return pd.DataFrame(
        {
            "N.º": uploads["id"],
            "Archivo": uploads["file_name"],
            "Fuente": uploads["source"],
            "Fecha de corte": pd.to_datetime(uploads["as_of"]).dt.strftime(DAY),
            "Subida por": uploads["uploaded_by"],
            "Subida el": pd.to_datetime(uploads["uploaded_at"], utc=True)
            .dt.tz_convert(zone)
            .dt.strftime(f"{DAY} %H:%M"),
            "Filas": uploads["rows"],
            "Errores": uploads["errors"],
            "Avisos": uploads["warnings"],
            "Estado": uploads["active"].map({True: "Activa", False: "Retirada"}),
            "Ejemplo": uploads["is_sample"].map({True: "Sí", False: "No"}),
        }
    )


AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def changes_summary(changes: pd.DataFrame, first_real: bool) -> tuple[str, pd.DataFrame]:
    """What saving would change in the current state: the sentence, and the table of the rows
    that change (none for the first real upload, which has nothing real to compare with)."""
    if first_real:
        nothing = "nada que comparar todavía (primera carga real; los datos de ejemplo se retirarán al guardar)."
        return nothing, changes_table(changes.iloc[0:0])
    moved = changes[changes["change"] != "igual"]
    back = int((moved["change"] == "retrocede").sum())
    new = moved.loc[moved["change"] == "comuna_nueva", "comuna_code"].nunique()
    sentence = f"{len(moved)} cambios, {back} retrocesos, {new} comunas nuevas."
    return sentence, changes_table(moved)


def source_origin(own: str, suggested: str, organization: str | None) -> str:
    """Where the source offered on the upload form comes from, said to whoever uploads."""
    if own:
        return "La fuente que nombra la planilla."
    if suggested and suggested == organization:
        return "La planilla no nombra su fuente: se propone su organización."
    if suggested:
        return "La planilla no nombra su fuente: se propone la de la última carga de sus regiones."
    return "La planilla no nombra su fuente: escriba de dónde son los datos (p. ej. UFRO)."


def saved_message(saved) -> str:
    """What the upload page says once a file is saved (or was already)."""
    if saved.duplicate:
        return f"Este archivo ya estaba cargado (carga n.º {saved.upload_id})."
    message = f"Guardada como carga n.º {saved.upload_id}: {saved.rows} filas"
    message += f" y {saved.activities} actividades." if saved.activities else "."
    if saved.retired_samples:
        message += " Los datos de ejemplo se retiraron del tablero."
    return message


def upload_link(region_codes: list[str], as_of) -> dict[str, list[str] | str]:
    """The dashboard's filters (as its URL writes them) that show an upload's regions at its cut-off."""
    places = gazetteer()
    return {"region": [places.region_name(c) for c in sorted(region_codes)], "corte": day(as_of)}


def escape_markdown(text: object) -> str:
    """Text from an upload, a URL or a login made safe where Streamlit reads Markdown or HTML.

    Backslashes stop the markup; a word joiner (U+2060, invisible) stops the links Streamlit
    makes by itself of addresses, since no escape does: `http://`, `www.` and `a@b`."""
    special = "\\`*_{}[]()<>#+-.!|~$:"
    unlinked = AUTOLINK.sub("\u2060", str(text))
    return "".join("\\" + ch if ch in special else ch for ch in unlinked)


def provenance_table(profile: pd.DataFrame) -> pd.DataFrame:
    """Where each value of a comuna came from: file, sheet and cell, with its date and source."""
    return pd.DataFrame(
        {
            "Plataforma": profile["platform"].map(platform_label),
            "Etapa": profile["stage"].map(stage_label),
            "Alternativa": profile["alternative"].map(alternative_label),
            "Escrito en la planilla": profile["status_raw"],
            "Fecha de corte": pd.to_datetime(profile["as_of"]).dt.strftime(DAY),
            "Fuente": profile["source"],
            "Archivo": profile["file"],
            "Hoja": profile["sheet"],
            "Celda": profile["cell"],
        }
    )


def movements_table(moved: pd.DataFrame) -> pd.DataFrame:
    """Comunas that changed stage between two cut-offs, with Spanish labels."""
    return pd.DataFrame(
        {
            "Región": moved["region"],
            "Comuna": moved["comuna"],
            "Plataforma": moved["platform"].map(platform_label),
            "Antes": moved["before"].map(stage_label),
            "Después": moved["after"].map(stage_label),
        }
    )


EVENT_LABELS = {
    "guardar": "Guardó",
    "retirar": "Retiró",
    "restaurar": "Restauró",
    "corregir": "Corrigió",
}


def events_table(events: pd.DataFrame, zone: tzinfo) -> pd.DataFrame:
    """The audit log with Spanish headers, newest first, times in that zone (TIME_ZONE)."""
    return pd.DataFrame(
        {
            "Cuándo": pd.to_datetime(events["at"], utc=True)
            .dt.tz_convert(zone)
            .dt.strftime(f"{DAY} %H:%M:%S"),
            "Quién": events["who"],
            "Acción": events["action"].map(lambda a: EVENT_LABELS.get(a, a.capitalize())),
            "Carga": events["upload_id"].astype("Int64"),
            "Detalle": events["detail"],
        }
    )


def corrections_table(corrections: pd.DataFrame, zone: tzinfo) -> pd.DataFrame:
    """An upload's corrections with Spanish headers, oldest first, dates as people write them
    and times in that zone (TIME_ZONE)."""

    def shown(column: str) -> list[str]:
        values = zip(corrections["field"], corrections[column], strict=True)
        return [day(value) if field == "as_of" else value for field, value in values]

    return pd.DataFrame(
        {
            "Campo": corrections["field"].map(lambda f: FIELD_LABELS[f].capitalize()),
            "Antes": shown("old_value"),
            "Después": shown("new_value"),
            "Quién": corrections["who"],
            "Cuándo": pd.to_datetime(corrections["at"], utc=True)
            .dt.tz_convert(zone)
            .dt.strftime(f"{DAY} %H:%M"),
        }
    )


def freshness(frame: pd.DataFrame, as_of: dt.date | None = None) -> str:
    """The line under each title: each region's newest cut-off (one date when they all share
    it), how many comunas have older data, and the sources; with the cut-off chosen when it is
    not the newest, that the state is each comuna's last data at that date."""
    if frame.empty:
        return "Sin datos para la selección."
    sources = escape_markdown(", ".join(sorted(frame["source"].unique())))
    regions = analytics.region_dates(frame)
    dates = [pd.Timestamp(d) for d in regions["as_of"].unique()]
    at_cutoff = as_of is None or pd.Timestamp(as_of) == dates[0]
    if len(dates) == 1 and at_cutoff and not regions["older"].any():
        return f"Datos al {day(dates[0])} · {sources}"
    parts = []
    for region in regions.itertuples():
        part = f"{region.region} al {day(region.as_of)}"
        if region.older:
            part += f" ({region.older} de {region.comunas} comunas con un dato anterior)"
        parts.append(part)
    line = " · ".join(parts)
    if as_of is not None:
        line = f"Último dato de cada comuna al {day(as_of)}: {line}"
    return f"{line} · {sources}"


def age_label(as_of: dt.date, reference: dt.date) -> str:
    """How old a comuna's last data is against the cut-off shown: «dato del 30-09-2025, hace 45
    días respecto del corte», or only its date when it is of that cut-off."""
    days = (pd.Timestamp(reference) - pd.Timestamp(as_of)).days
    label = f"dato del {day(as_of)}"
    if days > 0:
        label += f", hace {days} {'día' if days == 1 else 'días'} respecto del corte"
    return label


def _listed(names: list[str]) -> str:
    """Names as a sentence lists them: «A», «A y B», «A, B y C»."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} y {names[-1]}"


def older_data_caption(comunas: pd.DataFrame, reference: dt.date) -> str:
    """For a list of comunas (analytics.comuna_dates), which of them show data older than the
    cut-off and how old, by region and date (named when up to three); empty when none."""
    older = comunas[comunas["days_behind"] > 0]
    if older.empty:
        return ""
    parts = []
    for (_, region, as_of), group in older.groupby(["region_code", "region", "as_of"], sort=True):
        days = int(group["days_behind"].iloc[0])
        who = _listed(group["comuna"].tolist()) if len(group) <= 3 else f"{len(group)} comunas"
        parts.append(
            f"en {region}, {who} con dato del {day(as_of)} "
            f"(hace {days} {'día' if days == 1 else 'días'})"
        )
    return (
        f"Último dato de cada comuna a la fecha de corte {day(reference)}: "
        + "; ".join(parts)
        + "."
    )


def _dates_line(dates: pd.Series) -> str:
    """Cut-offs as a tile says them: «Datos al 30-09-2025», «Datos al 30-09-2025 y al
    14-11-2025», or «Sin datos»."""
    known = sorted(pd.Timestamp(d) for d in pd.to_datetime(dates.dropna()).unique())
    if not known:
        return "Sin datos"
    return "Datos " + _listed([f"al {day(d)}" for d in known])


def tile_dates(tiles: pd.DataFrame) -> list[str]:
    """Each Resumen tile's (analytics.region_tiles) date: its region's newest cut-off, and for
    the total every date of its regions."""
    regions = tiles[tiles["region_code"] != analytics.TOTAL]
    return [
        _dates_line(regions["as_of"] if code == analytics.TOTAL else pd.Series([as_of]))
        for code, as_of in zip(tiles["region_code"], tiles["as_of"], strict=True)
    ]


TREND_CAPTION = (
    "Línea continua: % de comunas en uso. Línea punteada: % habilitada o más. Cada punto es una "
    "fecha de corte en que la región tuvo datos: la línea se corta donde no los tuvo, en vez de "
    "repetir su último valor."
)

day_label = day  # the pages' name for a cut-off date as people write it, as the URL carries it


MODALITY_LABELS = {"presencial": "Presencial", "remota": "Remota"}
PARTICIPANTS_HELP = (
    "Suma de los asistentes registrados. Una actividad para varias plataformas cuenta a sus "
    "asistentes una vez; una actividad para varias comunas con un solo total no se suma."
)
COVERAGE_CAPTION = (
    "Cada comuna de la región y los pasos del plan que ha tenido hasta la fecha de corte (✓); "
    "la capacitación técnica, por plataforma. La mesa regional cuenta solo en las regiones que "
    "la realizan. Pase el cursor sobre una celda para ver la fecha."
)
TO_USE_CAPTION = (
    "Mediana de días desde la primera capacitación técnica de una comuna hasta la primera fecha "
    "de corte en que la plataforma aparece habilitada (o más) y en uso, entre las comunas que "
    "llegaron (no cuentan las que ya estaban ahí al capacitarse). «Avanzaron»: su etapa subió en "
    f"los {ADVANCE_DAYS} días siguientes a la capacitación; las no capacitadas, en la ventana de "
    f"{ADVANCE_DAYS} días que empieza en la fecha mediana de las capacitaciones de esa plataforma."
)


def no_activities(later: int = 0) -> str:
    """What the accompaniment page says when the selection has no activities, and how to load them."""
    if later:
        which = (
            "La actividad de la selección es posterior"
            if later == 1
            else f"Las {later} actividades de la selección son posteriores"
        )
        return f"{which} a la fecha de corte: elija una fecha de corte más reciente en el panel lateral."
    return (
        "Todavía no hay actividades de acompañamiento para esta selección. Para verlas, cargue en "
        "«Cargar planillas» la planilla de actividades del equipo (una fila por actividad, con su "
        "fecha, comuna, actividad, plataforma y participantes) o una lista de asistencia: se "
        "cargan igual que las planillas de seguimiento."
    )


def without_use_caption(days: int, rows: pd.DataFrame) -> str:
    """What the «capacitación sin uso» list holds, and what «Sin dato» means when it appears."""
    caption = (
        f"Comunas cuya última capacitación técnica en una plataforma fue hace {days} días o más "
        "y que a la fecha de corte aún no la tienen en uso. La etapa al capacitar es el último "
        "dato a esa fecha."
    )
    if rows["stage_then"].isna().any():
        caption += (
            " «Sin dato a esa fecha»: ninguna fecha de corte anterior a la capacitación registra "
            "esa plataforma en la comuna."
        )
    if rows["stage_now"].isna().any():
        caption += " «Sin dato»: la comuna no tiene ninguna etapa registrada para esa plataforma."
    return caption


def activities_freshness(activities: pd.DataFrame, later: int = 0) -> str:
    """The line under the accompaniment's title: up to which date the activities count, from
    which sources, and how many later ones the cut-off leaves out."""
    if activities.empty:
        return "Sin actividades para la selección."
    sources = escape_markdown(", ".join(sorted(activities["source"].dropna().unique())))
    line = f"Actividades hasta el {day(activities['date'].max())} · {sources}"
    if later == 1:
        line += " · 1 posterior a la fecha de corte no se cuenta"
    elif later:
        line += f" · {later} posteriores a la fecha de corte no se cuentan"
    return line


def coverage_table(shares: pd.DataFrame) -> pd.DataFrame:
    """Per region and step of the plan, how many of its comunas had it, with Spanish headers."""
    return pd.DataFrame(
        {
            "Región": shares["region"],
            "Paso del plan": shares["step"],
            "Comunas con el paso": shares["reached"],
            "Comunas de la región": shares["comunas"],
            "% de las comunas": [
                "no aplica" if pd.isna(s) else percent(s) for s in shares["share"]
            ],
        }
    )


def monthly_table(monthly: pd.DataFrame) -> pd.DataFrame:
    """Activities per month, region and kind with their participants, with Spanish headers."""
    return pd.DataFrame(
        {
            "Mes": monthly["month"].map(month_label),
            "Región": monthly["region"],
            "Actividad": monthly["activity"].map(activity_label),
            "Actividades": monthly["activities"],
            "Participantes": monthly["participants"],
            "Sin registro de asistentes": monthly["without_headcount"],
        }
    )


def _median(days: float, comunas: int) -> str:
    """A median of days with the comunas behind it: «43 (9 comunas)», or a dash when none."""
    if not comunas:
        return "—"
    shown = number(days, 0 if float(days).is_integer() else 1)
    return f"{shown} ({comunas} {'comuna' if comunas == 1 else 'comunas'})"


def _advanced(part: int, whole: int, share: float) -> str:
    """The share that advanced with its counts: «67 % (2 de 3)», or a dash when none counts."""
    return "—" if not whole else f"{percent(share)} ({part} de {whole})"


def training_to_use_table(table: pd.DataFrame) -> pd.DataFrame:
    """Per platform, the median days from technical training to habilitada and to en uso (with
    how many comunas each), and the share that advanced within the window, trained or not, as
    text people read."""
    window = [
        "—" if not compared else f"{day(start)} a {day(end)}"
        for start, end, compared in zip(
            table["window_start"], table["window_end"], table["untrained_window"], strict=True
        )
    ]
    columns = zip(
        table["days_to_enabled"],
        table["n_to_enabled"],
        table["days_to_use"],
        table["n_to_use"],
        strict=True,
    )
    medians = [(_median(de, ne), _median(du, nu)) for de, ne, du, nu in columns]
    return pd.DataFrame(
        {
            "Plataforma": table["platform"].map(platform_label),
            "Comunas capacitadas": [number(n) for n in table["trained"]],
            "Días hasta habilitada (mediana)": [m[0] for m in medians],
            "Días hasta en uso (mediana)": [m[1] for m in medians],
            f"Capacitadas que avanzaron en {ADVANCE_DAYS} días": [
                _advanced(*values)
                for values in zip(
                    table["trained_advanced"],
                    table["trained_window"],
                    table["pct_trained_advanced"],
                    strict=True,
                )
            ],
            f"No capacitadas que avanzaron en {ADVANCE_DAYS} días": [
                _advanced(*values)
                for values in zip(
                    table["untrained_advanced"],
                    table["untrained_window"],
                    table["pct_untrained_advanced"],
                    strict=True,
                )
            ],
            "Ventana de las no capacitadas": window,
        }
    )


def comuna_activities_table(activities: pd.DataFrame) -> pd.DataFrame:
    """A comuna's activities, newest first: date, kind, platform, modality and participants."""
    rows = activities.sort_values("date", ascending=False, kind="stable")
    platform = rows["platform"].fillna("")
    return pd.DataFrame(
        {
            "Fecha": rows["date"].dt.strftime(DAY),
            "Actividad": rows["activity"].map(activity_label),
            "Plataforma": platform.map(lambda p: platform_label(p) if p else "—"),
            "Modalidad": rows["modality"].map(MODALITY_LABELS).fillna("—"),
            "Participantes": [
                "—" if pd.isna(n) else number(n) for n in rows["participants"].astype("Int64")
            ],
            "Tema": rows["topic"].fillna(""),
        }
    ).reset_index(drop=True)
