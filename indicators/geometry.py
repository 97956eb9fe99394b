"""Map geometry for the pages: outlines as plotly paths (parsed from GeoJSON once per data version,
not on every rerun) and each province's points, computed at build time inside its shape
(`province_points`, etl/marts.py)."""

from __future__ import annotations

import json

import duckdb
import pandas as pd


def rings(geojson: str) -> tuple[list[float | None], list[float | None]]:
    """Exterior rings of a (Multi)Polygon as one x/y path, separated by None."""
    geometry = json.loads(geojson)
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        for x, y in polygon[0]:
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _with_paths(frame: pd.DataFrame) -> pd.DataFrame:
    paths = [rings(g) for g in frame["geometry_geojson"]]
    return frame.assign(path_x=[p[0] for p in paths], path_y=[p[1] for p in paths])


def province_outlines(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """Every province of the period: names, border lines, GeoJSON outline and its path (path_x, path_y)."""
    frame = con.execute(
        """
        SELECT p.geo_code, p.name_vi, p.name_en, s.geometry_geojson, p.border_lines
        FROM places p JOIN province_shapes s ON s.province_code = p.geo_code
        WHERE p.period = $period
        ORDER BY 1
        """,
        {"period": period},
    ).df()
    return _with_paths(frame)


def archipelago_outlines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Hoàng Sa and Trường Sa: names, GeoJSON outline and its path."""
    return _with_paths(con.execute("SELECT * FROM archipelagos").df())


def province_points(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """Each province's marker point (x, y) and its zones' point (zone_x, zone_y), by code."""
    return (
        con.execute(
            "SELECT geo_code, x, y, zone_x, zone_y FROM province_points WHERE period = $period ORDER BY 1",
            {"period": period},
        )
        .df()
        .set_index("geo_code")
    )
