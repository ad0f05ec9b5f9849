"""Comuna polygons of the DPA 2023 layer as a small GeoJSON for the map, and the view that fits them."""

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

# map_view leaves this share of the features' extent blank on each side, so no comuna touches the
# frame; a focused comuna is shown with its neighbours, FOCUS_MARGIN times its extent around it.
FIT_MARGIN = 0.05
FOCUS_MARGIN = 1.5

CHILE_VIEW = {"lon_range": [-76.0, -66.0], "lat_range": [-56.0, -17.0]}

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
    # d3, which draws the map, fills the inside of a ring drawn clockwise; a counter-clockwise
    # exterior ring would fill the whole world except the comuna
    shapes = shapely.orient_polygons(shapes, exterior_cw=True)
    # where each comuna's name is written: a point inside it (a centroid can fall outside a
    # coastal comuna)
    labels = shapely.point_on_surface(shapes)
    features = [
        {
            "type": "Feature",
            "bbox": [round(float(value), 4) for value in shapely.bounds(shape)],
            "properties": {
                "comuna_code": code,
                "comuna": name,
                "region_code": region,
                "label_lon": round(label.x, 4),
                "label_lat": round(label.y, 4),
            },
            "geometry": {
                "type": shape.geom_type,
                "coordinates": _coordinates(shapely.geometry.mapping(shape)["coordinates"]),
            },
        }
        for code, name, region, shape, label in zip(
            table["CUT_COM"], table["COMUNA"], table["CUT_REG"], shapes, labels, strict=True
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def _padded(bbox: list[float], margin: float) -> dict:
    """Longitude and latitude ranges around a [west, south, east, north] box, widened by margin
    times its extent."""
    west, south, east, north = bbox
    pad_x, pad_y = (east - west) * margin, (north - south) * margin
    return {
        "lon_range": [round(west - pad_x, 4), round(east + pad_x, 4)],
        "lat_range": [round(south - pad_y, 4), round(north + pad_y, 4)],
    }


def map_view(geojson: dict, focus: str | None = None) -> dict:
    """The longitude and latitude ranges that show every feature (all of Chile when there are
    none), or the focus comuna among its neighbours."""
    boxes = {f["properties"]["comuna_code"]: f["bbox"] for f in geojson["features"]}
    if focus in boxes:
        return _padded(boxes[focus], FOCUS_MARGIN)
    if not boxes:
        return CHILE_VIEW
    wests, souths, easts, norths = zip(*boxes.values(), strict=True)
    return _padded([min(wests), min(souths), max(easts), max(norths)], FIT_MARGIN)
