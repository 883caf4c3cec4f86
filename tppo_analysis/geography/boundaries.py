"""Province and kab/kota boundaries keyed by current Kemendagri codes, ready for plotly.

The full-detail layers are raw files (``data/raw/boundaries/``). The web layer, small enough
for an HTML report, is made here by a reproducible step (islets dropped, topology-preserving
simplification, valid geometry, clockwise exterior rings) and cached in ``data/processed/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .. import config
from .levels import level_of

if TYPE_CHECKING:  # geopandas is heavy: imported where used
    import geopandas as gpd

FULL_FILES = {
    "province": "idn_provinces_38_cahyadsn_full.geojson",
    "kabkota": "idn_kabkota_514_cahyadsn_full.geojson",
}
SIMPLIFY_TOLERANCE = 0.01  # degrees (about 1 km): ample for a national choropleth
MIN_PART_AREA_KM2 = 1.0  # islets smaller than this are dropped from the web layer
GRID_SIZE = 0.001  # degrees; coordinates of the web layer are snapped to this grid
WEB_VERSION = "2"  # bump when the simplification recipe changes; part of the cache name


class BoundaryError(ValueError):
    """Boundaries that break a guarantee (codes, validity, orientation, CRS)."""


def _level(level: str) -> str:
    lv = level_of(level)
    if lv not in FULL_FILES:
        raise BoundaryError(f"unknown level {level!r}; use 'province' or 'kabkota'")
    return lv


def full_path(level: str) -> Path:
    """Path of the raw full-detail GeoJSON of a level."""
    return config.BOUNDARIES_DIR / FULL_FILES[_level(level)]


def web_path(level: str, processed_dir: Path | None = None) -> Path:
    """Path of the web-detail GeoJSON of a level, which `tppo clean` builds."""
    return ((processed_dir or config.PROCESSED_DIR)
            / f"boundaries_{_level(level)}_web_v{WEB_VERSION}.geojson")


def build_web(level: str, processed_dir: Path | None = None) -> Path:
    """Simplify the full boundaries of a level, check them and write the web layer
    (atomically); part of `tppo clean`."""
    from ..raw.spreadsheets import write_atomic

    lv = _level(level)
    gdf = simplify(_read(full_path(lv)))
    keep = ["code", "name"] + (["province_code"] if lv == "kabkota" else []) + ["geometry"]
    check_boundaries(gdf[keep].sort_values("code").reset_index(drop=True), lv)
    path = web_path(lv, processed_dir)
    write_atomic(path, gdf.to_json(drop_id=True).encode("utf-8"))
    return path


def _web_cache(level: str) -> Path:
    """The web layer's path, built first (and said so) when `tppo clean` has not run."""
    path = web_path(level)
    if not path.exists():
        from ..clean.pipeline import say

        say(f"no web boundaries in {path.parent}; building them now (as `tppo clean` does)")
        build_web(level)
    return path


def orient_clockwise(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Exterior rings clockwise, holes counter-clockwise: what plotly's choropleth expects."""
    import shapely

    out = gdf.copy()
    out["geometry"] = shapely.orient_polygons(out.geometry.values, exterior_cw=True)
    return out


def _read(path: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd

    gdf = gpd.read_file(path, engine="pyogrio")
    gdf["code"] = gdf["code"].astype(str)
    return gdf


def simplify(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Drop islets under MIN_PART_AREA_KM2, simplify, repair, orient: the web layer."""
    import geopandas as gpd
    import shapely

    parts = gdf[["code", "geometry"]].explode(index_parts=False)
    area_km2 = parts.geometry.to_crs(6933).area / 1e6  # equal-area CRS
    largest = area_km2.groupby(level=0).transform("max")
    keep = (area_km2 >= MIN_PART_AREA_KM2) | (area_km2 == largest)  # never drop a whole area
    parts = parts[keep]
    merged = parts.dissolve(by="code", sort=True)
    geom = shapely.simplify(merged.geometry.values, SIMPLIFY_TOLERANCE, preserve_topology=True)
    geom = shapely.set_precision(geom, GRID_SIZE)  # ~100 m grid: smaller files, still valid
    geom = shapely.make_valid(geom)
    # make_valid can return collections; keep the polygonal parts only
    geom = [_polygonal(g) for g in geom]
    out = gpd.GeoDataFrame({"code": merged.index.astype(str)}, geometry=geom, crs="EPSG:4326")
    attrs = gdf.drop(columns="geometry").drop_duplicates("code").set_index("code")
    out = out.join(attrs, on="code")
    return orient_clockwise(out).reset_index(drop=True)


def _polygonal(geom):
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [g for g in shapely.get_parts(geom) if isinstance(g, (Polygon, MultiPolygon))]
    return shapely.union_all(polys)


def load_boundaries(level: str = "province", detail: str = "web") -> gpd.GeoDataFrame:
    """Boundaries of a level as a GeoDataFrame (EPSG:4326), one feature per current code.

    Columns: ``code``, ``name`` (official), ``geometry`` (+ ``province_code`` for kab/kota).
    ``detail="full"`` reads the raw layer; ``"web"`` the simplified one that `tppo clean`
    builds in ``data/processed/``. Guarantees are checked on every load.
    """
    lv = _level(level)
    if detail not in ("web", "full"):
        raise BoundaryError(f"unknown detail {detail!r}; use 'web' or 'full'")
    if detail == "full":
        gdf = orient_clockwise(_read(full_path(lv)))
    else:
        gdf = _read(_web_cache(lv))
    keep = ["code", "name"] + (["province_code"] if lv == "kabkota" else []) + ["geometry"]
    gdf = gdf[keep].sort_values("code").reset_index(drop=True)
    check_boundaries(gdf, lv)
    return gdf


def check_boundaries(gdf: gpd.GeoDataFrame, level: str) -> None:
    """Raise BoundaryError unless codes match the code list 1:1 and geometry is sound."""
    import shapely

    from . import codes

    lv = _level(level)
    expected = set(codes.provinces()["code"] if lv == "province" else codes.kabkota()["code"])
    found = list(gdf["code"])
    problems = []
    dupes = sorted({c for c in found if found.count(c) > 1})
    if dupes:
        problems.append(f"duplicate codes: {dupes}")
    missing, extra = sorted(expected - set(found)), sorted(set(found) - expected)
    if missing:
        problems.append(f"codes without a feature: {missing}")
    if extra:
        problems.append(f"features with codes not in the list: {extra}")
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        problems.append(f"CRS is {gdf.crs}, expected EPSG:4326")
    invalid = list(gdf.loc[~gdf.geometry.is_valid, "code"])
    if invalid:
        problems.append(f"invalid geometries: {invalid}")
    ccw = [c for c, g in zip(gdf["code"], gdf.geometry, strict=True)
           if not all(not r.is_ccw for r in _exteriors(g, shapely))]
    if ccw:
        problems.append(f"counter-clockwise exterior rings: {ccw}")
    if problems:
        raise BoundaryError(f"{lv} boundaries: " + "; ".join(problems))


def _exteriors(geom, shapely):
    return [p.exterior for p in shapely.get_parts(geom)]


def to_geojson(gdf: gpd.GeoDataFrame) -> dict:
    """A GeoJSON dict with ``id`` = code on every feature, for ``featureidkey='id'``."""
    data = json.loads(gdf[["code", "name", "geometry"]].to_json(drop_id=True))
    for feat in data["features"]:
        feat["id"] = feat["properties"]["code"]
    return data


def web_geojson(level: str = "province") -> dict:
    """The web layer as a GeoJSON dict (``id`` = code).

    The layer is written only by :func:`build_web`, which checks it; reading it back with
    ``json`` skips geopandas, which matters when every report draws a map. Features keep
    ``code`` and ``name`` only.
    """
    data = json.loads(_web_cache(_level(level)).read_text(encoding="utf-8"))
    for feat in data["features"]:
        props = feat["properties"]
        feat["properties"] = {"code": str(props["code"]), "name": props.get("name")}
        feat["id"] = feat["properties"]["code"]
    return data
