"""Boundaries: one valid, clockwise feature per code, EPSG:4326, reproducible web layer."""

from __future__ import annotations

import pytest
import shapely

from tppo_analysis import geography as regions
from tppo_analysis.geography import boundaries as geo


@pytest.mark.parametrize("level,n", [("province", 38), ("regency", 514)])
@pytest.mark.parametrize("detail", ["full", "web"])
def test_boundaries_guarantees(level, n, detail):
    gdf = geo.load_boundaries(level, detail)
    codes = regions.provinces()["code"] if level == "province" else regions.kabkota()["code"]
    assert len(gdf) == n and gdf["code"].is_unique
    assert set(gdf["code"]) == set(codes)
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    for geom in gdf.geometry:
        assert not any(p.exterior.is_ccw for p in shapely.get_parts(geom))


def test_web_layer_is_rebuilt_identically(tmp_path, monkeypatch):
    first = geo.simplify(geo._read(geo.full_path("province")))
    second = geo.simplify(geo._read(geo.full_path("province")))
    assert first.to_json() == second.to_json()
    assert shapely.get_num_coordinates(first.geometry.values).sum() < \
        shapely.get_num_coordinates(geo._read(geo.full_path("province")).geometry.values).sum()


def test_check_catches_counter_clockwise_and_missing():
    gdf = geo.load_boundaries("province", "web")
    bad = gdf.copy()
    bad.geometry = shapely.orient_polygons(bad.geometry.values, exterior_cw=False)
    with pytest.raises(geo.BoundaryError, match="counter-clockwise"):
        geo.check_boundaries(bad, "province")
    with pytest.raises(geo.BoundaryError, match="without a feature: \\['96'\\]"):
        geo.check_boundaries(gdf[gdf["code"] != "96"], "province")


def test_geojson_feature_ids_are_codes():
    data = geo.to_geojson(geo.load_boundaries("province"))
    assert sorted(f["id"] for f in data["features"]) == sorted(regions.provinces()["code"])
