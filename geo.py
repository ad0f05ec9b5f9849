"""Comuna polygons of the DPA 2023 layer as a small GeoJSON for the map, and the view that fits them."""

import math
from functools import cache

import pyarrow.parquet as pq
import shapely

from loaders.gazetteer import DPA_LAYER

# The packaged layer is already coarse (vertices ~2 km apart on the mainland); 0.005° (~500 m,
# about one pixel when a single region fills the map) drops near-collinear vertices only.
# Measured on regions 01, 09, 10 and 14: 320 KB as JSON, against 326 KB unsimplified; at 0.01°
# half the comunas move by ~1 km and gaps open between neighbours.
SIMPLIFY_TOLERANCE = 0.005

# Four decimals is ~11 m: far below a pixel. Snapping to this grid also removes the rocks and
# islets smaller than one cell, which no zoom of the map could show.
GRID_SIZE = 1e-4

# map_view fits the features in a map of this size (px), leaving a margin around them.
VIEWPORT = (640, 600)
FIT_MARGIN = 0.9

# Web maps draw the whole world in 512 px at zoom 0.
WORLD_PX = 512
MAX_ZOOM = 12.0

CHILE_VIEW = {"center": {"lat": -37.5, "lon": -71.5}, "zoom": 3.0}

_LAYER_COLUMNS = ["CUT_COM", "COMUNA", "CUT_REG", "geometry"]


def _coordinates(item: object) -> object:
    """GeoJSON coordinates as nested lists (shapely's mapping gives tuples)."""
    if isinstance(item, tuple | list) and item and isinstance(item[0], float | int):
        return [float(value) for value in item]
    return [_coordinates(part) for part in item]


@cache
def comunas_geojson(region_codes: tuple[str, ...]) -> dict:
    """The comunas of these regions as a GeoJSON FeatureCollection, simplified for the map."""
    table = pq.read_table(DPA_LAYER, columns=_LAYER_COLUMNS).to_pandas()
    table = table[table["CUT_REG"].isin(region_codes)].sort_values("CUT_COM")
    shapes = shapely.simplify(
        shapely.from_wkb(table["geometry"].to_numpy()), SIMPLIFY_TOLERANCE, preserve_topology=True
    )
    shapes = shapely.set_precision(shapes, GRID_SIZE)
    features = [
        {
            "type": "Feature",
            "properties": {"comuna_code": code, "comuna": name, "region_code": region},
            "geometry": {
                "type": shape.geom_type,
                "coordinates": _coordinates(shapely.geometry.mapping(shape)["coordinates"]),
            },
        }
        for code, name, region, shape in zip(
            table["CUT_COM"], table["COMUNA"], table["CUT_REG"], shapes, strict=True
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def _mercator_y(lat: float) -> float:
    """Web Mercator ordinate of a latitude, in radians."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_view(geojson: dict) -> dict:
    """Center and zoom that fit the features' bounds in the map (all of Chile when there are none)."""
    shapes = [shapely.geometry.shape(f["geometry"]) for f in geojson["features"]]
    if not shapes:
        return CHILE_VIEW
    west, south, east, north = shapely.total_bounds(shapes)
    top, bottom = _mercator_y(north), _mercator_y(south)
    center_lat = math.degrees(2 * math.atan(math.exp((top + bottom) / 2)) - math.pi / 2)
    width, height = (side * FIT_MARGIN for side in VIEWPORT)
    zoom_x = math.log2(width * 360 / (WORLD_PX * max(east - west, 1e-9)))
    zoom_y = math.log2(height * 2 * math.pi / (WORLD_PX * max(top - bottom, 1e-9)))
    return {
        "center": {"lat": round(center_lat, 4), "lon": round((west + east) / 2, 4)},
        "zoom": round(min(zoom_x, zoom_y, MAX_ZOOM), 2),
    }
