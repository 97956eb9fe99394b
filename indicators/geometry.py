"""Points to label and click a province by: shapely's representative point, always inside the shape
(a vertex average can fall outside a curved or many-part province)."""

from __future__ import annotations

import duckdb
import pandas as pd
import shapely

from indicators.catalog import province_outlines


def representative_points(geojson: pd.Series) -> pd.DataFrame:
    """x (longitude) and y (latitude) of a point inside each GeoJSON geometry, index kept."""
    shapes = shapely.from_geojson(geojson.to_numpy())
    points = shapely.point_on_surface(shapes)
    return pd.DataFrame({"x": shapely.get_x(points), "y": shapely.get_y(points)}, index=geojson.index)


def province_points(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """Each province's point of the period (x, y), indexed by its code."""
    outlines = province_outlines(con, period).set_index("geo_code")
    return representative_points(outlines["geometry_geojson"])
